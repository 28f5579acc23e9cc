#include "DemoData.h"

#include "DemoPasswords.h"

#include <QDateTime>
#include <QTimeZone>

namespace DemoData {
namespace {
// India has one zone and no daylight saving: UTC+05:30 all year.
constexpr int istOffsetSeconds = 5 * 3600 + 30 * 60;
constexpr qint64 hourMs = 3600 * 1000;
constexpr qint64 dayMs = 24 * hourMs;
// Fixed so that the same anchor always gives the same data (tests compare two fills).
constexpr quint32 seed = 0xC0DE5D35;
} // namespace

qint64 istMidnight(QDate date)
{
    return QDateTime(date, QTime(0, 0), QTimeZone(istOffsetSeconds)).toMSecsSinceEpoch();
}

Period Period::before(QDate anchor)
{
    return {istMidnight(anchor.addMonths(-18)), istMidnight(anchor)};
}

qint64 courseCreatedAt(int launchMonthsBeforeAnchor, QDate anchor)
{
    return istMidnight(anchor.addMonths(-launchMonthsBeforeAnchor)) + 10 * hourMs;
}

qint64 shopperTime(QRandomGenerator& random, qint64 from, qint64 to)
{
    // Relative share of orders per IST hour of the day, 00:00 to 23:00.
    static constexpr int hourWeights[24] = {3,  2,  1,  1,  1,  1,  2,  4,  6,  8,  10, 11,
                                            12, 12, 11, 11, 11, 12, 14, 16, 18, 17, 12, 6};
    static constexpr int totalWeight = [] {
        int sum = 0;
        for (int weight : hourWeights) {
            sum += weight;
        }
        return sum;
    }();
    const qint64 uniform = random.bounded(from, to);
    int pick = random.bounded(totalWeight);
    int hour = 0;
    while (pick >= hourWeights[hour]) {
        pick -= hourWeights[hour++];
    }
    const qint64 istDayStart = (uniform + istOffsetSeconds * 1000LL) / dayMs * dayMs - istOffsetSeconds * 1000LL;
    const qint64 shaped = istDayStart + hour * hourMs + random.bounded(hourMs);
    return shaped >= from && shaped < to ? shaped : uniform;
}

Set generate(QDate anchor, const QByteArray& keySecret, QString* error)
{
    QRandomGenerator random(seed);
    const QStringList hashes = DemoPasswords::hashPool(random);
    if (hashes.size() != DemoPasswords::pool().size()) {
        if (error) {
            *error = QStringLiteral("bcrypt ($2a$) is not available in this system's libxcrypt.");
        }
        return {};
    }
    const Period period = Period::before(anchor);
    Set set;
    addPeople(set, random, period, hashes);
    addSales(set, random, period, anchor, keySecret);
    addBusinessInfo(set, random);
    return set;
}

} // namespace DemoData
