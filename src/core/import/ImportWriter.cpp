#include "ImportWriter.h"

#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/OrderNumber.h"
#include "domain/PlatformValues.h"
#include "services/AuditLog.h"
#include "services/ServiceSql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>

namespace ImportWriter {

namespace {
constexpr int progressEvery = 200;

QJsonObject change(const QString& column, const QJsonValue& before, const QJsonValue& after)
{
    return QJsonObject{
        {QStringLiteral("column"), column}, {QStringLiteral("before"), before}, {QStringLiteral("after"), after}};
}

QString details(const QJsonArray& changes)
{
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("changes"), changes}}).toJson(QJsonDocument::Compact));
}

// Writes rows and their audit entries with statements prepared once (thousands of rows).
class Writer
{
public:
    Writer(QSqlDatabase db, const ImportPlan& plan) : m_db(std::move(db)), m_plan(plan)
    {
        m_postgres = Database::isPostgres(m_db);
        m_now = ServiceSql::now(m_db);
        // The audit log's UTC ISO form of "now" (RowSnapshot::normalize's timestamp form).
        const QDateTime instant = SqlTime::forConnection(m_db).fromDb(m_now);
        m_nowIso = instant.toUTC().toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss.zzzZ"));
        m_audit = AuditLog::available(m_db);
        m_actor = qEnvironmentVariable("USER", QStringLiteral("coursedesk")).left(100);
    }

    bool prepareAudit()
    {
        if (!m_audit) {
            return true;
        }
        m_auditQuery = QSqlQuery(m_db);
        return m_auditQuery.prepare(
            QStringLiteral("INSERT INTO coursedesk_audit_log (occurred_at, actor, action, "
                           "table_name, row_key, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?)"));
    }

    bool audit(const QString& action, const QString& table, const QVariant& key, const QString& reason,
               const QString& json)
    {
        if (!m_audit) {
            return true;
        }
        m_auditQuery.addBindValue(m_now);
        m_auditQuery.addBindValue(m_actor);
        m_auditQuery.addBindValue(action);
        m_auditQuery.addBindValue(table);
        m_auditQuery.addBindValue(key.toString());
        m_auditQuery.addBindValue(reason.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(reason));
        m_auditQuery.addBindValue(json);
        if (!m_auditQuery.exec()) {
            m_error = QStringLiteral("the audit log could not be written: ") + m_auditQuery.lastError().text();
            return false;
        }
        return true;
    }

    QVariant insert(QSqlQuery& query, const QVariantList& binds)
    {
        for (const QVariant& v : binds) {
            query.addBindValue(v);
        }
        if (!query.exec()) {
            m_error = query.lastError().text();
            return QVariant();
        }
        if (m_postgres) {
            return query.next() ? query.value(0) : QVariant();
        }
        return query.lastInsertId();
    }

    QString insertSql(const QString& table, const QStringList& columns) const
    {
        QStringList marks;
        for (qsizetype i = 0; i < columns.size(); ++i) {
            marks << QStringLiteral("?");
        }
        return QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)%4")
            .arg(table, columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")),
                 m_postgres ? QStringLiteral(" RETURNING id") : QString());
    }

    bool createUsers(const Progress& progress, const std::atomic_bool* cancel, int* done, int total)
    {
        static const QStringList columns = {
            QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"),
            QStringLiteral("phone"),      QStringLiteral("whatsapp"),  QStringLiteral("address"),
            QStringLiteral("city"),       QStringLiteral("state"),     QStringLiteral("pincode"),
            QStringLiteral("role"),       QStringLiteral("password"),  QStringLiteral("created_at"),
            QStringLiteral("updated_at")};
        QSqlQuery query(m_db);
        if (!query.prepare(insertSql(QStringLiteral("users"), columns))) {
            m_error = query.lastError().text();
            return false;
        }
        for (const ImportUser& user : m_plan.creates) {
            if (cancel && cancel->load()) {
                m_error = QStringLiteral("cancelled");
                return false;
            }
            QVariantList binds;
            QJsonArray changes;
            for (const QString& c : columns) {
                if (c == QLatin1String("password")) {
                    binds << user.passwordHash;
                    changes.append(QJsonObject{{QStringLiteral("column"), c},
                                               {QStringLiteral("note"), QStringLiteral("password changed")}});
                } else if (c == QLatin1String("created_at") || c == QLatin1String("updated_at")) {
                    binds << m_now;
                    changes.append(change(c, QJsonValue::Null, m_nowIso));
                } else if (user.values.contains(c)) {
                    binds << user.values.value(c).toString();
                    changes.append(change(c, QJsonValue::Null, user.values.value(c).toString()));
                } else {
                    binds << QVariant(QMetaType::fromType<QString>());
                    changes.append(change(c, QJsonValue::Null, QJsonValue::Null));
                }
            }
            if (user.passwordHash.isEmpty()) {
                m_error = QStringLiteral("line %1: no password hash (hashing did not finish)").arg(user.line);
                return false;
            }
            const QVariant id = insert(query, binds);
            if (!id.isValid()) {
                m_error = QStringLiteral("line %1: %2").arg(user.line).arg(m_error);
                return false;
            }
            if (!audit(QStringLiteral("insert"), QStringLiteral("users"), id, QString(), details(changes))) {
                return false;
            }
            tick(progress, done, total);
        }
        return true;
    }

    bool updateUsers(const Progress& progress, const std::atomic_bool* cancel, int* done, int total)
    {
        for (const ImportUser& user : m_plan.updates) {
            if (cancel && cancel->load()) {
                m_error = QStringLiteral("cancelled");
                return false;
            }
            QStringList columns = user.values.keys();
            std::sort(columns.begin(), columns.end());
            // Nobody may have changed these columns since the preview read them.
            if (!columns.isEmpty()) {
                QSqlQuery current(m_db);
                current.prepare(QStringLiteral("SELECT %1 FROM users WHERE id = ?%2")
                                    .arg(columns.join(QStringLiteral(", ")),
                                         m_postgres ? QStringLiteral(" FOR UPDATE") : QString()));
                current.addBindValue(user.id);
                if (!current.exec() || !current.next()) {
                    m_error = QStringLiteral("line %1: the user was deleted by someone else since the preview")
                                  .arg(user.line);
                    return false;
                }
                for (int i = 0; i < columns.size(); ++i) {
                    if (current.value(i).toString() != user.before.value(columns.at(i))) {
                        m_error =
                            QStringLiteral("line %1, %2: someone else changed this user since the preview "
                                           "(\"%3\" is now \"%4\"); preview the file again")
                                .arg(user.line)
                                .arg(columns.at(i), user.before.value(columns.at(i)), current.value(i).toString());
                        return false;
                    }
                }
            }
            QStringList sets;
            QVariantList binds;
            QJsonArray changes;
            for (const QString& c : std::as_const(columns)) {
                sets << c + QStringLiteral(" = ?");
                binds << user.values.value(c).toString();
                changes.append(change(c, user.before.value(c), user.values.value(c).toString()));
            }
            if (!user.passwordHash.isEmpty()) {
                sets << QStringLiteral("password = ?");
                binds << user.passwordHash;
                changes.append(QJsonObject{{QStringLiteral("column"), QStringLiteral("password")},
                                           {QStringLiteral("note"), QStringLiteral("password changed")}});
            }
            sets << QStringLiteral("updated_at = ?");
            binds << m_now << user.id;
            QSqlError error;
            if (!ServiceSql::exec(
                    m_db, QStringLiteral("UPDATE users SET %1 WHERE id = ?").arg(sets.join(QStringLiteral(", "))),
                    binds, &error)) {
                m_error = QStringLiteral("line %1: %2").arg(user.line).arg(error.text());
                return false;
            }
            if (!audit(QStringLiteral("update"), QStringLiteral("users"), user.id, QString(), details(changes))) {
                return false;
            }
            tick(progress, done, total);
        }
        return true;
    }

    bool enroll(const Progress& progress, const std::atomic_bool* cancel, int* done, int total)
    {
        const QStringList orderColumns = {QStringLiteral("order_number"), QStringLiteral("user_id"),
                                          QStringLiteral("course_id"),    QStringLiteral("amount"),
                                          QStringLiteral("currency"),     QStringLiteral("status"),
                                          QStringLiteral("created_at"),   QStringLiteral("updated_at")};
        const QStringList enrollmentColumns = {QStringLiteral("user_id"),         QStringLiteral("course_id"),
                                               QStringLiteral("order_id"),        QStringLiteral("status"),
                                               QStringLiteral("enrollment_date"), QStringLiteral("created_at"),
                                               QStringLiteral("updated_at")};
        QSqlQuery orders(m_db);
        QSqlQuery enrollments(m_db);
        if (!orders.prepare(insertSql(QStringLiteral("orders"), orderColumns)) ||
            !enrollments.prepare(insertSql(QStringLiteral("enrollments"), enrollmentColumns))) {
            m_error = orders.lastError().text() + enrollments.lastError().text();
            return false;
        }
        const QString reason =
            QStringLiteral("Complimentary enrollment imported from %1").arg(m_plan.options.sourceName);
        for (const ImportEnrollment& e : m_plan.enrollments) {
            if (cancel && cancel->load()) {
                m_error = QStringLiteral("cancelled");
                return false;
            }
            const QString number = OrderNumber::next(m_db);
            const QVariant orderId = insert(orders, {number, e.userId, e.courseId, QStringLiteral("0.00"),
                                                     QStringLiteral("INR"), PlatformValues::Order::paid, m_now, m_now});
            if (!orderId.isValid()) {
                m_error = QStringLiteral("line %1: %2").arg(e.line).arg(m_error);
                return false;
            }
            const QVariant enrollmentId = insert(
                enrollments, {e.userId, e.courseId, orderId, PlatformValues::Enrollment::active, m_now, m_now, m_now});
            if (!enrollmentId.isValid()) {
                m_error = QStringLiteral("line %1: %2").arg(e.line).arg(m_error);
                return false;
            }
            const QJsonArray orderChanges = {
                change(QStringLiteral("order_number"), QJsonValue::Null, number),
                change(QStringLiteral("user_id"), QJsonValue::Null, e.userId.toString()),
                change(QStringLiteral("course_id"), QJsonValue::Null, e.courseId),
                change(QStringLiteral("amount"), QJsonValue::Null, QStringLiteral("0.00")),
                change(QStringLiteral("currency"), QJsonValue::Null, QStringLiteral("INR")),
                change(QStringLiteral("status"), QJsonValue::Null, PlatformValues::Order::paid)};
            const QJsonArray enrollmentChanges = {
                change(QStringLiteral("user_id"), QJsonValue::Null, e.userId.toString()),
                change(QStringLiteral("course_id"), QJsonValue::Null, e.courseId),
                change(QStringLiteral("order_id"), QJsonValue::Null, orderId.toString()),
                change(QStringLiteral("status"), QJsonValue::Null, PlatformValues::Enrollment::active),
                change(QStringLiteral("enrollment_date"), QJsonValue::Null, m_nowIso)};
            if (!audit(QStringLiteral("enroll"), QStringLiteral("orders"), orderId, reason, details(orderChanges)) ||
                !audit(QStringLiteral("enroll"), QStringLiteral("enrollments"), enrollmentId, reason,
                       details(enrollmentChanges))) {
                return false;
            }
            tick(progress, done, total);
        }
        return true;
    }

    QString error() const { return m_error; }

private:
    static void tick(const Progress& progress, int* done, int total)
    {
        ++*done;
        if (progress && (*done % progressEvery == 0 || *done == total)) {
            progress(*done, total);
        }
    }

    QSqlDatabase m_db;
    const ImportPlan& m_plan;
    bool m_postgres = false;
    bool m_audit = false;
    QString m_now;
    QString m_nowIso;
    QString m_actor;
    QSqlQuery m_auditQuery;
    QString m_error;
};
} // namespace

Result apply(const QSqlDatabase& db, const ImportPlan& plan, const Progress& progress, const std::atomic_bool* cancel)
{
    Result result;
    if (!plan.ok()) {
        result.message = QStringLiteral("The file has problems; nothing was imported");
        return result;
    }
    ServiceSql::Transaction tx(db);
    if (!tx.isActive()) {
        result.message = QStringLiteral("Could not start a transaction: ") + tx.error();
        return result;
    }
    Writer writer(db, plan);
    const int total = int(plan.creates.size() + plan.updates.size() + plan.enrollments.size());
    int done = 0;
    const bool ok = writer.prepareAudit() &&
                    (plan.options.kind == ImportKind::Users ? writer.createUsers(progress, cancel, &done, total) &&
                                                                  writer.updateUsers(progress, cancel, &done, total)
                                                            : writer.enroll(progress, cancel, &done, total));
    if (!ok) {
        // The transaction rolls back as `tx` goes.
        result.message = QStringLiteral("Nothing was imported: %1").arg(writer.error());
        return result;
    }
    if (!tx.commit()) {
        result.message = QStringLiteral("Nothing was imported: could not commit: ") + tx.error();
        return result;
    }
    result.ok = true;
    result.written = done;
    result.message =
        plan.options.kind == ImportKind::Users
            ? QStringLiteral("%1 users created, %2 updated").arg(plan.creates.size()).arg(plan.updates.size())
            : QStringLiteral("%1 complimentary enrollments made").arg(plan.enrollments.size());
    return result;
}

} // namespace ImportWriter
