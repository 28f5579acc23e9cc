#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>

enum class Granularity { Day, Week, Month };

// A stretch of time in which the user's zone and the stored zone keep the same distance, so that
// "local wall time = stored wall time + shiftSeconds" holds for every row inside it. Bucketing by
// local day runs one grouped query per segment (one for Asia/Kolkata, a few more per year for zones
// with daylight saving) and stays exact without converting each row in C++.
struct ZoneSegment
{
    QDateTime start; // instant, inclusive
    QDateTime end;   // instant, exclusive
    qint64 shiftSeconds = 0;
};

// A report period: the local dates [from, to) in the user's zone. `to` is exclusive so that
// consecutive periods tile without gaps or overlap (midnight belongs to the later day).
class ReportPeriod
{
public:
    ReportPeriod() = default;
    ReportPeriod(QDate from, QDate to, QTimeZone userZone);

    QDate from() const { return m_from; }
    QDate to() const { return m_to; }
    QTimeZone userZone() const { return m_zone; }
    qint64 days() const { return m_from.daysTo(m_to); }
    bool isEmpty() const { return days() <= 0; }

    // Local midnight of from / to as instants.
    QDateTime startInstant() const;
    QDateTime endInstant() const;
    // The period of the same number of days just before this one (cut at earliestDate()).
    ReportPeriod previous() const;
    QList<ZoneSegment> segments(const QTimeZone& storedZone) const;

    // Buckets cover the period; the first and last may be partial (a week starting before `from`
    // is keyed by `from`), so bucket sums always add up to the period's totals.
    QList<QDate> bucketStarts(Granularity granularity) const;
    QDate bucketOf(QDate day, Granularity granularity) const;
    static QString bucketLabel(QDate start, Granularity granularity);

    // Why this period cannot be reported by `granularity`, or empty if it can. Bucket lists are
    // built in memory and every bucket is a chart point and an output row, so their number is
    // bounded: days for at most 3 years (1,096 days), weeks for 20 years, months for 100 years.
    // Dates must lie in 1000-01-01..9999-12-31: local midnight of 0001-01-01 is in year 0 in UTC,
    // which PostgreSQL cannot read, and no platform data is older.
    QString boundsError(Granularity granularity) const;
    static constexpr qint64 maxDayBuckets = 1096;
    static constexpr qint64 maxWeekDays = 20 * 366; // about 1,045 weeks
    static constexpr int maxMonthYears = 100;       // 1,200 months
    static QDate earliestDate() { return QDate(1000, 1, 1); }
    static QDate latestDate() { return QDate(9999, 12, 31); }

    static QString granularityName(Granularity granularity);
    static bool parseGranularity(const QString& text, Granularity* out);

private:
    QDate m_from;
    QDate m_to;
    QTimeZone m_zone;
};
