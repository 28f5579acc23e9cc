#include "RowValidator.h"

#include "domain/PlatformValues.h"
#include "money/Money.h"

#include <QRegularExpression>

namespace {
QString headerOf(const TableSpec& spec, const QString& column)
{
    const ColumnSpec* c = spec.column(column);
    return c ? c->header : column;
}

QString text(const QHash<QString, QVariant>& values, const QString& column)
{
    return values.value(column).toString().trimmed();
}

bool isEmpty(const QVariant& value)
{
    return value.isNull() || value.toString().trimmed().isEmpty();
}

QString formatProblem(const ColumnSpec& c, const QString& value)
{
    using F = ColumnSpec::Format;
    switch (c.format) {
    case F::Email:
        return RowValidator::isValidEmail(value)
                   ? QString()
                   : QStringLiteral("%1 \"%2\" is not a valid email address").arg(c.header, value);
    case F::Phone:
        return RowValidator::isValidPhone(value)
                   ? QString()
                   : QStringLiteral("%1 \"%2\" is not a 10-digit Indian mobile number starting with 6-9")
                         .arg(c.header, value);
    case F::Pincode:
        return RowValidator::isValidPincode(value) ? QString()
                                                   : QStringLiteral("%1 \"%2\" must be 6 digits").arg(c.header, value);
    case F::CourseSlug:
        return RowValidator::isValidCourseSlug(value)
                   ? QString()
                   : QStringLiteral("%1 \"%2\" must be lower-case words joined by hyphens (starter-track)")
                         .arg(c.header, value);
    case F::Currency:
        return PlatformValues::isKnownCurrency(value)
                   ? QString()
                   : QStringLiteral("%1 \"%2\" is not a known ISO 4217 code").arg(c.header, value);
    case F::None:
        break;
    }
    return QString();
}
} // namespace

bool RowValidator::isValidEmail(const QString& email)
{
    static const QRegularExpression re(QStringLiteral(R"(^[^@\s]+@[^@\s]+\.[^@\s.]+$)"));
    return re.match(email).hasMatch();
}

bool RowValidator::isValidPhone(const QString& phone)
{
    static const QRegularExpression re(QStringLiteral(R"(^[6-9]\d{9}$)"));
    return re.match(phone).hasMatch();
}

bool RowValidator::isValidPincode(const QString& pincode)
{
    static const QRegularExpression re(QStringLiteral(R"(^\d{6}$)"));
    return re.match(pincode).hasMatch();
}

bool RowValidator::isValidCourseSlug(const QString& slug)
{
    static const QRegularExpression re(QStringLiteral(R"(^[a-z0-9]+(-[a-z0-9]+)*$)"));
    return slug.size() <= 50 && re.match(slug).hasMatch();
}

QList<RowValidator::Violation> RowValidator::validate(const TableSpec& spec, const QHash<QString, QVariant>& values,
                                                      const QSet<QString>& changed)
{
    QList<Violation> out;
    auto add = [&](const QString& column, const QString& message) { out.append({column, message}); };

    // Per-column rules by kind.
    for (const ColumnSpec& c : spec.columns) {
        if (!changed.contains(c.name)) {
            continue;
        }
        const QVariant value = values.value(c.name);
        if (c.kind == ColumnSpec::Kind::Enum && !isEmpty(value) &&
            !PlatformValues::isKnown(c.enumKind, value.toString())) {
            add(c.name,
                QStringLiteral("%1 \"%2\" is not a value the platform knows (allowed: %3)")
                    .arg(c.header, value.toString(), PlatformValues::values(c.enumKind).join(QStringLiteral(", "))));
        }
        if (c.kind == ColumnSpec::Kind::Money && !isEmpty(value)) {
            const auto minor = Money::minorFromSql(value);
            if (!minor) {
                add(c.name, QStringLiteral("%1 \"%2\" is not an amount").arg(c.header, value.toString()));
            } else if (*minor < 0) {
                add(c.name, QStringLiteral("%1 cannot be negative").arg(c.header));
            } else if (*minor > Money::maxColumnMinor) {
                add(c.name,
                    QStringLiteral("%1 is above the largest amount the database holds (99,999,999.99)").arg(c.header));
            }
        }
    }

    // Formats and rules across columns, as the table's description states them.
    for (const ColumnSpec& c : spec.columns) {
        const QString value = text(values, c.name);
        if (c.format != ColumnSpec::Format::None && changed.contains(c.name) && !(value.isEmpty() && !c.required)) {
            if (const QString problem = formatProblem(c, value); !problem.isEmpty()) {
                add(c.name, problem);
            }
        }
        if (!c.atMost.isEmpty() && (changed.contains(c.name) || changed.contains(c.atMost))) {
            const auto amount = Money::minorFromSql(values.value(c.name));
            const auto limit = Money::minorFromSql(values.value(c.atMost));
            if (amount && limit && *amount > *limit) {
                add(c.name, QStringLiteral("%1 %2 is above the %3 %4")
                                .arg(c.header, Money::format(*amount, QStringLiteral("INR")),
                                     headerOf(spec, c.atMost).toLower(), Money::format(*limit, QStringLiteral("INR"))));
            }
        }
    }
    return out;
}
