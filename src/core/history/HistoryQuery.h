#pragma once

#include "AuditEntry.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>

// What the History page filters by. Empty fields do not filter. The period is [from, to) in
// absolute instants (the page turns the user's local dates into them).
struct HistoryFilter
{
    QString table;  // "orders"
    QString rowKey; // the primary key as text, exact
    QString actor;  // part of the actor, any case ("asha" finds "staff (asha)")
    QDateTime from;
    QDateTime to;
};

// Reads coursedesk_audit_log newest first, a page at a time: keyset on id (ids only grow), so a
// page is one indexed range read however long the log is. Every user-given value is bound.
namespace HistoryQuery {
// False on a database whose owner declined Coursedesk's tables: history is off there.
bool available(const QSqlDatabase& db);
// The sentence the panel and the page show when available() is false.
QString offText();
// Up to `limit` entries matching `filter` with id < `beforeId` (0: from the newest).
// On failure returns an empty list and fills `error`.
QList<AuditEntry> fetch(const QSqlDatabase& db, const HistoryFilter& filter, qint64 beforeId, int limit,
                        QString* error = nullptr);
// One entry by id (for restore), or nullopt.
std::optional<AuditEntry> entry(const QSqlDatabase& db, qint64 id, QString* error = nullptr);
} // namespace HistoryQuery
