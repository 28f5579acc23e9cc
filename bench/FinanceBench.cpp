#include "FinanceBench.h"

#include "background/BackgroundQueries.h"
#include "db/Database.h"
#include "reports/DashboardQuery.h"
#include "reports/RevenueReport.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cstdio>
#include <functional>

namespace {
// Median of `runs` timings in ms; -1 when the task failed.
double time(int runs, const std::function<bool()>& task)
{
    QList<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer timer;
        timer.start();
        if (!task()) {
            return -1;
        }
        ms << timer.nsecsElapsed() / 1e6;
    }
    std::sort(ms.begin(), ms.end());
    return ms.at(ms.size() / 2);
}

bool exec(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.exec(sql)) {
        std::fprintf(stderr, "  %s\n", qPrintable(query.lastError().text()));
        return false;
    }
    while (query.next()) {
    }
    return true;
}

// What a person would write by hand for the same figures: one pass over payments ⋈ orders (captured,
// failed, refunds and distinct paid orders per bucket), one over orders, one over enrollments.
bool plainSql(const QSqlDatabase& db, const QString& from, const QString& to, bool byMonth)
{
    const bool pg = Database::isPostgres(db);
    auto bucket = [&](const QString& ts) {
        if (pg) {
            return byMonth ? QStringLiteral("to_char(%1, 'YYYY-MM')").arg(ts)
                           : QStringLiteral("CAST(%1 AS date)").arg(ts);
        }
        return byMonth ? QStringLiteral("strftime('%Y-%m', %1)").arg(ts) : QStringLiteral("date(%1)").arg(ts);
    };
    const QString paid = QStringLiteral("COALESCE(p.payment_date, p.created_at)");
    const QString range = QStringLiteral(" >= '%1' AND %2 < '%3'");
    return exec(db, QStringLiteral("SELECT %1, p.status, COUNT(*), SUM(p.amount), COUNT(DISTINCT p.order_id) FROM "
                                   "payments p JOIN orders o ON o.id = p.order_id WHERE o.currency = 'INR' AND %2%3 "
                                   "GROUP BY 1, 2")
                        .arg(bucket(paid), paid, range.arg(from, paid, to))) &&
           exec(db, QStringLiteral("SELECT status, COUNT(*), SUM(amount) FROM orders WHERE currency = 'INR' AND "
                                   "created_at%1 GROUP BY 1")
                        .arg(range.arg(from, QStringLiteral("created_at"), to))) &&
           exec(db, QStringLiteral("SELECT %1, COUNT(*) FROM enrollments e JOIN orders o ON o.id = e.order_id WHERE "
                                   "o.currency = 'INR' AND e.enrollment_date%2 GROUP BY 1")
                        .arg(bucket(QStringLiteral("e.enrollment_date")),
                             range.arg(from, QStringLiteral("e.enrollment_date"), to)));
}

bool dashboard(const QString& connection, QDate from, QDate to)
{
    DashboardQuery::Request request;
    request.sourceConnection = connection;
    request.wantLists = true; // as when the page opens
    request.filter.from = from;
    request.filter.to = to;
    request.filter.granularity = DashboardQuery::defaultGranularity(from, to);
    const DashboardQuery::Response r =
        QtConcurrent::run(BackgroundQueries::pool(), &DashboardQuery::run, request).result();
    if (!r.ok) {
        std::fprintf(stderr, "  dashboard: %s\n", qPrintable(r.error));
    }
    return r.ok;
}

bool revenue(const QSqlDatabase& db)
{
    RevenueFilter f;
    f.from = QDate(2025, 1, 1);
    f.to = QDate(2026, 12, 31);
    f.granularity = Granularity::Month;
    f.currency = QStringLiteral("INR");
    QString error;
    const bool ok = RevenueReport(db).run(f, &error).has_value();
    if (!ok) {
        std::fprintf(stderr, "  revenue: %s\n", qPrintable(error));
    }
    return ok;
}
} // namespace

namespace FinanceBench {
int run(const QString& connection)
{
    const QSqlDatabase db = QSqlDatabase::database(connection, false);
    // November 2025 is the dataset's last full month; December 2026 is an empty "This month".
    struct Row
    {
        const char* task;
        const char* title;
        int runs;
        std::function<bool()> body;
    };
    const QList<Row> rows = {
        {"dashboard_month", "Dashboard, one month (Nov 2025, lists loaded)", 3,
         [&] { return dashboard(connection, QDate(2025, 11, 1), QDate(2025, 12, 1)); }},
        {"dashboard_month_plain", "  plain SQL, month + previous month", 3,
         [&] { return plainSql(db, QStringLiteral("2025-10-01"), QStringLiteral("2025-12-01"), false); }},
        {"dashboard_empty_month", "Dashboard, empty \"This month\" (Dec 2026)", 3,
         [&] { return dashboard(connection, QDate(2026, 12, 1), QDate(2027, 1, 1)); }},
        {"revenue_two_years", "report revenue 2025-01-01..2026-12-31 by month, INR", 3, [&] { return revenue(db); }},
        {"revenue_two_years_plain", "  plain SQL, both periods, one pass per table", 3,
         [&] { return plainSql(db, QStringLiteral("2023-01-03"), QStringLiteral("2026-12-31"), true); }},
    };
    std::printf("Coursedesk finance benchmark — %s\n", qPrintable(Database::serverVersion(db)));
    bool ok = true;
    for (const Row& row : rows) {
        const double ms = time(row.runs, row.body);
        ok = ok && ms >= 0;
        std::printf("RESULT %s %.1f\n", row.task, ms);
        std::printf("  %-55s %10.2f s\n", row.title, ms / 1000.0);
        std::fflush(stdout);
    }
    return ok ? 0 : 1;
}
} // namespace FinanceBench
