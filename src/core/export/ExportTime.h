#pragma once

#include <QDateTime>
#include <QString>
#include <QTimeZone>

// How exports write times. A zone without daylight saving (Asia/Kolkata, the platform's users'
// zone) has one offset: it goes into the header ("Created (UTC+05:30)") and every value is the
// plain local wall clock, exactly what the grid shows. A zone with daylight saving changes its offset
// during the year: then the header names the zone and each value carries its own offset, so no
// value is ambiguous in the hour that repeats.
class ExportTime
{
public:
    explicit ExportTime(const QTimeZone& zone);

    // "Created (UTC+05:30)" / "Created (Europe/Berlin)".
    QString header(const QString& columnHeader) const;
    // "2026-11-30 18:56:03" / "2026-03-29 03:10:00 +02:00".
    QString text(const QDateTime& instant) const;
    // The local wall clock of `instant` (for spreadsheet date cells, which have no zone).
    QDateTime local(const QDateTime& instant) const;
    bool fixedOffset() const { return m_fixed; }
    // The offset of a fixed-offset zone, in seconds east of UTC.
    int offsetSeconds() const { return m_offset; }
    QTimeZone zone() const { return m_zone; }

private:
    QTimeZone m_zone;
    bool m_fixed = true;
    int m_offset = 0;
};
