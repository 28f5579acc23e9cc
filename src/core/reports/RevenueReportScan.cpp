#include "RevenueReportFacts.h"

#include "ReportSql.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "money/Money.h"
#include "money/MoneySql.h"

#include <QSqlQuery>

namespace {
using namespace PlatformValues;

const QString paidAt = QStringLiteral("COALESCE(p.payment_date, p.created_at)");

// Set by minor() when a sum is unreadable; loadByScan() hands it on in RevenueFacts.
thread_local bool t_damaged = false;

qint64 minor(const QVariant& value)
{
    const auto minorUnits = Money::minorFromSqlMinorUnits(value);
    t_damaged = t_damaged || !minorUnits;
    return minorUnits.value_or(0);
}

QDate day(const QVariant& value)
{
    return QDate::fromString(value.toString().left(10), Qt::ISODate);
}

// Builds one statement and its bound values side by side, so each `?` gets its value in order.
class Statement
{
public:
    Statement(Engine engine, const SqlTime& time) : m_engine(engine), m_time(time) {}

    Statement& sql(const QString& text)
    {
        m_sql += text;
        return *this;
    }
    Statement& bind(const QVariant& value)
    {
        m_binds << value;
        return *this;
    }
    // " AND ts >= ? AND ts < ?"
    Statement& range(const QString& ts, const QDateTime& start, const QDateTime& end)
    {
        const QString param = ReportSql::timestampParam(m_engine);
        m_sql += QStringLiteral(" AND %1 >= %2 AND %1 < %2").arg(ts, param);
        m_binds << ReportSql::boundText(m_time, start) << ReportSql::boundText(m_time, end);
        return *this;
    }
    // The local day of `ts` inside one zone segment.
    Statement& day(const QString& ts, const ZoneSegment& segment)
    {
        m_sql += ReportSql::shiftedDay(m_engine, ts);
        m_binds << ReportSql::shiftValue(m_engine, segment.shiftSeconds);
        return *this;
    }

    const QString& text() const { return m_sql; }
    const QVariantList& binds() const { return m_binds; }

private:
    Engine m_engine;
    const SqlTime& m_time;
    QString m_sql;
    QVariantList m_binds;
};
} // namespace

namespace RevenueSource {
QString refundAt(bool auditLog)
{
    return auditLog ? QStringLiteral("COALESCE(ra.refunded_at, p.updated_at)") : QStringLiteral("p.updated_at");
}

QString refundJoin(bool auditLog)
{
    QString sql;
    if (auditLog) {
        // One row per refunded payment; the audit index (table_name, row_key, occurred_at) of
        // migration 004 serves it, and without it the log is scanned once per report.
        sql += QStringLiteral(" LEFT JOIN (SELECT row_key, MIN(occurred_at) AS refunded_at FROM coursedesk_audit_log "
                              "WHERE table_name = 'payments' AND action = 'refund' GROUP BY row_key) ra "
                              "ON ra.row_key = CAST(p.id AS VARCHAR(100))");
    }
    return sql;
}

bool loadByScan(const QSqlDatabase& db, const RevenueFilter& filter, bool auditLog, RevenueFacts* facts, QString* error)
{
    t_damaged = false;
    const Engine engine = Database::engine(db);
    const SqlTime time = SqlTime::forConnection(db);
    const ReportPeriod period = filter.period();
    // The previous period and the period, as one range: both are read in the same pass.
    const ReportPeriod both(period.previous().from(), period.to(), filter.userZone);
    const QList<ZoneSegment> segments = both.segments(time.zone());
    auto sum = [&](const QString& column) { return MoneySql::sumMinorUnits(engine, column); };
    const QString refunded = RevenueSource::refundAt(auditLog);

    // Payments ⋈ orders, read once into `ev` (PostgreSQL and SQLite materialise a CTE that is
    // used more than once), then grouped three ways from there.
    Statement s(engine, time);
    s.sql(QStringLiteral("WITH ev AS (SELECT p.order_id AS order_id, o.currency AS currency, o.course_id AS "
                         "course_id, p.payment_method AS method, p.status AS status, p.amount AS amount, %1 AS "
                         "paid_at, %2 AS refund_at FROM payments p JOIN orders o ON o.id = p.order_id%3 "
                         "WHERE p.status IN (%4)")
              .arg(paidAt, refunded, refundJoin(auditLog),
                   ReportSql::literalList({Payment::completed, Payment::refunded, Payment::failed})));
    if (!filter.currency.isEmpty()) {
        s.sql(QStringLiteral(" AND o.currency = ?")).bind(filter.currency);
    }
    if (!filter.courseId.isEmpty()) {
        s.sql(QStringLiteral(" AND o.course_id = ?")).bind(filter.courseId);
    }
    s.sql(QStringLiteral(" AND (1 = 1")).range(paidAt, both.startInstant(), both.endInstant());
    s.sql(QStringLiteral(" OR p.status = '%1'").arg(Payment::refunded))
        .range(refunded, both.startInstant(), both.endInstant())
        .sql(QStringLiteral("))"));
    const QString captured = ReportSql::literalList({Payment::completed, Payment::refunded});
    const QString money = sum(QStringLiteral("amount"));
    // Each branch groups by few columns, so that every aggregate is a small in-memory hash.
    for (const ZoneSegment& segment : segments) {
        s.sql(QStringLiteral(" SELECT 1, currency, NULL, status, ")).day(QStringLiteral("paid_at"), segment);
        s.sql(QStringLiteral(", COUNT(*), %1 FROM ev WHERE 1 = 1").arg(money))
            .range(QStringLiteral("paid_at"), segment.start, segment.end)
            .sql(QStringLiteral(" GROUP BY 2, 4, 5 UNION ALL"));
        s.sql(QStringLiteral(" SELECT 2, currency, NULL, NULL, ")).day(QStringLiteral("refund_at"), segment);
        s.sql(QStringLiteral(", COUNT(*), %1 FROM ev WHERE status = '%2'").arg(money, Payment::refunded))
            .range(QStringLiteral("refund_at"), segment.start, segment.end)
            .sql(QStringLiteral(" GROUP BY 2, 5 UNION ALL"));
    }
    // Courses and methods of the period itself.
    s.sql(QStringLiteral(" SELECT 3, currency, course_id, NULL, NULL, COUNT(*), %1 FROM ev WHERE status IN (%2)")
              .arg(money, captured))
        .range(QStringLiteral("paid_at"), period.startInstant(), period.endInstant())
        .sql(QStringLiteral(" GROUP BY 2, 3 UNION ALL"));
    s.sql(QStringLiteral(" SELECT 4, currency, course_id, NULL, NULL, COUNT(*), %1 FROM ev WHERE status = '%2'")
              .arg(money, Payment::refunded))
        .range(QStringLiteral("refund_at"), period.startInstant(), period.endInstant())
        .sql(QStringLiteral(" GROUP BY 2, 3 UNION ALL"));
    s.sql(QStringLiteral(" SELECT 5, currency, method, NULL, NULL, COUNT(*), %1 FROM ev WHERE status IN (%2)")
              .arg(money, captured))
        .range(QStringLiteral("paid_at"), period.startInstant(), period.endInstant())
        .sql(QStringLiteral(" GROUP BY 2, 3 UNION ALL"));
    // Distinct paid orders cannot be added up from days: counted per period, in the same pass.
    s.sql(QStringLiteral(" SELECT 6, currency, NULL, flag, NULL, COUNT(*), NULL FROM (SELECT DISTINCT currency, "
                         "CASE WHEN paid_at >= %1 THEN 'current' ELSE 'previous' END AS flag, order_id FROM ev "
                         "WHERE status IN (%2)")
              .arg(ReportSql::timestampParam(engine), captured))
        .bind(ReportSql::boundText(time, period.startInstant()))
        .range(QStringLiteral("paid_at"), both.startInstant(), both.endInstant())
        .sql(QStringLiteral(") d GROUP BY 2, 4"));
    bool ok = ReportSql::select(
        db, s.text(), s.binds(),
        [&](const QSqlQuery& q) {
            // kind, currency, text (course or method), text (status or flag), day, count, money
            const QString currency = q.value(1).toString();
            switch (q.value(0).toInt()) {
            case 1:
                facts->payments << RevenueFacts::Payments{currency, q.value(3).toString(), day(q.value(4)),
                                                          q.value(5).toLongLong(), minor(q.value(6))};
                break;
            case 2:
                facts->refunds << RevenueFacts::Refunds{currency, day(q.value(4)), q.value(5).toLongLong(),
                                                        minor(q.value(6))};
                break;
            case 3:
            case 4: {
                const bool refunds = q.value(0).toInt() == 4;
                facts->courses << RevenueFacts::Course{currency, q.value(2).toString(), refunds ? 0 : minor(q.value(6)),
                                                       refunds ? minor(q.value(6)) : 0};
                break;
            }
            case 5:
                facts->methods << qMakePair(
                    currency, MethodShare{q.value(2).toString(), q.value(5).toLongLong(), minor(q.value(6))});
                break;
            default:
                (q.value(3).toString() == QLatin1String("current") ? facts->paidOrders
                                                                   : facts->previousPaidOrders)[currency] =
                    q.value(5).toLongLong();
            }
        },
        error);
    if (!ok) {
        return false;
    }

    // Orders created in the period, by status.
    Statement o(engine, time);
    o.sql(QStringLiteral("SELECT o.currency, o.status, COUNT(*), %1 FROM orders o WHERE 1 = 1")
              .arg(sum(QStringLiteral("o.amount"))))
        .range(QStringLiteral("o.created_at"), period.startInstant(), period.endInstant());
    if (!filter.currency.isEmpty()) {
        o.sql(QStringLiteral(" AND o.currency = ?")).bind(filter.currency);
    }
    if (!filter.courseId.isEmpty()) {
        o.sql(QStringLiteral(" AND o.course_id = ?")).bind(filter.courseId);
    }
    ok = ReportSql::select(
        db, o.text() + QStringLiteral(" GROUP BY o.currency, o.status ORDER BY o.currency, o.status"), o.binds(),
        [&](const QSqlQuery& q) {
            facts->orderStatuses << qMakePair(
                q.value(0).toString(), StatusCount{q.value(1).toString(), q.value(2).toLongLong(), minor(q.value(3))});
        },
        error);
    if (!ok) {
        return false;
    }

    // Enrollments by local day over both periods; orders are joined only to filter by currency.
    Statement e(engine, time);
    for (const ZoneSegment& segment : segments) {
        if (!e.text().isEmpty()) {
            e.sql(QStringLiteral(" UNION ALL "));
        }
        e.sql(QStringLiteral("SELECT ")).day(QStringLiteral("e.enrollment_date"), segment);
        e.sql(filter.currency.isEmpty()
                  ? QStringLiteral(", COUNT(*) FROM enrollments e WHERE 1 = 1")
                  : QStringLiteral(
                        ", COUNT(*) FROM enrollments e JOIN orders o ON o.id = e.order_id WHERE o.currency = ?"));
        if (!filter.currency.isEmpty()) {
            e.bind(filter.currency);
        }
        if (!filter.courseId.isEmpty()) {
            e.sql(QStringLiteral(" AND e.course_id = ?")).bind(filter.courseId);
        }
        e.range(QStringLiteral("e.enrollment_date"), segment.start, segment.end).sql(QStringLiteral(" GROUP BY 1"));
    }
    const bool enrollmentsOk =
        e.text().isEmpty() ||
        ReportSql::select(
            db, e.text(), e.binds(),
            [&](const QSqlQuery& q) { facts->enrollmentsByDay[day(q.value(0))] += q.value(1).toLongLong(); }, error);
    facts->damagedAmount = t_damaged;
    return enrollmentsOk;
}
} // namespace RevenueSource

namespace RevenueSource {
bool load(const QSqlDatabase& db, const RevenueFilter& filter, RevenueFacts* facts, QString* error)
{
    const QStringList tables = db.tables();
    const bool auditLog = tables.contains(QStringLiteral("coursedesk_audit_log"), Qt::CaseInsensitive);
    // One snapshot for every statement, so the figures agree with each other even while the
    // platform writes.
    QSqlDatabase session = db;
    const bool own = session.transaction();
    if (own && Database::isPostgres(db)) {
        QSqlQuery set(db);
        set.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
        // The report's hash aggregates and its CTE stay in memory instead of spilling to disk.
        set.exec(QStringLiteral("SET LOCAL work_mem = '64MB'"));
        // PostgreSQL cannot estimate a range on COALESCE(payment_date, created_at) without an index
        // on that expression: it guesses 0.5 % of the rows and joins orders by one index lookup per
        // payment, several times slower than one hash join once the period is more than a few
        // weeks (measured on 1.6M payments: 38 s against 5 s for two years).
        const qint64 days = filter.period().previous().from().daysTo(filter.to);
        if (days > 93) {
            set.exec(QStringLiteral("SET LOCAL enable_nestloop = off"));
        }
    }
    const bool ok = loadByScan(db, filter, auditLog, facts, error);
    if (own) {
        session.commit();
    }
    return ok;
}
} // namespace RevenueSource
