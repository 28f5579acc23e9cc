#include "ChartAxes.h"

#include <algorithm>

namespace ChartAxes {
QList<qint64> ticks(qint64 lo, qint64 hi, int count)
{
    lo = std::min<qint64>(lo, 0);
    hi = std::max<qint64>(hi, 0);
    if (lo == hi) {
        hi = lo + 1;
    }
    const qint64 raw = std::max<qint64>(1, (hi - lo + count - 1) / count);
    qint64 magnitude = 1;
    while (magnitude * 10 <= raw) {
        magnitude *= 10;
    }
    qint64 step = magnitude;
    for (qint64 factor : {1, 2, 5, 10}) {
        if (magnitude * factor >= raw) {
            step = magnitude * factor;
            break;
        }
    }
    const qint64 first = (lo / step - (lo % step < 0 ? 1 : 0)) * step;
    QList<qint64> result;
    for (qint64 t = first;; t += step) {
        result << t;
        if (t >= hi) {
            break;
        }
    }
    return result;
}
} // namespace ChartAxes
