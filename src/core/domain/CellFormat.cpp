#include "CellFormat.h"

#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "money/Money.h"

#include <QHash>

namespace CellFormat {

QDateTime toLocal(const QDateTime& instant)
{
    if (!instant.isValid()) {
        return QDateTime();
    }
    thread_local QHash<qint64, int> offsets;
    const qint64 msecs = instant.toMSecsSinceEpoch();
    constexpr qint64 quarter = 15 * 60 * 1000;
    const qint64 bucket = msecs >= 0 ? msecs / quarter : (msecs - quarter + 1) / quarter;
    auto it = offsets.constFind(bucket);
    if (it == offsets.constEnd()) {
        if (offsets.size() > 4096) {
            offsets.clear();
        }
        it = offsets.insert(bucket, QDateTime::fromMSecsSinceEpoch(bucket * quarter).toLocalTime().offsetFromUtc());
    }
    return QDateTime::fromMSecsSinceEpoch(msecs, Qt::OffsetFromUTC, *it);
}

QString wallClock(const QDateTime& local)
{
    if (!local.isValid()) {
        return QString();
    }
    const QDate d = local.date();
    const QTime t = local.time();
    return QString::asprintf("%04d-%02d-%02d %02d:%02d", d.year(), d.month(), d.day(), t.hour(), t.minute());
}

QString timestamp(const QDateTime& instant)
{
    return wallClock(toLocal(instant));
}

QString money(std::int64_t minor, const QString& currency)
{
    return Money::format(minor, currency.isEmpty() ? QStringLiteral("INR") : currency);
}

QString text(const ColumnSpec& column, const QVariant& stored, const SqlTime& time, const QString& currency)
{
    if (stored.isNull() || !stored.isValid()) {
        return QString();
    }
    switch (column.kind) {
    case ColumnSpec::Kind::Money: {
        const auto minor = Money::minorFromSql(stored);
        return minor ? money(*minor, currency) : stored.toString();
    }
    case ColumnSpec::Kind::Timestamp: {
        const QDateTime instant =
            stored.metaType().id() == QMetaType::QDateTime ? stored.toDateTime() : time.fromDb(stored);
        return instant.isValid() ? timestamp(instant) : stored.toString();
    }
    case ColumnSpec::Kind::Enum:
        return PlatformValues::label(column.enumKind, stored.toString());
    case ColumnSpec::Kind::Secret:
        return QString();
    default:
        return stored.toString();
    }
}

} // namespace CellFormat
