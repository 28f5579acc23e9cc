#include "ReportPeriod.h"

#include <algorithm>

ReportPeriod::ReportPeriod(QDate from, QDate to, QTimeZone userZone)
    : m_from(from), m_to(to), m_zone(std::move(userZone))
{
}

QDateTime ReportPeriod::startInstant() const
{
    return QDateTime(m_from, QTime(0, 0), m_zone);
}

QDateTime ReportPeriod::endInstant() const
{
    return QDateTime(m_to, QTime(0, 0), m_zone);
}

ReportPeriod ReportPeriod::previous() const
{
    // Clamped at the earliest reportable date (see boundsError).
    return ReportPeriod(std::max(m_from.addDays(-days()), earliestDate()), m_from, m_zone);
}

QList<ZoneSegment> ReportPeriod::segments(const QTimeZone& storedZone) const
{
    const QDateTime start = startInstant();
    const QDateTime end = endInstant();
    if (!(start < end)) {
        return {};
    }
    // Every instant where either zone changes its UTC offset starts a new segment.
    QList<QDateTime> cuts;
    for (const QTimeZone& zone : {m_zone, storedZone}) {
        if (!zone.hasTransitions()) {
            continue;
        }
        for (const auto& transition : zone.transitions(start, end)) {
            if (start < transition.atUtc && transition.atUtc < end) {
                cuts << transition.atUtc;
            }
        }
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.erase(std::unique(cuts.begin(), cuts.end()), cuts.end());
    cuts.prepend(start);
    cuts.append(end);
    QList<ZoneSegment> result;
    for (qsizetype i = 0; i + 1 < cuts.size(); ++i) {
        const QDateTime& at = cuts.at(i);
        const qint64 shift = m_zone.offsetFromUtc(at) - storedZone.offsetFromUtc(at);
        if (!result.isEmpty() && result.last().shiftSeconds == shift) {
            result.last().end = cuts.at(i + 1);
        } else {
            result.append({at, cuts.at(i + 1), shift});
        }
    }
    return result;
}

QDate ReportPeriod::bucketOf(QDate day, Granularity granularity) const
{
    QDate start = day;
    switch (granularity) {
    case Granularity::Day:
        break;
    case Granularity::Week: // ISO weeks start on Monday
        start = day.addDays(1 - day.dayOfWeek());
        break;
    case Granularity::Month:
        start = QDate(day.year(), day.month(), 1);
        break;
    }
    return std::max(start, m_from);
}

QList<QDate> ReportPeriod::bucketStarts(Granularity granularity) const
{
    QList<QDate> starts;
    QDate day = m_from;
    while (day < m_to) {
        starts << day;
        switch (granularity) {
        case Granularity::Day:
            day = day.addDays(1);
            break;
        case Granularity::Week:
            day = day.addDays(8 - day.dayOfWeek());
            break;
        case Granularity::Month:
            day = QDate(day.year(), day.month(), 1).addMonths(1);
            break;
        }
    }
    return starts;
}

QString ReportPeriod::bucketLabel(QDate start, Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day:
        return start.toString(QStringLiteral("d MMM yyyy"));
    case Granularity::Week:
        return QStringLiteral("Wk %1").arg(start.toString(QStringLiteral("d MMM yyyy")));
    case Granularity::Month:
        return start.toString(QStringLiteral("MMM yyyy"));
    }
    return QString();
}

QString ReportPeriod::boundsError(Granularity granularity) const
{
    switch (granularity) {
    case Granularity::Day:
        if (days() > maxDayBuckets) {
            return QStringLiteral("Daily buckets are limited to 3 years (1,096 days); choose --by week or month");
        }
        break;
    case Granularity::Week:
        if (days() > maxWeekDays) {
            return QStringLiteral("Weekly buckets are limited to 20 years (7,320 days); choose --by month");
        }
        break;
    case Granularity::Month:
        if (m_to > m_from.addYears(maxMonthYears)) {
            return QStringLiteral("Monthly buckets are limited to 100 years (1,200 months); choose a shorter "
                                  "period");
        }
        break;
    }
    const QDate earliest = earliestDate();
    const QDate latest = latestDate();
    if (!m_from.isValid() || !m_to.isValid() || m_from < earliest || m_to > latest) {
        return QStringLiteral("Report dates must lie between 1000-01-01 and 9999-12-31");
    }
    if (m_to < m_from) {
        return QStringLiteral("The period starts (%1) after it ends (%2)")
            .arg(m_from.toString(Qt::ISODate), m_to.toString(Qt::ISODate));
    }
    return QString();
}

QString ReportPeriod::granularityName(Granularity granularity)
{
    switch (granularity) {
    case Granularity::Day:
        return QStringLiteral("day");
    case Granularity::Week:
        return QStringLiteral("week");
    case Granularity::Month:
        return QStringLiteral("month");
    }
    return QString();
}

bool ReportPeriod::parseGranularity(const QString& text, Granularity* out)
{
    for (Granularity g : {Granularity::Day, Granularity::Week, Granularity::Month}) {
        if (text == granularityName(g)) {
            *out = g;
            return true;
        }
    }
    return false;
}
