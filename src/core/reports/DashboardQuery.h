#pragma once

#include "RevenueReport.h"

#include <QString>
#include <QStringList>

#include <memory>

class QueryCancelSlot;

// The dashboard's data request: what the dashboard page shows, computed here so that the page only
// displays it. run() blocks; the page runs it on BackgroundQueries::pool().
namespace DashboardQuery {
enum class Preset { ThisMonth, Last30Days, ThisQuarter, ThisYear, AllTime, Custom };

// [from, to) for a preset relative to `today` (a local date). AllTime and Custom return {}.
QPair<QDate, QDate> presetRange(Preset preset, QDate today);
// The granularity that keeps a preset's chart readable (days for a month, weeks for a quarter...).
Granularity defaultGranularity(QDate from, QDate to);

struct Request
{
    quint64 generation = 0;
    QString sourceConnection;                // the app's connection; reads go to its reports connection if set
    RevenueFilter filter;                    // empty currency: pick INR, else the first currency found
    bool allTime = false;                    // compute from/to from the data
    bool wantLists = false;                  // also load currencies and courses for the filter boxes
    std::shared_ptr<QueryCancelSlot> cancel; // optional: the page's Cancel button
};

struct Response
{
    quint64 generation = 0;
    bool ok = false;
    bool cancelled = false; // stopped by `cancel` (on the server); nothing shown
    QString error;
    RevenueFilter filter; // as run (dates and currency filled in)
    RevenueResult result;
    QStringList currencies;
    QList<QPair<QString, QString>> courses;
};

// Blocking; call it on a BackgroundQueries::pool() thread (it uses that thread's WorkerConnection).
Response run(const Request& request);
} // namespace DashboardQuery
