#include "ImportPlanner.h"

#include "db/Database.h"
#include "services/UserService.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace ImportPlanner {

namespace {
constexpr int lookupChunk = 500;

QString placeholders(qsizetype n)
{
    QStringList marks;
    marks.reserve(n);
    for (qsizetype i = 0; i < n; ++i) {
        marks << QStringLiteral("?");
    }
    return marks.join(QStringLiteral(", "));
}

const QStringList& userColumns()
{
    static const QStringList columns = {
        QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"), QStringLiteral("phone"),
        QStringLiteral("whatsapp"),   QStringLiteral("address"),   QStringLiteral("city"),  QStringLiteral("state"),
        QStringLiteral("pincode"),    QStringLiteral("role")};
    return columns;
}

struct ExistingUser
{
    QVariant id;
    QHash<QString, QString> values;
};

// Users whose email matches one of `emails` regardless of case, by lower-case email. The
// lower(email) index (Coursedesk's migration 003) serves it; the platform's own unique index is
// case-sensitive.
bool findUsers(const QSqlDatabase& db, const QStringList& emails, QHash<QString, ExistingUser>* out, QString* error)
{
    const QString collate = Database::isPostgres(db) ? QStringLiteral(" COLLATE \"C\"") : QString();
    for (qsizetype start = 0; start < emails.size(); start += lookupChunk) {
        const QStringList chunk = emails.mid(start, lookupChunk);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT id, %1 FROM users WHERE lower(email)%2 IN (%3)")
                          .arg(userColumns().join(QStringLiteral(", ")), collate, placeholders(chunk.size())));
        for (const QString& e : chunk) {
            query.addBindValue(e);
        }
        if (!query.exec()) {
            *error = query.lastError().text();
            return false;
        }
        while (query.next()) {
            ExistingUser user;
            user.id = query.value(0);
            for (int i = 0; i < userColumns().size(); ++i) {
                user.values.insert(userColumns().at(i), query.value(i + 1).toString());
            }
            out->insert(user.values.value(QStringLiteral("email")).toLower(), user);
        }
    }
    return true;
}

void planUsers(const QSqlDatabase& db, const QList<std::pair<int, ImportLineValidator::Line>>& lines, ImportPlan* plan)
{
    QHash<QString, int> firstLine;
    QStringList emails;
    for (const auto& [line, parsed] : lines) {
        const QString email = parsed.values.value(QStringLiteral("email")).toString().toLower();
        if (!email.isEmpty() && !firstLine.contains(email)) {
            firstLine.insert(email, line);
            emails << email;
        }
    }
    QHash<QString, ExistingUser> existing;
    QString error;
    if (!findUsers(db, emails, &existing, &error)) {
        plan->issues.append({0, QString(), QStringLiteral("Looking up existing users failed: ") + error});
        return;
    }
    for (const auto& [line, parsed] : lines) {
        const QString email = parsed.values.value(QStringLiteral("email")).toString();
        const QString key = email.toLower();
        if (firstLine.value(key) != line) {
            plan->issues.append(
                {line, QStringLiteral("email"),
                 QStringLiteral("%1 is already on line %2 of this file").arg(email).arg(firstLine.value(key))});
            continue;
        }
        const QString password = parsed.values.value(QStringLiteral("password")).toString();
        if (!password.isEmpty()) {
            const QString problem = UserService::passwordProblem(password);
            if (!problem.isEmpty()) {
                plan->issues.append({line, QStringLiteral("password"), problem});
            }
        }
        if (!parsed.issues.isEmpty()) {
            continue;
        }
        ImportUser user;
        user.line = line;
        user.password = password;
        const auto match = existing.constFind(key);
        if (match == existing.constEnd()) {
            for (const QString& c : userColumns()) {
                if (parsed.values.contains(c)) {
                    user.values.insert(c, parsed.values.value(c));
                }
            }
            if (!user.values.contains(QStringLiteral("role"))) {
                user.values.insert(QStringLiteral("role"), QStringLiteral("USER")); // the platform's default
            }
            plan->creates.append(user);
            continue;
        }
        if (!plan->options.updateExisting) {
            plan->issues.append({line, QStringLiteral("email"),
                                 QStringLiteral("A user with email %1 already exists (choose \"update existing\" to "
                                                "update it)")
                                     .arg(match->values.value(QStringLiteral("email")))});
            continue;
        }
        // Only the columns the file fills and that differ; the email itself is the match.
        user.id = match->id;
        for (const QString& c : userColumns()) {
            if (c == QLatin1String("email") || !parsed.values.contains(c)) {
                continue;
            }
            const QString value = parsed.values.value(c).toString();
            if (value != match->values.value(c)) {
                user.values.insert(c, value);
                user.before.insert(c, match->values.value(c));
            }
        }
        if (user.values.isEmpty() && user.password.isEmpty()) {
            ++plan->unchanged;
            continue;
        }
        plan->updates.append(user);
    }
}

void planEnrollments(const QSqlDatabase& db, const QList<std::pair<int, ImportLineValidator::Line>>& lines,
                     ImportPlan* plan)
{
    // Courses are few (a catalog): read them once, match by id, then by name regardless of case.
    QHash<QString, QString> courseById;
    QHash<QString, QStringList> coursesByName;
    QSqlQuery courses(db);
    if (!courses.exec(QStringLiteral("SELECT id, name FROM courses"))) {
        plan->issues.append(
            {0, QString(), QStringLiteral("Reading the courses failed: ") + courses.lastError().text()});
        return;
    }
    while (courses.next()) {
        courseById.insert(courses.value(0).toString(), courses.value(1).toString());
        coursesByName[courses.value(1).toString().toLower()] << courses.value(0).toString();
    }
    QStringList emails;
    QSet<QString> seen;
    for (const auto& [line, parsed] : lines) {
        const QString email = parsed.values.value(QStringLiteral("email")).toString().toLower();
        if (!email.isEmpty() && !seen.contains(email)) {
            seen.insert(email);
            emails << email;
        }
    }
    QHash<QString, ExistingUser> users;
    QString error;
    if (!findUsers(db, emails, &users, &error)) {
        plan->issues.append({0, QString(), QStringLiteral("Looking up users failed: ") + error});
        return;
    }
    // Enrollments the users already have, by "userId/courseId".
    QSet<QString> enrolled;
    QVariantList ids;
    for (const ExistingUser& u : std::as_const(users)) {
        ids << u.id;
    }
    for (qsizetype start = 0; start < ids.size(); start += lookupChunk) {
        const QVariantList chunk = ids.mid(start, lookupChunk);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        query.prepare(QStringLiteral("SELECT user_id, course_id FROM enrollments WHERE user_id IN (%1)")
                          .arg(placeholders(chunk.size())));
        for (const QVariant& id : chunk) {
            query.addBindValue(id);
        }
        if (!query.exec()) {
            plan->issues.append(
                {0, QString(), QStringLiteral("Reading enrollments failed: ") + query.lastError().text()});
            return;
        }
        while (query.next()) {
            enrolled.insert(query.value(0).toString() + QLatin1Char('/') + query.value(1).toString());
        }
    }
    QHash<QString, int> firstLine;
    for (const auto& [line, parsed] : lines) {
        if (!parsed.issues.isEmpty()) {
            continue;
        }
        const QString email = parsed.values.value(QStringLiteral("email")).toString();
        const QString course = parsed.values.value(QStringLiteral("course")).toString();
        const auto user = users.constFind(email.toLower());
        bool bad = false;
        if (user == users.constEnd()) {
            plan->issues.append({line, QStringLiteral("email"), QStringLiteral("No user has email %1").arg(email)});
            bad = true;
        }
        QString courseId = courseById.contains(course) ? course : QString();
        if (courseId.isEmpty()) {
            const QStringList named = coursesByName.value(course.toLower());
            if (named.size() == 1) {
                courseId = named.first();
            } else if (named.size() > 1) {
                plan->issues.append({line, QStringLiteral("course"),
                                     QStringLiteral("\"%1\" names %2 courses (%3): use the course ID")
                                         .arg(course)
                                         .arg(named.size())
                                         .arg(named.join(QStringLiteral(", ")))});
                bad = true;
            } else {
                plan->issues.append({line, QStringLiteral("course"),
                                     QStringLiteral("No course has the ID or name \"%1\"").arg(course)});
                bad = true;
            }
        }
        if (bad) {
            continue;
        }
        const QString pair = user->id.toString() + QLatin1Char('/') + courseId;
        if (firstLine.contains(pair)) {
            plan->issues.append({line, QStringLiteral("email"),
                                 QStringLiteral("%1 in %2 is already on line %3 of this file")
                                     .arg(email, courseById.value(courseId))
                                     .arg(firstLine.value(pair))});
            continue;
        }
        firstLine.insert(pair, line);
        if (enrolled.contains(pair)) {
            plan->issues.append({line, QStringLiteral("course"),
                                 QStringLiteral("%1 is already enrolled in %2")
                                     .arg(user->values.value(QStringLiteral("email")), courseById.value(courseId))});
            continue;
        }
        plan->enrollments.append(
            {line, user->id, user->values.value(QStringLiteral("email")), courseId, courseById.value(courseId)});
    }
}
} // namespace

QString unusablePasswordMarker()
{
    return QStringLiteral("!no-password:imported-by-coursedesk");
}

ImportPlan plan(const QSqlDatabase& db, const ImportSheet& sheet, const ImportFields::Mapping& mapping,
                const ImportOptions& options)
{
    ImportPlan plan;
    plan.options = options;
    plan.lines = sheet.records.size();
    for (const QString& field : ImportFields::requiredFields(options.kind)) {
        if (!mapping.contains(field)) {
            plan.issues.append({1, field,
                                QStringLiteral("No column is matched to %1 (header names: %2)")
                                    .arg(ImportFields::label(field), sheet.header.join(QStringLiteral(", ")))});
        }
    }
    if (!plan.issues.isEmpty()) {
        return plan;
    }
    QList<std::pair<int, ImportLineValidator::Line>> lines;
    lines.reserve(sheet.records.size());
    for (const ImportRecord& record : sheet.records) {
        ImportLineValidator::Line line = ImportLineValidator::validate(options.kind, mapping, record);
        plan.issues += line.issues;
        lines.append({record.line, std::move(line)});
    }
    if (options.kind == ImportKind::Users) {
        planUsers(db, lines, &plan);
    } else {
        planEnrollments(db, lines, &plan);
    }
    std::stable_sort(plan.issues.begin(), plan.issues.end(),
                     [](const ImportIssue& a, const ImportIssue& b) { return a.line < b.line; });
    return plan;
}

} // namespace ImportPlanner
