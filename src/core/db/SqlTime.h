#pragma once

#include "DatabaseUrl.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QTimeZone>
#include <QVariant>

// The one place where platform timestamps are converted. The platform's columns are TIMESTAMP
// without zone, written in the connection's stored zone (default UTC). QPSQL hands them back as a
// QDateTime labelled local time and SQLite as text; both are re-read here as wall-clock fields in
// the stored zone, so nothing depends on the machine's own zone.
class SqlTime
{
public:
    explicit SqlTime(const QTimeZone& storedZone = QTimeZone::utc()) : m_zone(storedZone) {}
    static SqlTime forConnection(const QSqlDatabase& db);

    // A value read from the database -> an absolute instant (invalid for NULL / unparsable).
    QDateTime fromDb(const QVariant& value) const;
    // An instant -> the text bound into a TIMESTAMP(3) column ("2026-01-31 18:30:00.000").
    QString toDb(const QDateTime& instant) const;
    // "now" in the stored zone, for updated_at.
    QString nowForDb() const { return toDb(QDateTime::currentDateTimeUtc()); }

    QTimeZone zone() const { return m_zone; }

private:
    QTimeZone m_zone;
};
