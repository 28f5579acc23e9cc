#include "UserService.h"

#include "ServiceSql.h"
#include "WriteService.h"
#include "crypto/Bcrypt.h"
#include "domain/PlatformValues.h"
#include "services/RelationLookup.h"

#include <QSqlError>
#include <QSqlQuery>

namespace UserService {

namespace {
QVariant orNull(const QString& text)
{
    return text.trimmed().isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text.trimmed());
}

RowWriter::AlsoWrite businessWriter(const std::optional<BusinessInfo>& business)
{
    if (!business) {
        return {};
    }
    return [info = *business](const QSqlDatabase& db, const QVariant& key, QString* error) {
        return writeBusinessInfo(db, key, info, error);
    };
}
// The Business tab writes only the platform's experience levels.
std::optional<RowWriter::Result> unknownExperienceLevel(const std::optional<BusinessInfo>& business)
{
    if (!business || business->experienceLevel.isEmpty() ||
        PlatformValues::isKnown(PlatformValues::Kind::ExperienceLevel, business->experienceLevel)) {
        return std::nullopt;
    }
    RowWriter::Result r;
    r.status = RowWriter::Status::Invalid;
    r.message =
        QStringLiteral("Experience level \"%1\" is not a value the platform knows").arg(business->experienceLevel);
    r.violations.append({QStringLiteral("experience_level"), r.message});
    return r;
}
} // namespace

QString passwordProblem(const QString& password)
{
    if (password.size() < 8) {
        return QStringLiteral("The password must have at least 8 characters");
    }
    if (password.toUtf8().size() > 72) {
        // bcrypt reads only the first 72 bytes: a longer password would silently lose its tail.
        return QStringLiteral("The password must be at most 72 bytes long");
    }
    return QString();
}

RowWriter::Result create(const QSqlDatabase& db, const QHash<QString, QVariant>& in, const QString& password,
                         const std::optional<BusinessInfo>& business)
{
    const QString problem = passwordProblem(password);
    if (!problem.isEmpty()) {
        RowWriter::Result r;
        r.status = RowWriter::Status::Invalid;
        r.message = problem;
        r.violations.append({QStringLiteral("password"), problem});
        return r;
    }
    if (auto refused = unknownExperienceLevel(business)) {
        return *refused;
    }
    QHash<QString, QVariant> values = in;
    if (values.value(QStringLiteral("role")).toString().isEmpty()) {
        values.insert(QStringLiteral("role"), PlatformValues::user);
    }
    const QString hash = Bcrypt::hash(password);
    if (!Bcrypt::looksLikeHash(hash)) {
        RowWriter::Result r;
        r.status = RowWriter::Status::Failed;
        r.message = QStringLiteral("The password could not be hashed");
        return r;
    }
    values.insert(QStringLiteral("password"), hash);
    const bool withBusiness = business && !business->isEmpty();
    return RowWriter::insert(db, *TableSpec::forTable(QStringLiteral("users")), values,
                             withBusiness ? businessWriter(business) : RowWriter::AlsoWrite());
}

RowWriter::Result update(const QSqlDatabase& db, const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                         bool overwrite, const std::optional<BusinessInfo>& business,
                         const std::optional<BusinessInfo>& loadedBusiness)
{
    if (auto refused = unknownExperienceLevel(business)) {
        return *refused;
    }
    // An untouched, empty Business tab does not create a row.
    std::optional<BusinessInfo> toWrite = business;
    if (toWrite && toWrite->isEmpty() && !businessInfo(db, loaded.key())) {
        toWrite.reset();
    }
    RowWriter::AlsoWrite also = businessWriter(toWrite);
    if (also && loadedBusiness && !overwrite) {
        // Inside the save's transaction: the business info must still be what the form showed.
        also = [also, expected = *loadedBusiness](const QSqlDatabase& db, const QVariant& key, QString* error) {
            const BusinessInfo now = businessInfo(db, key).value_or(BusinessInfo());
            if (!(now == expected)) {
                *error = QStringLiteral("Someone else changed this user's business info since the form loaded it "
                                        "(experience \"%1\", current business \"%2\", goals \"%3\"). Nothing "
                                        "was saved; close the form and open it again to see their change.")
                             .arg(now.experienceLevel, now.currentBusiness, now.goals);
                return false;
            }
            return also(db, key, error);
        };
    }
    return RowWriter::update(db, *TableSpec::forTable(QStringLiteral("users")), loaded, values, overwrite, also);
}

ServiceResult resetPassword(const QSqlDatabase& db, const QVariant& userId, const QString& password)
{
    const QString problem = passwordProblem(password);
    if (!problem.isEmpty()) {
        return ServiceResult::failure(problem, QStringLiteral("password"));
    }
    const QString hash = Bcrypt::hash(password);
    if (!Bcrypt::looksLikeHash(hash)) {
        return ServiceResult::failure(QStringLiteral("The password could not be hashed"));
    }
    // Through the write service: the audit row says "password changed", never the hash.
    WriteSession session(db);
    const auto r =
        session.update(*TableSpec::forTable(QStringLiteral("users")), userId, {{QStringLiteral("password"), hash}});
    if (r.status == WriteResult::Status::Missing) {
        return ServiceResult::failure(QStringLiteral("The user no longer exists"));
    }
    if (!r.ok() || !session.commit()) {
        return ServiceResult::failure(QStringLiteral("The password was not changed: ") +
                                      (r.ok() ? session.error() : r.message));
    }
    return ServiceResult::success(QStringLiteral("Password changed"), true, userId);
}

QString UserMatch::display() const
{
    return name.isEmpty() ? email : QStringLiteral("%1 <%2>").arg(name, email);
}

QList<UserMatch> findUsers(const QSqlDatabase& db, const QString& text, int limit)
{
    QList<UserMatch> out;
    QSet<QString> seen;
    const ColumnSpec* userColumn =
        TableSpec::forTable(QStringLiteral("enrollments"))->column(QStringLiteral("user_id"));
    for (const auto& m : RelationLookup::firstMatches(db, *userColumn, text, limit)) {
        seen.insert(m.key.toString());
        out.append({m.key, m.display, QString()});
    }
    const QString needle = text.trimmed().toLower();
    if (!needle.isEmpty() && out.size() < limit) {
        // LIKE with the user's text as a bound prefix; its wildcards are escaped.
        QString pattern = needle;
        pattern.replace(QLatin1Char('\\'), QStringLiteral("\\\\"))
            .replace(QLatin1Char('%'), QStringLiteral("\\%"))
            .replace(QLatin1Char('_'), QStringLiteral("\\_"));
        pattern += QLatin1Char('%');
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT id, email FROM users WHERE lower(first_name) LIKE ? ESCAPE '\\' "
                                     "OR lower(last_name) LIKE ? ESCAPE '\\' "
                                     "OR lower(first_name || ' ' || last_name) LIKE ? ESCAPE '\\' "
                                     "ORDER BY lower(email), id LIMIT %1")
                          .arg(limit));
        query.addBindValue(pattern);
        query.addBindValue(pattern);
        query.addBindValue(pattern);
        if (query.exec()) {
            while (query.next() && out.size() < limit) {
                if (!seen.contains(query.value(0).toString())) {
                    seen.insert(query.value(0).toString());
                    out.append({query.value(0), query.value(1).toString(), QString()});
                }
            }
        }
    }
    for (UserMatch& m : out) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT first_name, last_name FROM users WHERE id = ?"));
        query.addBindValue(m.id);
        if (query.exec() && query.next()) {
            m.name = (query.value(0).toString() + QLatin1Char(' ') + query.value(1).toString()).trimmed();
        }
    }
    return out;
}

std::optional<BusinessInfo> businessInfo(const QSqlDatabase& db, const QVariant& userId)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT experience_level, current_business, goals FROM user_business_info WHERE user_id = ?"));
    query.addBindValue(userId);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    return BusinessInfo{query.value(0).toString(), query.value(1).toString(), query.value(2).toString()};
}

bool writeBusinessInfo(const QSqlDatabase& db, const QVariant& userId, const BusinessInfo& info, QString* error)
{
    if (!info.experienceLevel.isEmpty() &&
        !PlatformValues::isKnown(PlatformValues::Kind::ExperienceLevel, info.experienceLevel)) {
        *error = QStringLiteral("Experience level \"%1\" is not a value the platform knows").arg(info.experienceLevel);
        return false;
    }
    const TableSpec& spec = *TableSpec::forTable(QStringLiteral("user_business_info"));
    const QHash<QString, QVariant> values{{QStringLiteral("experience_level"), orNull(info.experienceLevel)},
                                          {QStringLiteral("current_business"), orNull(info.currentBusiness)},
                                          {QStringLiteral("goals"), orNull(info.goals)}};
    WriteSession session(db); // joins the caller's transaction
    const auto existing =
        ServiceSql::scalar(db, QStringLiteral("SELECT id FROM user_business_info WHERE user_id = ?"), {userId});
    QHash<QString, QVariant> insert = values;
    insert.insert(QStringLiteral("user_id"), userId);
    // Unchanged info is not rewritten (its updated_at keeps meaning "last changed").
    const WriteResult r = existing ? session.update(spec, *existing, values) : session.insert(spec, insert);
    if (!r.ok() && error) {
        *error = QStringLiteral("Business info was not saved: ") + r.message;
    }
    return r.ok();
}

} // namespace UserService
