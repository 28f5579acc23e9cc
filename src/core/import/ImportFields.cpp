#include "ImportFields.h"

namespace ImportFields {

namespace {
QString normal(const QString& header)
{
    QString out;
    for (const QChar c : header) {
        if (c.isLetterOrNumber()) {
            out.append(c.toLower());
        }
    }
    return out;
}

// Header spellings seen in spreadsheets, normalised (lower case, letters and digits only).
const QHash<QString, QString>& aliases(ImportKind kind)
{
    static const QHash<QString, QString> users = {
        {QStringLiteral("firstname"), QStringLiteral("first_name")},
        {QStringLiteral("givenname"), QStringLiteral("first_name")},
        {QStringLiteral("first"), QStringLiteral("first_name")},
        {QStringLiteral("lastname"), QStringLiteral("last_name")},
        {QStringLiteral("surname"), QStringLiteral("last_name")},
        {QStringLiteral("familyname"), QStringLiteral("last_name")},
        {QStringLiteral("last"), QStringLiteral("last_name")},
        {QStringLiteral("email"), QStringLiteral("email")},
        {QStringLiteral("emailaddress"), QStringLiteral("email")},
        {QStringLiteral("mail"), QStringLiteral("email")},
        {QStringLiteral("phone"), QStringLiteral("phone")},
        {QStringLiteral("phonenumber"), QStringLiteral("phone")},
        {QStringLiteral("mobile"), QStringLiteral("phone")},
        {QStringLiteral("mobilenumber"), QStringLiteral("phone")},
        {QStringLiteral("whatsapp"), QStringLiteral("whatsapp")},
        {QStringLiteral("whatsappnumber"), QStringLiteral("whatsapp")},
        {QStringLiteral("address"), QStringLiteral("address")},
        {QStringLiteral("street"), QStringLiteral("address")},
        {QStringLiteral("city"), QStringLiteral("city")},
        {QStringLiteral("state"), QStringLiteral("state")},
        {QStringLiteral("pincode"), QStringLiteral("pincode")},
        {QStringLiteral("pin"), QStringLiteral("pincode")},
        {QStringLiteral("postalcode"), QStringLiteral("pincode")},
        {QStringLiteral("zip"), QStringLiteral("pincode")},
        {QStringLiteral("zipcode"), QStringLiteral("pincode")},
        {QStringLiteral("role"), QStringLiteral("role")},
        {QStringLiteral("password"), QStringLiteral("password")},
    };
    static const QHash<QString, QString> enrollments = {
        {QStringLiteral("email"), QStringLiteral("email")},
        {QStringLiteral("emailaddress"), QStringLiteral("email")},
        {QStringLiteral("user"), QStringLiteral("email")},
        {QStringLiteral("useremail"), QStringLiteral("email")},
        {QStringLiteral("course"), QStringLiteral("course")},
        {QStringLiteral("courseid"), QStringLiteral("course")},
        {QStringLiteral("coursename"), QStringLiteral("course")},
    };
    return kind == ImportKind::Users ? users : enrollments;
}
} // namespace

QStringList fields(ImportKind kind)
{
    if (kind == ImportKind::Users) {
        return {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"),
                QStringLiteral("phone"),      QStringLiteral("whatsapp"),  QStringLiteral("address"),
                QStringLiteral("city"),       QStringLiteral("state"),     QStringLiteral("pincode"),
                QStringLiteral("role"),       QStringLiteral("password")};
    }
    return {QStringLiteral("email"), QStringLiteral("course")};
}

QStringList requiredFields(ImportKind kind)
{
    if (kind == ImportKind::Users) {
        return {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"),
                QStringLiteral("phone"),      QStringLiteral("address"),   QStringLiteral("city"),
                QStringLiteral("state"),      QStringLiteral("pincode")};
    }
    return {QStringLiteral("email"), QStringLiteral("course")};
}

QString label(const QString& field)
{
    QString text = field;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    if (!text.isEmpty()) {
        text[0] = text.at(0).toUpper();
    }
    return text == QLatin1String("Whatsapp") ? QStringLiteral("WhatsApp") : text;
}

Mapping match(ImportKind kind, const QStringList& header)
{
    Mapping mapping;
    for (int i = 0; i < header.size(); ++i) {
        const QString field = aliases(kind).value(normal(header.at(i)));
        if (!field.isEmpty() && !mapping.contains(field)) {
            mapping.insert(field, i);
        }
    }
    return mapping;
}

QString name(ImportKind kind)
{
    return kind == ImportKind::Users ? QStringLiteral("users") : QStringLiteral("enrollments");
}

bool parseKind(const QString& text, ImportKind* kind)
{
    if (text == QLatin1String("users")) {
        *kind = ImportKind::Users;
        return true;
    }
    if (text == QLatin1String("enrollments")) {
        *kind = ImportKind::Enrollments;
        return true;
    }
    return false;
}

} // namespace ImportFields
