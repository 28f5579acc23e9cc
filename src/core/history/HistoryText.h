#pragma once

#include "AuditEntry.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>

// Turns audit rows into what people read: column headers from TableSpec, relation keys by the
// referenced row's name ("asha@example.in" rather than 2000), money in the row's currency
// ("₹5,999.00"), timestamps in local time, statuses as words, NULL as "(empty)", the password as
// "password changed". Lookups are cached per instance: one object serves a whole page of rows.
class HistoryText
{
public:
    explicit HistoryText(QSqlDatabase db) : m_db(std::move(db)) {}

    // Reads every relation name and currency these entries will need, one query per referenced
    // table instead of one per value (a page of 200 changes costs a handful of round trips).
    void prefetch(const QList<AuditEntry>& entries);

    static QString tableTitle(const QString& table);   // "payments" -> "Payments"
    static QString actionLabel(const QString& action); // "record_payment" -> "Record payment"
    static QString header(const QString& table, const QString& column);
    // "₹5,999.00", "asha@example.in", "25 Nov 2026 14:05", "(empty)".
    QString value(const AuditEntry& entry, const QString& column, const QVariant& value);
    // "City: Pune → CityX" / "Password: password changed".
    QString change(const AuditEntry& entry, const AuditChange& change);
    // Every change of the entry on one line each; the raw details when there are none.
    QString summary(const AuditEntry& entry);
    // The local time an entry happened, as the grid shows times.
    static QString time(const QDateTime& instant);

private:
    QString relationName(const QString& table, const QString& keyColumn, const QString& display, const QString& key);
    QString currencyOf(const AuditEntry& entry, const QString& source);
    // Runs `sql` with "%1" replaced by one placeholder per key; caches column 1 under
    // prefix + column 0.
    void fetchInto(const QString& prefix, const QString& sql, const QStringList& keys);

    QSqlDatabase m_db;
    QHash<QString, QString> m_cache; // "relation|table|key" / "currency|table|key" -> text
};
