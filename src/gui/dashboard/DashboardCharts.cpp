#include "DashboardCharts.h"

#include "domain/PlatformValues.h"

namespace DashboardCharts {
namespace {
QString shortLabel(QDate start, Granularity g)
{
    switch (g) {
    case Granularity::Day:
        return start.toString(QStringLiteral("d MMM"));
    case Granularity::Week:
        return start.toString(QStringLiteral("d MMM"));
    case Granularity::Month:
        return start.toString(QStringLiteral("MMM yy"));
    }
    return QString();
}
} // namespace

QString objectName(Chart chart)
{
    switch (chart) {
    case Revenue:
        return QStringLiteral("revenueChart");
    case Courses:
        return QStringLiteral("coursesChart");
    case Methods:
        return QStringLiteral("methodsChart");
    case OrderStatuses:
        return QStringLiteral("orderStatusChart");
    case Enrollments:
        return QStringLiteral("enrollmentsChart");
    case Count:
        break;
    }
    return QString();
}

Charts::ChartData build(Chart chart, const RevenueResult& result, const QString& currency)
{
    using namespace Charts;
    const CurrencyRevenue data = result.currencies.value(currency);
    const Granularity g = result.filter.granularity;
    ChartData d;
    switch (chart) {
    case Revenue: {
        d.kind = Kind::Bars;
        d.title = QStringLiteral("Revenue by %1 (%2)").arg(ReportPeriod::granularityName(g), currency);
        d.currency = currency;
        Series net{QStringLiteral("Net revenue"), {}};
        Series refunds{QStringLiteral("Refunds"), {}};
        for (const RevenueBucket& b : data.series) {
            d.categories << shortLabel(b.start, g);
            net.values << b.netMinor();
            refunds.values << b.refundsMinor;
        }
        d.series = {net, refunds};
        break;
    }
    case Courses: {
        d.kind = Kind::HorizontalBars;
        d.title = QStringLiteral("Net revenue by course (%1)").arg(currency);
        d.currency = currency;
        Series net{QStringLiteral("Net revenue"), {}};
        // Horizontal bars draw the first category at the bottom: reverse so the top course is on top.
        for (auto it = data.courses.crbegin(); it != data.courses.crend(); ++it) {
            d.categories << it->name;
            net.values << it->netMinor();
        }
        d.series = {net};
        break;
    }
    case Methods: {
        d.kind = Kind::Pie;
        d.title = QStringLiteral("Payment methods (%1, by amount)").arg(currency);
        d.currency = currency;
        Series gross{QStringLiteral("Gross"), {}};
        for (const MethodShare& m : data.methods) {
            d.categories << m.method;
            gross.values << m.grossMinor;
        }
        d.series = {gross};
        break;
    }
    case OrderStatuses: {
        d.kind = Kind::Bars;
        d.title = QStringLiteral("Orders by status (%1, created in period)").arg(currency);
        Series orders{QStringLiteral("Orders"), {}};
        for (const StatusCount& s : data.orderStatuses) {
            d.categories << PlatformValues::label(PlatformValues::Kind::OrderStatus, s.status);
            orders.values << s.orders;
        }
        d.series = {orders};
        break;
    }
    case Enrollments: {
        d.kind = Kind::Line;
        d.title = QStringLiteral("New enrollments by %1").arg(ReportPeriod::granularityName(g));
        Series count{QStringLiteral("Enrollments"), {}};
        for (const CountBucket& b : result.enrollments) {
            d.categories << shortLabel(b.start, g);
            count.values << b.count;
        }
        d.series = {count};
        break;
    }
    case Count:
        break;
    }
    return d;
}
} // namespace DashboardCharts
