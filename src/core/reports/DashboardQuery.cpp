#include "DashboardQuery.h"

#include "background/BackgroundQueries.h"
#include "background/WorkerConnection.h"
#include "domain/PlatformValues.h"
#include "reports/QueryCancel.h"
#include "reports/QueryCancelSlot.h"

#include <QScopeGuard>

namespace {
// The currency box: the currencies the platform uses (PlatformValues, INR first) and any other
// found in the period. Listing every currency of the orders table would be a scan of all orders.
QStringList currencyList(const QStringList& seen)
{
    QStringList list = PlatformValues::currencies();
    for (const QString& currency : seen) {
        if (!list.contains(currency)) {
            list << currency;
        }
    }
    return list;
}
} // namespace

namespace DashboardQuery {
QPair<QDate, QDate> presetRange(Preset preset, QDate today)
{
    switch (preset) {
    case Preset::ThisMonth: {
        const QDate first(today.year(), today.month(), 1);
        return {first, first.addMonths(1)};
    }
    case Preset::Last30Days:
        return {today.addDays(-29), today.addDays(1)};
    case Preset::ThisQuarter: {
        const QDate first(today.year(), (today.month() - 1) / 3 * 3 + 1, 1);
        return {first, first.addMonths(3)};
    }
    case Preset::ThisYear:
        return {QDate(today.year(), 1, 1), QDate(today.year() + 1, 1, 1)};
    case Preset::AllTime:
    case Preset::Custom:
        break;
    }
    return {};
}

Granularity defaultGranularity(QDate from, QDate to)
{
    const qint64 days = from.daysTo(to);
    if (days <= 62) {
        return Granularity::Day;
    }
    if (days <= 190) {
        return Granularity::Week;
    }
    return Granularity::Month;
}

Response run(const Request& request)
{
    Response response;
    response.generation = request.generation;
    response.filter = request.filter;
    const WorkerConnection worker(BackgroundQueries::reportsConnection(request.sourceConnection));
    if (!worker.isOpen()) {
        response.error = worker.error();
        return response;
    }
    {
        // Cancel stops the running statement on the server (PQcancel / sqlite3_interrupt) and
        // every statement after it (ReportSql::select checks QueryCancel::requested).
        QueryCancel cancel(worker.db());
        if (request.cancel) {
            request.cancel->attach(&cancel);
        }
        const auto detach = qScopeGuard([&] {
            if (request.cancel) {
                request.cancel->attach(nullptr);
            }
        });
        const RevenueReport report(worker.db());
        if (request.wantLists) {
            response.courses = report.courses(&response.error);
        }
        // No currency chosen yet (the first open): the report's own pass picks it, so that opening
        // the page reads no table more than the figures need.
        response.filter.pickCurrency = response.filter.currency.isEmpty();
        if (request.allTime) {
            const auto range = report.dataRange(response.filter.userZone, &response.error);
            const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(response.filter.userZone).date();
            response.filter.from = range ? range->first : today;
            response.filter.to = range ? range->second.addDays(1) : today.addDays(1);
            response.filter.granularity = defaultGranularity(response.filter.from, response.filter.to);
        }
        const auto result = report.run(response.filter, &response.error);
        if (cancel.isCancelled()) {
            response.cancelled = true;
            response.error = QStringLiteral("Cancelled.");
            return response;
        }
        if (result) {
            response.result = *result;
            response.filter.currency = result->filter.currency;
            response.filter.pickCurrency = false;
            response.ok = true;
            if (request.wantLists) {
                response.currencies = currencyList(result->currenciesSeen);
            }
        }
    }
    return response;
}
} // namespace DashboardQuery
