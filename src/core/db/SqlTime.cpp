#include "SqlTime.h"

#include "Database.h"

SqlTime SqlTime::forConnection(const QSqlDatabase& db)
{
    const QString zoneName = Database::url(db).storedTimeZone();
    if (zoneName.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0) {
        return SqlTime(QTimeZone::utc());
    }
    const QTimeZone zone(zoneName.toUtf8());
    return SqlTime(zone.isValid() ? zone : QTimeZone::utc());
}

QDateTime SqlTime::fromDb(const QVariant& value) const
{
    if (value.isNull() || !value.isValid()) {
        return QDateTime();
    }
    QDate date;
    QTime time;
    if (value.metaType().id() == QMetaType::QDateTime) {
        const QDateTime raw = value.toDateTime();
        date = raw.date();
        time = raw.time();
    } else {
        QString text = value.toString().trimmed();
        if (text.isEmpty()) {
            return QDateTime();
        }
        text.replace(QLatin1Char('T'), QLatin1Char(' '));
        if (text.endsWith(QLatin1Char('Z'))) {
            text.chop(1);
        }
        date = QDate::fromString(text.left(10), Qt::ISODate);
        const QString timePart = text.mid(11);
        time = timePart.isEmpty() ? QTime(0, 0) : QTime::fromString(timePart, Qt::ISODateWithMs);
        if (!time.isValid()) {
            time = QTime::fromString(timePart.left(8), QStringLiteral("HH:mm:ss"));
        }
    }
    if (!date.isValid() || !time.isValid()) {
        return QDateTime();
    }
    return QDateTime(date, time, m_zone);
}

QString SqlTime::toDb(const QDateTime& instant) const
{
    if (!instant.isValid()) {
        return QString();
    }
    return instant.toTimeZone(m_zone).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}
