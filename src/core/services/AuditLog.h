#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

// coursedesk_audit_log, written only where Coursedesk's own migration created it: an existing
// platform database whose owner declined Coursedesk's tables has none, and saving still works.
// WriteSession writes these rows for every change; the functions here word them.
namespace AuditLog {

// One changed column. Values are in RowSnapshot's normal form; a null QVariant is JSON null.
struct ColumnChange
{
    QString column;
    QVariant before;
    QVariant after;
    bool secret = false; // the password: logged as "password changed", never a value
};

bool available(const QSqlDatabase& db);
// "<database user> (<OS user>)": "staff (asha)"; on SQLite the database user is "sqlite".
QString actor(const QSqlDatabase& db);
// {"changes":[{"column":"city","before":"Pune","after":"CityX"}, …]}
QString details(const QList<ColumnChange>& changes);
// One row. Call inside the writer's transaction. `actor` empty: actor(db). Returns true when
// written or when there is no audit log; false only when the insert itself failed.
bool record(const QSqlDatabase& db, const QString& action, const QString& table, const QVariant& key,
            const QString& reason, const QString& details = QString(), const QString& actor = QString());
// record() for a writer that has checked available() once already (WriteSession): no catalog
// query per row, which on PostgreSQL costs more than the insert itself in a batch of thousands.
bool insertRow(const QSqlDatabase& db, const QString& action, const QString& table, const QVariant& key,
               const QString& reason, const QString& details, const QString& actor);
// insertRow() for many rows of one action on one table (WriteSession::insertMany): the same rows,
// in one statement. `details` holds one entry per key.
bool insertRows(const QSqlDatabase& db, const QString& action, const QString& table, const QVariantList& keys,
                const QString& reason, const QStringList& details, const QString& actor);

} // namespace AuditLog
