#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// What a chart shows, independent of the chart library: categories, one or more named series of
// exact integers (minor units of `currency`, or plain counts when `currency` is empty).
namespace Charts {
enum class Kind { Bars, HorizontalBars, Pie, Line };

struct Series
{
    QString name;
    QList<qint64> values; // one per category
};

struct ChartData
{
    Kind kind = Kind::Bars;
    QString title;
    QStringList categories;
    QList<Series> series;
    QString currency; // empty: counts
    QString emptyMessage = QStringLiteral("No data in this period");

    bool isEmpty() const;
    qint64 total(int seriesIndex) const;
    // "₹5,999.00" / "1,234": exact, for tooltips and tables.
    QString formatValue(qint64 value) const;
    // Short axis label: whole units without ".00".
    QString axisLabel(qint64 value) const;
    // category,<series...> with exact decimals ("5999.00") or integers, RFC 4180.
    QString csv() const;
};
} // namespace Charts
