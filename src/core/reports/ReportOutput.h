#pragma once

#include "Reconciliation.h"
#include "RevenueReport.h"

#include <QString>

// Renders report results as text (for people), CSV (one tidy row per figure:
// section,currency,key,metric,value) or JSON (money as decimal strings). Money is always the
// exact decimal of the minor units ("5999.00"), never passed through floating point.
namespace ReportOutput {
bool isFormat(const QString& format); // text, csv, json
QString revenue(const RevenueResult& result, const QString& format);
QString findings(const QList<Finding>& findings, const QString& format);
// The KPI rows of one currency as (metric, value) pairs, shared by CSV and the dashboard export.
QList<QPair<QString, QString>> kpiFigures(const RevenueKpis& kpis);
} // namespace ReportOutput
