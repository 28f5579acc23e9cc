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

    auto changedAny = [&](std::initializer_list<const char*> columns) {
        for (const char* name : columns) {
            if (changed.contains(QString::fromLatin1(name))) {
                return true;
            }
        }
        return false;
    };

    if (spec.table == QLatin1String("users")) {
        const QString email = text(values, QStringLiteral("email"));
        if (changedAny({"email"}) && !isValidEmail(email)) {
            add(QStringLiteral("email"), QStringLiteral("Email \"%1\" is not a valid email address").arg(email));
        }
        const QString phone = text(values, QStringLiteral("phone"));
        if (changedAny({"phone"}) && !isValidPhone(phone)) {
            add(QStringLiteral("phone"),
                QStringLiteral("Phone \"%1\" is not a 10-digit Indian mobile number starting with 6-9").arg(phone));
        }
        const QString whatsapp = text(values, QStringLiteral("whatsapp"));
        if (changedAny({"whatsapp"}) && !whatsapp.isEmpty() && !isValidPhone(whatsapp)) {
            add(QStringLiteral("whatsapp"),
                QStringLiteral("WhatsApp \"%1\" is not a 10-digit Indian mobile number starting with 6-9")
                    .arg(whatsapp));
        }
        const QString pincode = text(values, QStringLiteral("pincode"));
        if (changedAny({"pincode"}) && !isValidPincode(pincode)) {
            add(QStringLiteral("pincode"), QStringLiteral("Pincode \"%1\" must be 6 digits").arg(pincode));
        }
    } else if (spec.table == QLatin1String("courses")) {
        const QString slug = text(values, QStringLiteral("id"));
        if (changedAny({"id"}) && !isValidCourseSlug(slug)) {
            add(QStringLiteral("id"),
                QStringLiteral("Course ID \"%1\" must be lower-case words joined by hyphens (starter-track)")
                    .arg(slug));
        }
        if (changedAny({"fee", "original_price"})) {
            const auto fee = Money::minorFromSql(values.value(QStringLiteral("fee")));
            const auto original = Money::minorFromSql(values.value(QStringLiteral("original_price")));
            if (fee && original && *fee > *original) {
                add(QStringLiteral("fee"),
                    QStringLiteral("%1 %2 is above the %3 %4")
                        .arg(headerOf(spec, QStringLiteral("fee")), Money::format(*fee, QStringLiteral("INR")),
                             headerOf(spec, QStringLiteral("original_price")).toLower(),
                             Money::format(*original, QStringLiteral("INR"))));
            }
        }
    } else if (spec.table == QLatin1String("orders")) {
        const QString currency = text(values, QStringLiteral("currency"));
        if (changedAny({"currency"}) && !PlatformValues::isKnownCurrency(currency)) {
            add(QStringLiteral("currency"),
                QStringLiteral("Currency \"%1\" is not a known ISO 4217 code").arg(currency));
        }
    }
    return out;
}
