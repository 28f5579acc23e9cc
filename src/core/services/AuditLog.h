#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

// coursedesk_audit_log, written only where Coursedesk's own migration created it: an existing
// platform database whose owner declined Coursedesk's tables has none, and the workflows still run.
namespace AuditLog {
// One row (actor = the OS user). Call inside the workflow's transaction. Returns true when written
// or when there is no audit log; false only when the insert itself failed.
bool record(const QSqlDatabase& db, const QString& action, const QString& table, const QVariant& key,
            const QString& reason, const QString& details = QString());
bool available(const QSqlDatabase& db);
} // namespace AuditLog
