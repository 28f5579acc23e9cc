#include "ImportLineValidator.h"

#include <QSet>

#include "domain/PlatformValues.h"
#include "domain/RowValidator.h"
#include "domain/TableSpec.h"

QString ImportIssue::text() const
{
    if (field.isEmpty()) {
        return QStringLiteral("line %1: %2").arg(line).arg(message);
    }
    return QStringLiteral("line %1, %2: %3").arg(line).arg(field, message);
}

namespace ImportLineValidator {

namespace {
// The platform's VARCHAR lengths (its schema); SQLite would accept longer text, PostgreSQL not.
int maxLength(const QString& field)
{
    static const QHash<QString, int> lengths = {
        {QStringLiteral("first_name"), 50}, {QStringLiteral("last_name"), 50}, {QStringLiteral("email"), 100},
        {QStringLiteral("phone"), 15},      {QStringLiteral("whatsapp"), 15},  {QStringLiteral("city"), 50},
        {QStringLiteral("state"), 50},      {QStringLiteral("pincode"), 10},   {QStringLiteral("course"), 100},
    };
    return lengths.value(field, -1);
}
} // namespace

Line validate(ImportKind kind, const ImportFields::Mapping& mapping, const ImportRecord& record)
{
    Line out;
    auto issue = [&](const QString& field, const QString& message) {
        out.issues.append({record.line, field, message});
    };
    QSet<QString> refused;
    for (auto it = mapping.cbegin(); it != mapping.cend(); ++it) {
        const QString value =
            it.value() >= 0 && it.value() < record.fields.size() ? record.fields.at(it.value()).trimmed() : QString();
        // Neither engine's text can hold U+0000 (PostgreSQL refuses it, QPSQL even cuts the bound
        // literal short): refused here, and kept out of the lookups.
        if (value.contains(QChar(0))) {
            issue(it.key(), QStringLiteral("%1 contains a NUL character (U+0000)").arg(ImportFields::label(it.key())));
            refused.insert(it.key());
        } else if (!value.isEmpty()) {
            out.values.insert(it.key(), value);
        }
    }
    for (const QString& field : ImportFields::requiredFields(kind)) {
        if (!out.values.contains(field) && !refused.contains(field)) {
            issue(field, QStringLiteral("%1 is required").arg(ImportFields::label(field)));
        }
    }
    for (const QString& field : ImportFields::fields(kind)) {
        const int max = maxLength(field);
        const qsizetype size = out.values.value(field).toString().size();
        if (max > 0 && size > max) {
            issue(field, QStringLiteral("%1 has %2 characters; at most %3 fit")
                             .arg(ImportFields::label(field))
                             .arg(size)
                             .arg(max));
        }
    }
    if (kind == ImportKind::Users) {
        const QString role = out.values.value(QStringLiteral("role")).toString();
        if (!role.isEmpty()) {
            const QString code = role.toUpper();
            if (PlatformValues::isKnown(PlatformValues::Kind::UserRole, code)) {
                out.values.insert(QStringLiteral("role"), code);
            }
        }
        // The forms' own rules (email, phone, pincode formats; known roles), on the given fields.
        QSet<QString> given;
        for (auto it = out.values.cbegin(); it != out.values.cend(); ++it) {
            if (it.key() != QLatin1String("password")) {
                given.insert(it.key());
            }
        }
        const TableSpec* users = TableSpec::forTable(QStringLiteral("users"));
        for (const RowValidator::Violation& v : RowValidator::validate(*users, out.values, given)) {
            const bool already = std::any_of(out.issues.cbegin(), out.issues.cend(),
                                             [&](const ImportIssue& i) { return i.field == v.column; });
            if (!already) {
                issue(v.column, v.message);
            }
        }
    } else {
        const QString email = out.values.value(QStringLiteral("email")).toString();
        if (!email.isEmpty() && !RowValidator::isValidEmail(email)) {
            issue(QStringLiteral("email"), QStringLiteral("Email \"%1\" is not a valid email address").arg(email));
        }
    }
    return out;
}

} // namespace ImportLineValidator
