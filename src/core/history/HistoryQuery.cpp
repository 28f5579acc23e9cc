#include "HistoryQuery.h"

#include "db/SqlTime.h"
#include "services/ServiceSql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {
const QString columns = QStringLiteral("id, occurred_at, actor, action, table_name, row_key, reason, details");

QString likeEscaped(QString text)
{
    text.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    text.replace(QLatin1Char('%'), QStringLiteral("\\%"));
    text.replace(QLatin1Char('_'), QStringLiteral("\\_"));
    return text;
}

QList<AuditEntry> run(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, QString* error)
{
    QList<AuditEntry> entries;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        if (error) {
            *error = query.lastError().text();
        }
        return entries;
    }
    for (const QVariant& b : binds) {
        query.addBindValue(b);
    }
    if (!query.exec()) {
        if (error) {
            *error = query.lastError().text();
        }
        return entries;
    }
    const SqlTime time = SqlTime::forConnection(db);
    while (query.next()) {
        AuditEntry e;
        e.id = query.value(0).toLongLong();
        e.occurredAt = time.fromDb(query.value(1));
        e.actor = query.value(2).toString();
        e.action = query.value(3).toString();
        e.table = query.value(4).toString();
        e.rowKey = query.value(5).toString();
        e.reason = query.value(6).toString();
        e.details = query.value(7).toString();
        e.changes = AuditEntry::parseDetails(e.details);
        entries << e;
    }
    return entries;
}
} // namespace

namespace HistoryQuery {

bool available(const QSqlDatabase& db)
{
    return ServiceSql::hasTable(db, QStringLiteral("coursedesk_audit_log"));
}

QString offText()
{
    return QStringLiteral("History is off: this database has no coursedesk_audit_log "
                          "(create Coursedesk's objects to turn it on)");
}

QList<AuditEntry> fetch(const QSqlDatabase& db, const HistoryFilter& filter, qint64 beforeId, int limit, QString* error)
{
    QStringList where;
    QVariantList binds;
    const SqlTime time = SqlTime::forConnection(db);
    if (!filter.table.isEmpty()) {
        where << QStringLiteral("table_name = ?");
        binds << filter.table;
    }
    if (!filter.rowKey.isEmpty()) {
        where << QStringLiteral("row_key = ?");
        binds << filter.rowKey.trimmed();
    }
    if (!filter.actor.trimmed().isEmpty()) {
        where << QStringLiteral("LOWER(actor) LIKE ? ESCAPE '\\'");
        binds << QStringLiteral("%%1%").arg(likeEscaped(filter.actor.trimmed().toLower()));
    }
    if (filter.from.isValid()) {
        where << QStringLiteral("occurred_at >= ?");
        binds << time.toDb(filter.from);
    }
    if (filter.to.isValid()) {
        where << QStringLiteral("occurred_at < ?");
        binds << time.toDb(filter.to);
    }
    if (beforeId > 0) {
        where << QStringLiteral("id < ?");
        binds << beforeId;
    }
    QString sql = QStringLiteral("SELECT %1 FROM coursedesk_audit_log").arg(columns);
    if (!where.isEmpty()) {
        sql += QStringLiteral(" WHERE ") + where.join(QStringLiteral(" AND "));
    }
    sql += QStringLiteral(" ORDER BY id DESC LIMIT %1").arg(qMax(1, limit));
    return run(db, sql, binds, error);
}

std::optional<AuditEntry> entry(const QSqlDatabase& db, qint64 id, QString* error)
{
    const auto list =
        run(db, QStringLiteral("SELECT %1 FROM coursedesk_audit_log WHERE id = ?").arg(columns), {id}, error);
    if (list.isEmpty()) {
        return std::nullopt;
    }
    return list.first();
}

} // namespace HistoryQuery
