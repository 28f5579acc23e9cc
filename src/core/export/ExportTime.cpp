#include "ExportTime.h"

namespace {
QString offsetText(int seconds)
{
    const QChar sign = seconds < 0 ? QLatin1Char('-') : QLatin1Char('+');
    const int abs = std::abs(seconds);
    return QStringLiteral("%1%2:%3")
        .arg(sign)
        .arg(abs / 3600, 2, 10, QLatin1Char('0'))
        .arg((abs % 3600) / 60, 2, 10, QLatin1Char('0'));
}
} // namespace

ExportTime::ExportTime(const QTimeZone& zone) : m_zone(zone.isValid() ? zone : QTimeZone::utc())
{
    // hasDaylightTime() is true for any zone that ever had it (India in the 1940s): what matters
    // is whether the offset changed within the span of the platform's data.
    const QTimeZone::OffsetData change = m_zone.nextTransition(QDateTime::currentDateTimeUtc().addYears(-30));
    m_fixed = !change.atUtc.isValid();
    m_offset = m_zone.offsetFromUtc(QDateTime::currentDateTimeUtc());
}

QString ExportTime::header(const QString& columnHeader) const
{
    if (m_fixed) {
        return QStringLiteral("%1 (UTC%2)").arg(columnHeader, offsetText(m_offset));
    }
    return QStringLiteral("%1 (%2)").arg(columnHeader, QString::fromUtf8(m_zone.id()));
}

QDateTime ExportTime::local(const QDateTime& instant) const
{
    if (!instant.isValid()) {
        return QDateTime();
    }
    if (m_fixed) {
        // One fixed offset: no zone database lookup per value (an export writes millions).
        return instant.toOffsetFromUtc(m_offset);
    }
    return instant.toTimeZone(m_zone);
}

QString ExportTime::text(const QDateTime& instant) const
{
    const QDateTime l = local(instant);
    if (!l.isValid()) {
        return QString();
    }
    const QDate d = l.date();
    const QTime t = l.time();
    QString out = QString::asprintf("%04d-%02d-%02d %02d:%02d:%02d", d.year(), d.month(), d.day(), t.hour(), t.minute(),
                                    t.second());
    if (!m_fixed) {
        out += QLatin1Char(' ') + offsetText(l.offsetFromUtc());
    }
    return out;
}
