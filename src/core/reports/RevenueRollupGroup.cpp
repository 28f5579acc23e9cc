#include "RevenueRollup.h"

#include "ReportSql.h"
#include "RevenueReportFacts.h"
#include "RevenueStatement.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "money/MoneySql.h"

// Grouping a stretch of days into the rollup: the same rows, the same local days and the same
// damaged-amount rule as the report's one pass over the platform's tables (RevenueReportScan.cpp),
// grouped by day instead of by period, and written by the statement itself (INSERT ... SELECT):
// nothing passes through the client.
namespace {
using namespace PlatformValues;

const QString paidAt = QStringLiteral("COALESCE(p.payment_date, p.created_at)");

// A few days are read through the report-date and refund indexes (004, 005), like a short
// report; a longer stretch (the first build of a zone) reads each table once.
constexpr qint64 maxIndexDays = 93;

// "SUM of minor units, damaged flag" of the rows' `amount`: damaged amounts add nothing and mark
// the group, exactly as MoneySql::sumMinorUnits refuses them; NULL adds nothing.
QString sums(Engine engine)
{
    const QString total = QStringLiteral("COALESCE(SUM(minor), 0)");
    return (engine == Engine::Postgres ? QStringLiteral("CAST(%1 AS bigint)").arg(total) : total) +
           QStringLiteral(", MAX(bad)");
}

QString minorAndBad(Engine engine, const QString& amount)
{
    return QStringLiteral("%1 AS minor, CASE WHEN %2 IS NOT NULL AND %3 THEN 1 ELSE 0 END AS bad")
        .arg(MoneySql::checkedMinorUnits(engine, amount), amount, MoneySql::damagedAmount(engine, amount));
}

bool run(const QSqlDatabase& db, const RevenueStatement& s, QString* error)
{
    return ReportSql::select(db, s.text(), s.binds(), {}, error);
}
} // namespace

namespace RevenueRollup {

bool regroup(const QSqlDatabase& db, const SqlTime& time, const QTimeZone& userZone, QDate from, QDate to,
             QString* error)
{
    if (from >= to) {
        return true;
    }
    const Engine engine = Database::engine(db);
    const bool pg = engine == Engine::Postgres;
    const ReportPeriod range(from, to, userZone);
    const QList<ZoneSegment> segments = range.segments(time.zone());
    const QDateTime start = range.startInstant();
    const QDateTime end = range.endInstant();
    const QString zone = zoneKey(userZone, time.zone());
    const bool few = from.daysTo(to) <= maxIndexDays;
    const QString captured = ReportSql::literalList({Payment::completed, Payment::refunded});
    const QString insert = QStringLiteral(
        "INSERT INTO coursedesk_revenue_daily (zone, day, kind, currency, key1, key2, n, minor, damaged) ");

    RevenueStatement clear(engine, time);
    clear
        .sql(QStringLiteral("DELETE FROM coursedesk_revenue_daily WHERE zone = ? AND day >= %1 AND day < %1")
                 .arg(ReportSql::dateParam(engine)))
        .bind(zone)
        .bind(from.toString(Qt::ISODate))
        .bind(to.toString(Qt::ISODate));
    if (!run(db, clear, error)) {
        return false;
    }
    if (pg && !few) {
        // As a long report: one hash join of every payment with its order, not a lookup per row.
        QSqlQuery(db).exec(QStringLiteral("SET LOCAL enable_nestloop = off"));
    }

    // Payments ⋈ orders once; the five groupings read the one materialised list (both engines
    // would materialise a list used more than once anyway; the word makes it sure).
    RevenueStatement p(engine, time);
    const QString refunded = RevenueSource::refundAt(true);
    p.sql(QStringLiteral(
              "WITH ev AS MATERIALIZED (SELECT o.currency AS currency, p.status AS status, p.order_id AS order_id, "
              "COALESCE(o.course_id, '') AS course, COALESCE(p.payment_method, '') AS method, %1, ")
              .arg(minorAndBad(engine, QStringLiteral("p.amount"))));
    p.dayIn(paidAt, segments).sql(QStringLiteral(" AS pday, CASE WHEN p.status = '%1' THEN ").arg(Payment::refunded));
    p.dayIn(refunded, segments).sql(QStringLiteral(" END AS rday"));
    RevenueSource::paymentRows(&p, start, end, true, few);
    p.sql(QStringLiteral(") ") + insert);
    const QString sum = sums(engine);
    p.sql(QStringLiteral("SELECT ?, pday, %1, currency, status, method, COUNT(*), %2 FROM ev WHERE pday IS NOT NULL "
                         "GROUP BY pday, currency, status, method")
              .arg(Kind::Payments)
              .arg(sum))
        .bind(zone);
    p.sql(QStringLiteral(" UNION ALL SELECT ?, rday, %1, currency, NULL, NULL, COUNT(*), %2 FROM ev WHERE rday IS NOT "
                         "NULL GROUP BY rday, currency")
              .arg(Kind::Refunds)
              .arg(sum))
        .bind(zone);
    p.sql(QStringLiteral(" UNION ALL SELECT ?, pday, %1, currency, course, NULL, COUNT(*), %2 FROM ev WHERE pday IS "
                         "NOT NULL AND status IN (%3) GROUP BY pday, currency, course")
              .arg(Kind::CourseGross)
              .arg(sum, captured))
        .bind(zone);
    p.sql(QStringLiteral(" UNION ALL SELECT ?, rday, %1, currency, course, NULL, COUNT(*), %2 FROM ev WHERE rday IS "
                         "NOT NULL GROUP BY rday, currency, course")
              .arg(Kind::CourseRefunds)
              .arg(sum))
        .bind(zone);
    p.sql(QStringLiteral(" UNION ALL SELECT ?, pday, %1, currency, NULL, NULL, COUNT(DISTINCT order_id), 0, 0 FROM ev "
                         "WHERE pday IS NOT NULL AND status IN (%2) GROUP BY pday, currency")
              .arg(Kind::PaidOrders)
              .arg(captured))
        .bind(zone);
    if (!run(db, p, error)) {
        return false;
    }

    // SQLite reads a long stretch's tables in table order, not by a date index that holds nearly
    // every row (as the report: RevenueReportScan.cpp).
    const QString scan = !pg && !few ? QStringLiteral("+") : QString();
    RevenueStatement o(engine, time);
    o.sql(insert + QStringLiteral("SELECT ?, d, %1, currency, status, NULL, COUNT(*), %2 FROM (SELECT ")
                       .arg(Kind::Orders)
                       .arg(sum))
        .bind(zone);
    o.dayIn(QStringLiteral("o.created_at"), segments)
        .sql(QStringLiteral(" AS d, o.currency AS currency, o.status AS status, %1 FROM orders o WHERE 1 = 1")
                 .arg(minorAndBad(engine, QStringLiteral("o.amount"))));
    o.range(scan + QStringLiteral("o.created_at"), start, end).sql(QStringLiteral(") x GROUP BY d, currency, status"));
    if (!run(db, o, error)) {
        return false;
    }

    RevenueStatement e(engine, time);
    e.sql(insert +
          QStringLiteral("SELECT ?, d, %1, currency, NULL, NULL, COUNT(*), 0, 0 FROM (SELECT ").arg(Kind::Enrollments))
        .bind(zone);
    e.dayIn(QStringLiteral("e.enrollment_date"), segments)
        .sql(QStringLiteral(" AS d, o.currency AS currency FROM enrollments e%1 LEFT JOIN orders o ON o.id = "
                            "e.order_id WHERE 1 = 1")
                 .arg(scan.isEmpty() ? QString() : QStringLiteral(" NOT INDEXED")));
    e.range(scan + QStringLiteral("e.enrollment_date"), start, end).sql(QStringLiteral(") x GROUP BY d, currency"));
    if (!run(db, e, error)) {
        return false;
    }
    if (pg && !few) {
        QSqlQuery(db).exec(QStringLiteral("SET LOCAL enable_nestloop = on"));
    }
    return true;
}

} // namespace RevenueRollup
