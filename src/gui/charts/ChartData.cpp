#include "ChartData.h"

#include "money/Money.h"
#include "reports/Csv.h"

#include <QLocale>

namespace Charts {
bool ChartData::isEmpty() const
{
    for (const Series& s : series) {
        for (qint64 v : s.values) {
            if (v != 0) {
                return false;
            }
        }
    }
    return true;
}

qint64 ChartData::total(int seriesIndex) const
{
    qint64 sum = 0;
    if (seriesIndex >= 0 && seriesIndex < series.size()) {
        for (qint64 v : series.at(seriesIndex).values) {
            sum += v;
        }
    }
    return sum;
}

QString ChartData::formatValue(qint64 value) const
{
    if (currency.isEmpty()) {
        return QLocale(QLocale::English).toString(value);
    }
    return Money::format(value, currency);
}

QString ChartData::axisLabel(qint64 value) const
{
    QString text = formatValue(value);
    if (!currency.isEmpty() && text.endsWith(QStringLiteral(".00"))) {
        text.chop(3);
    }
    return text;
}

QString ChartData::csv() const
{
    QStringList header{QStringLiteral("category")};
    for (const Series& s : series) {
        header << s.name;
    }
    QList<QStringList> rows;
    for (int i = 0; i < categories.size(); ++i) {
        QStringList row{categories.at(i)};
        for (const Series& s : series) {
            const qint64 v = i < s.values.size() ? s.values.at(i) : 0;
            row << (currency.isEmpty() ? QString::number(v) : Money::toDecimalString(v));
        }
        rows << row;
    }
    return Csv::table(header, rows);
}
} // namespace Charts
