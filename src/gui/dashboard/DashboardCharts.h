#pragma once

#include "charts/ChartData.h"
#include "reports/RevenueReport.h"

// The five dashboard charts for one currency of a revenue result. Pure data: no widgets.
namespace DashboardCharts {
enum Chart { Revenue, Courses, Methods, OrderStatuses, Enrollments, Count };
Charts::ChartData build(Chart chart, const RevenueResult& result, const QString& currency);
QString objectName(Chart chart); // "revenueChart", ...
} // namespace DashboardCharts
