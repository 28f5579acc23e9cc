#include "AuditLog.h"

#include "ServiceSql.h"

namespace AuditLog {

bool available(const QSqlDatabase& db)
{
    return ServiceSql::hasTable(db, QStringLiteral("coursedesk_audit_log"));
}

bool record(const QSqlDatabase& db, const QString& action, const QString& table, const QVariant& key,
            const QString& reason, const QString& details)
{
    if (!available(db)) {
        return true;
    }
    const QString actor = qEnvironmentVariable("USER", QStringLiteral("coursedesk")).left(100);
    return ServiceSql::exec(db,
                            QStringLiteral("INSERT INTO coursedesk_audit_log (occurred_at, actor, action, table_name, "
                                           "row_key, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                            {ServiceSql::now(db), actor, action.left(50), table, key.toString(),
                             reason.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(reason),
                             details.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(details)});
}

} // namespace AuditLog
