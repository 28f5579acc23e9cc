#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QVariant>

// One column's change inside an audit row: values in normal form (money as decimal text,
// timestamps as UTC ISO, relations as the key); a null QVariant is SQL NULL. `note` replaces the
// values where they are never logged ("password changed").
struct AuditChange
{
    QString column;
    QVariant before;
    QVariant after;
    QString note;

    bool hasValues() const { return note.isEmpty(); }
};

// One row of coursedesk_audit_log, with its details parsed.
struct AuditEntry
{
    qint64 id = 0;
    QDateTime occurredAt; // an absolute instant (read in the connection's stored zone)
    QString actor;
    QString action; // "insert", "update", "delete" or a workflow ("refund", "suspend", ...)
    QString table;
    QString rowKey;
    QString reason;
    QString details; // as stored: kept for rows whose details are not the JSON object below
    QList<AuditChange> changes;

    // {"changes":[{"column":"city","before":"Pune","after":"CityX"}, ...]}: the agreed format.
    // Anything else (older free-text details, broken JSON) gives no changes; `details` keeps it.
    static QList<AuditChange> parseDetails(const QString& details);
    // The same format, written (tests and the restore write it the way the write path does).
    static QString detailsJson(const QList<AuditChange>& changes);
};
