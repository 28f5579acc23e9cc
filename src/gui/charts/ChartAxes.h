#pragma once

#include <QList>

// Round tick positions for a value axis, in integers: steps of 1, 2 or 5 times a power of ten
// covering [min(0, lo), max(0, hi)], about `count` intervals.
namespace ChartAxes {
QList<qint64> ticks(qint64 lo, qint64 hi, int count = 5);
} // namespace ChartAxes
