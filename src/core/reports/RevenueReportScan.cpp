#include "RevenueReportFacts.h"

#include "QueryCancel.h"
#include "ReportSql.h"
#include "RevenueRollup.h"
#include "RevenueStatement.h"
#include "SqliteGrouping.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "money/Money.h"
#include "money/MoneySql.h"

#include <QDebug>
#include <QSqlError>
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

RevenueEvents paymentEvents(Engine engine, const SqlTime& time, const RevenueFilter& filter, bool auditLog,
                            bool byIndex)
{
    const ReportPeriod period = filter.period();
    // The previous period and the period, as one range: both are read in the same pass.
    const ReportPeriod both(period.previous().from(), period.to(), filter.userZone);
    const QList<ZoneSegment> segments = both.segments(time.zone());
    const QString captured = ReportSql::literalList({Payment::completed, Payment::refunded});
    RevenueEvents events{RevenueStatement(engine, time), RevenueStatement(engine, time)};
    RevenueStatement* c = &events.columns;
    c->sql(QStringLiteral("SELECT currency, status, order_id, amount, %1 AS damaged, ")
               .arg(MoneySql::damagedAmount(engine, QStringLiteral("amount"))));
    c->dayIn(QStringLiteral("paid_at"), segments)
        .sql(QStringLiteral(" AS pday, CASE WHEN status = '%1' THEN ").arg(Payment::refunded));
    c->dayIn(QStringLiteral("refunded_at"), segments)
        .sql(QStringLiteral(" END AS rday, CASE WHEN status IN (%1)").arg(captured));
    c->range(QStringLiteral("paid_at"), period.startInstant(), period.endInstant())
        .sql(QStringLiteral(" THEN course_id END AS course, CASE WHEN status = '%1'").arg(Payment::refunded));
    c->range(QStringLiteral("refunded_at"), period.startInstant(), period.endInstant())
        .sql(QStringLiteral(" THEN course_id END AS rcourse, CASE WHEN status IN (%1)").arg(captured));
    c->range(QStringLiteral("paid_at"), period.startInstant(), period.endInstant())
        .sql(QStringLiteral(" THEN payment_method END AS method, CASE WHEN status IN (%1)").arg(captured));
    c->range(QStringLiteral("paid_at"), both.startInstant(), both.endInstant())
        .sql(QStringLiteral(" THEN CASE WHEN paid_at >= %1 THEN 1 ELSE 0 END END AS pflag FROM (")
                 .arg(ReportSql::timestampParam(engine)))
        .bind(ReportSql::boundText(time, period.startInstant()));

    RevenueStatement* r = &events.rows;
    r->sql(QStringLiteral("SELECT o.currency AS currency, COALESCE(o.course_id, '') AS course_id, p.status AS status, "
                          "p.order_id AS order_id, p.amount AS amount, COALESCE(p.payment_method, '') AS "
                          "payment_method, %1 AS paid_at, %2 AS refunded_at")
               .arg(paidAt, RevenueSource::refundAt(auditLog)));
    paymentRows(r, both.startInstant(), both.endInstant(), auditLog, byIndex);
    if (!filter.currency.isEmpty()) {
        r->sql(QStringLiteral(" AND o.currency = ?")).bind(filter.currency);
    }
    if (!filter.courseId.isEmpty()) {
        r->sql(QStringLiteral(" AND o.course_id = ?")).bind(filter.courseId);
    }
    return events;
}

void paymentRows(RevenueStatement* s, const QDateTime& start, const QDateTime& end, bool auditLog, bool byIndex)
{
    const Engine engine = s->engine();
    const QString refunded = RevenueSource::refundAt(auditLog);
    s->sql(QStringLiteral(" FROM "));
    if (byIndex) {
        // The candidate payments, under the name and columns of the table itself.
        s->sql(QStringLiteral("("));
        candidatePayments(s, start, end, auditLog);
        s->sql(QStringLiteral(") p"));
    } else {
        // SQLite: the table itself, never a covering index on the report date (migration 005):
        // read in date order, its rows would look their orders up in random order (9.6 s against
        // 2.6 s for every payment).
        s->sql(engine == Engine::Sqlite ? QStringLiteral("payments p NOT INDEXED") : QStringLiteral("payments p"));
    }
    // SQLite: payments drive the join. With an index on payments.order_id its planner otherwise
    // walks all 2M orders of the currency and looks their payments up, four times slower than
    // reading payments once (measured on 1.6M payments).
    s->sql(QStringLiteral(" %1 orders o ON o.id = p.order_id%2 WHERE p.status IN (%3)")
               .arg(ReportSql::drivingJoin(engine), refundJoin(auditLog),
                    ReportSql::literalList({Payment::completed, Payment::refunded, Payment::failed})));
    s->sql(QStringLiteral(" AND ((1 = 1")).range(paidAt, start, end);
    s->sql(QStringLiteral(") OR (p.status = '%1'").arg(Payment::refunded))
        .range(refunded, start, end)
        .sql(QStringLiteral("))"));
}

bool loadPaymentsPostgres(const QSqlDatabase& db, const RevenueStatement& events, RevenueFacts* facts, QString* error)
{
    t_damaged = false;
    // The groupings are hash aggregates over one read of the rows (GROUPING SETS), three of them:
    // - kind 1, the rows by status, report day, refund day and method: payments by day, refunds
    //   by day and the methods are sums of these few groups (about 2,000 for two years);
    // - kind 2, by course when captured and when refunded in the period;
    // - kind 3, the distinct paid orders: captured payments of either period by block of 64 order
    //   ids, each block's orders a bit mask (bit_or), whose bits the outer query counts. A block
    //   is a small group (2M orders make 31,250) where one group per order (1.5M of them for two
    //   years) outgrew work_mem, spilled to disk and cost half of the statement.
    // Each grouping set adds a hash of every row in one process (PostgreSQL 15 cannot aggregate
    // grouping sets in parallel), so there are as few as the figures allow. Amounts are summed as
    // NUMERIC (damaged ones as 0) and turned into minor units once per group. OFFSET 0 keeps the
    // rows a subquery, so the planner estimates its CASE columns at a few hundred values each
    // instead of taking the day columns for nearly unique and sorting the rows once per set.
    // Measured on 1.6M payments over four years (one connection, two workers): 2.1 s, against
    // 3.8 s with six sets and one group per paid order.
    const QString sql =
        QStringLiteral(
            "SELECT kind, currency, status, pday, rday, course, rcourse, method, pflag, SUM(n), CAST(SUM(money) * 100 "
            "AS bigint), bool_or(bad), SUM(CASE WHEN kind = 3 THEN length(replace(CAST(CAST(bits AS bit(64)) AS "
            "text), '0', '')) END) FROM (SELECT CASE WHEN GROUPING(status) = 0 THEN 1 WHEN GROUPING(course) = 0 THEN "
            "2 ELSE 3 END AS kind, currency, status, pday, rday, course, rcourse, method, pflag, COUNT(*) AS n, "
            "SUM(CASE WHEN damaged THEN 0 ELSE amount END) AS money, bool_or(amount IS NOT NULL AND damaged) AS bad, "
            "bit_or(bit) AS bits FROM (SELECT *, CASE WHEN pflag IS NOT NULL THEN order_id >> 6 END AS block, CASE "
            "WHEN pflag IS NOT NULL THEN CAST(1 AS bigint) << CAST(order_id & 63 AS integer) END AS bit FROM (%1) x "
            "OFFSET 0) ev GROUP BY GROUPING SETS ((currency, status, pday, rday, method), (currency, course, "
            "rcourse), (currency, pflag, block))) g GROUP BY kind, currency, status, pday, rday, course, rcourse, "
            "method, pflag")
            .arg(events.text());
    const QVariantList& binds = events.binds();
    const bool ok = ReportSql::select(
        db, sql, binds,
        [&](const QSqlQuery& q) {
            // kind, currency, status, pday, rday, course, rcourse, method, pflag, rows, minor, bad,
            // paid orders
            const QString currency = q.value(1).toString();
            if (q.value(11).toBool()) {
                facts->damagedCurrencies.insert(currency);
            }
            const qint64 rows = q.value(9).toLongLong();
            const qint64 money = minor(q.value(10));
            switch (q.value(0).toInt()) {
            case 1:
                if (!q.value(3).isNull()) {
                    facts->payments << RevenueFacts::Payments{currency, q.value(2).toString(),
                                                              ReportSql::day(q.value(3)), rows, money};
                }
                if (!q.value(4).isNull()) {
                    facts->refunds << RevenueFacts::Refunds{currency, ReportSql::day(q.value(4)), rows, money};
                }
                if (!q.value(7).isNull()) {
                    facts->methods << qMakePair(currency, MethodShare{q.value(7).toString(), rows, money});
                }
                break;
            case 2:
                if (!q.value(5).isNull()) {
                    facts->courses << RevenueFacts::Course{currency, q.value(5).toString(), money, 0};
                }
                if (!q.value(6).isNull()) {
                    facts->courses << RevenueFacts::Course{currency, q.value(6).toString(), 0, money};
                }
                break;
            default:
                if (!q.value(8).isNull()) {
                    (q.value(8).toInt() == 1 ? facts->paidOrders : facts->previousPaidOrders)[currency] =
                        q.value(12).toLongLong();
                }
            }
        },
        error);
    facts->damagedAmount = facts->damagedAmount || t_damaged;
    return ok;
}
} // namespace RevenueSource

namespace {
// Keeps only `currency`'s payment facts.
void keepCurrency(RevenueFacts* facts, const QString& currency)
{
    facts->payments.removeIf([&](const RevenueFacts::Payments& f) { return f.currency != currency; });
    facts->refunds.removeIf([&](const RevenueFacts::Refunds& f) { return f.currency != currency; });
    facts->courses.removeIf([&](const RevenueFacts::Course& f) { return f.currency != currency; });
    facts->methods.removeIf([&](const QPair<QString, MethodShare>& f) { return f.first != currency; });
    for (QMap<QString, qint64>* orders : {&facts->paidOrders, &facts->previousPaidOrders}) {
        orders->removeIf([&](const QMap<QString, qint64>::iterator& it) { return it.key() != currency; });
    }
    facts->damagedCurrencies.removeIf([&](const QString& c) { return c != currency; });
}
} // namespace

namespace RevenueSource {
void settleCurrency(const QSet<QString>& seen, RevenueFilter* filter, RevenueFacts* facts)
{
    facts->currenciesSeen = QStringList(seen.cbegin(), seen.cend());
    facts->currenciesSeen.sort();
    if (filter->currency.isEmpty() && filter->pickCurrency) {
        filter->currency = seen.contains(QStringLiteral("INR")) || seen.isEmpty() ? QStringLiteral("INR")
                                                                                  : facts->currenciesSeen.first();
        facts->pickedCurrency = filter->currency;
        keepCurrency(facts, filter->currency);
    }
}
} // namespace RevenueSource

namespace {
// Orders created in the period, by status, and enrollments by local day over both periods, for
// `filter`'s currency (every currency when it has none). `damaged`: an order amount of the period
// cannot be summed.
bool loadOrdersAndEnrollments(const QSqlDatabase& db, const RevenueFilter& filter, RevenueFacts* facts, bool* damaged,
                              QString* error)
{
    const Engine engine = Database::engine(db);
    const SqlTime time = SqlTime::forConnection(db);
    const ReportPeriod period = filter.period();
    const ReportPeriod both(period.previous().from(), period.to(), filter.userZone);
    const QList<ZoneSegment> segments = both.segments(time.zone());
    auto sum = [&](const QString& column) { return MoneySql::sumMinorUnits(engine, column); };
    // As RevenueSource::load: up to 93 days for both periods together is "few rows".
    const bool fewRows = both.days() <= 93;
    // SQLite uses an index on a date column for any range, even one that holds nearly every row,
    // and then looks each row up in the table: for two years of orders and enrollments that is
    // several times slower than reading the table (measured 30 s against 8 s for the whole
    // report). A long period's ranges are therefore written `+column`, which no index serves.
    const QString scan = engine == Engine::Sqlite && !fewRows ? QStringLiteral("+") : QString();
    // Nor a full scan of a covering date index (migration 005): enrollments read in date order
    // look their orders up in random order (10.8 s against 2.6 s in table order).
    const QString notIndexed = scan.isEmpty() ? QString() : QStringLiteral(" NOT INDEXED");
    t_damaged = false;
    // Orders created in the period, by status. SQLite groups them in C++ (SqliteGrouping): its
    // GROUP BY sorts every order of the period first (0.73 s against 0.3 s for two years).
    const bool sqlite = engine == Engine::Sqlite;
    const QString orderAmount = QStringLiteral("o.amount");
    RevenueStatement o(engine, time);
    o.sql(sqlite ? QStringLiteral("SELECT %1(o.currency, o.status, CAST(round(%2 * 100) AS INTEGER), CASE WHEN %2 "
                                  "IS NOT NULL AND %3 THEN 1 ELSE 0 END)")
                       .arg(SqliteGrouping::function(), orderAmount, MoneySql::damagedAmount(engine, orderAmount))
                 : QStringLiteral("SELECT o.currency, o.status, COUNT(*), %1").arg(sum(orderAmount)));
    o.sql(QStringLiteral(" FROM orders o WHERE 1 = 1"))
        .range(scan + QStringLiteral("o.created_at"), period.startInstant(), period.endInstant());
    if (!filter.currency.isEmpty()) {
        o.sql(QStringLiteral(" AND o.currency = ?")).bind(filter.currency);
    }
    if (!filter.courseId.isEmpty()) {
        o.sql(QStringLiteral(" AND o.course_id = ?")).bind(filter.courseId);
    }
    auto addStatus = [&](const QString& currency, const QString& status, qint64 orders, const QVariant& amount) {
        facts->orderStatuses << qMakePair(currency, StatusCount{status, orders, minor(amount)});
    };
    QList<SqliteGrouping::Group> groups;
    const bool ok =
        sqlite ? SqliteGrouping::groups(db, o.text(), o.binds(), &groups, error)
               : ReportSql::select(
                     db, o.text() + QStringLiteral(" GROUP BY o.currency, o.status ORDER BY o.currency, o.status"),
                     o.binds(),
                     [&](const QSqlQuery& q) {
                         addStatus(q.value(0).toString(), q.value(1).toString(), q.value(2).toLongLong(), q.value(3));
                     },
                     error);
    if (!ok) {
        return false;
    }
    for (const SqliteGrouping::Group& g : std::as_const(groups)) {
        addStatus(QString::fromUtf8(g.key1), QString::fromUtf8(g.key2), g.rows,
                  g.damaged ? QVariant() : QVariant(g.minor));
    }

    // Enrollments by local day over both periods; orders are joined only to filter by currency.
    RevenueStatement e(engine, time);
    e.sql(sqlite ? QStringLiteral("SELECT %1(").arg(SqliteGrouping::function()) : QStringLiteral("SELECT "))
        .dayIn(QStringLiteral("e.enrollment_date"), segments);
    e.sql(sqlite ? QStringLiteral(", NULL, NULL, 0)") : QStringLiteral(", COUNT(*)"));
    e.sql(filter.currency.isEmpty()
              ? QStringLiteral(" FROM enrollments e%1 WHERE 1 = 1").arg(notIndexed)
              : QStringLiteral(" FROM enrollments e%1 %2 orders o ON o.id = e.order_id WHERE o.currency = ?")
                    .arg(notIndexed, ReportSql::drivingJoin(engine)));
    if (!filter.currency.isEmpty()) {
        e.bind(filter.currency);
    }
    if (!filter.courseId.isEmpty()) {
        e.sql(QStringLiteral(" AND e.course_id = ?")).bind(filter.courseId);
    }
    e.range(scan + QStringLiteral("e.enrollment_date"), both.startInstant(), both.endInstant());
    const bool enrollmentsOk = sqlite ? SqliteGrouping::groups(db, e.text(), e.binds(), &groups, error)
                                      : ReportSql::select(
                                            db, e.text() + QStringLiteral(" GROUP BY 1"), e.binds(),
                                            [&](const QSqlQuery& q) {
                                                facts->enrollmentsByDay[ReportSql::day(q.value(0))] +=
                                                    q.value(1).toLongLong();
                                            },
                                            error);
    if (sqlite && enrollmentsOk) {
        for (const SqliteGrouping::Group& g : std::as_const(groups)) {
            facts->enrollmentsByDay[ReportSql::day(g.key1.isNull() ? QVariant()
                                                                   : QVariant(QString::fromLatin1(g.key1)))] += g.rows;
        }
    }
    *damaged = t_damaged;
    return enrollmentsOk;
}
} // namespace

namespace RevenueSource {

bool loadByScan(const QSqlDatabase& db, const RevenueFilter& requested, bool auditLog, bool byIndex, bool ownSnapshot,
                RevenueFacts* facts, QString* error)
{
    t_damaged = false;
    RevenueFilter filter = requested;
    const Engine engine = Database::engine(db);
    const SqlTime time = SqlTime::forConnection(db);
    const ReportPeriod period = filter.period();

    // Payments ⋈ orders, once, grouped every way the report needs.
    const RevenueEvents events = paymentEvents(engine, time, filter, auditLog, byIndex);
    facts->readByIndex = byIndex;
    // As RevenueSource::load: up to 93 days for both periods together is "few rows".
    const qint64 days = period.previous().from().daysTo(period.to());
    const bool fewRows = days <= 93;
    // Orders and enrollments need the report's currency: known from the start unless the report
    // picks it from the payments. Their damaged amounts are added to the payments' after.
    bool othersRead = false;
    bool othersDamaged = false;
    auto others = [&] {
        othersRead = loadOrdersAndEnrollments(db, filter, facts, &othersDamaged, error);
        return othersRead;
    };
    // Not behind a transaction pooler: the second connection would wait for a server connection
    // that the first holds for its transaction, with every client of a small pool doing the same.
    const bool halves = engine == Engine::Postgres && !fewRows && !byIndex && ownSnapshot &&
                        !Database::isTransactionPooled(Database::url(db));
    // With the halves, this connection reads orders and enrollments while the other connection
    // still groups its share of the payments (the two connections then end together).
    const bool meanwhile = halves && (!filter.currency.isEmpty() || !filter.pickCurrency);
    if (!(halves                       ? loadPaymentsPostgresInHalves(db, events, days, facts, error,
                                                meanwhile ? std::function<bool()>(others) : std::function<bool()>())
                                : engine == Engine::Postgres ? loadPaymentsPostgres(db, events.statement(), facts, error)
                                       : loadPaymentsSqlite(db, events.statement(), facts, error))) {
        return false;
    }
    QSet<QString> seen;
    for (const RevenueFacts::Payments& f : std::as_const(facts->payments)) {
        seen.insert(f.currency);
    }
    for (const RevenueFacts::Refunds& f : std::as_const(facts->refunds)) {
        seen.insert(f.currency);
    }
    settleCurrency(seen, &filter, facts);
    if (!othersRead && !others()) {
        return false;
    }
    facts->damagedAmount = facts->damagedAmount || !facts->damagedCurrencies.isEmpty() || othersDamaged;
    return true;
}
} // namespace RevenueSource

namespace {
bool loadFromRollup(const QSqlDatabase& db, const RevenueFilter& filter, RevenueFacts* facts, QString* error)
{
    if (!RevenueRollup::begin(db, error)) {
        return false; // begin() rolled back what it had begun
    }
    const bool ok = RevenueRollup::refresh(db, filter, error) && RevenueRollup::loadFacts(db, filter, facts, error);
    return RevenueRollup::finish(db, ok, error) && ok;
}
} // namespace

namespace RevenueSource {
void setUpPostgresTransaction(const QSqlDatabase& db, qint64 days)
{
    QSqlQuery set(db);
    set.exec(QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"));
    // The report's hash aggregates (one per grouping set) stay in memory instead of spilling to disk.
    set.exec(QStringLiteral("SET LOCAL work_mem = '64MB'"));
    // JIT compiling the report's long CASE expressions costs more than it saves (0.5-3 s).
    set.exec(QStringLiteral("SET LOCAL jit = off"));
    // PostgreSQL cannot estimate a range on COALESCE(payment_date, created_at) without an index
    // on that expression: it guesses 0.5 % of the rows and joins orders by one index lookup per
    // payment, several times slower than one hash join once the period is more than a few
    // weeks (measured on 1.6M payments: 38 s against 5 s for two years).
    // Where it expects many groups for a long period it also sorts the payments once per
    // grouping set instead of hashing them (loadPaymentsPostgres): 9.5-10.8 s against 4.6-5.0 s
    // when the paid orders were one group each; a hash aggregate that outgrows work_mem only
    // spills to disk in batches.
    if (days > 93) {
        set.exec(QStringLiteral("SET LOCAL enable_nestloop = off"));
        set.exec(QStringLiteral("SET LOCAL enable_sort = off"));
        // With the audit log's refund dates joined (Coursedesk's tables), PostgreSQL judged
        // handing 1.6M joined rows from parallel workers to the grouping dearer than joining
        // in one process (7.9 s against 5.2 s); at 0.01 a row it reads them in parallel.
        set.exec(QStringLiteral("SET LOCAL parallel_tuple_cost = 0.01"));
    }
}

bool load(const QSqlDatabase& db, const RevenueFilter& filter, RevenuePath path, RevenueFacts* facts, QString* error)
{
    if (path == RevenuePath::Fastest && RevenueRollup::usable(db, filter)) {
        QString why;
        if (loadFromRollup(db, filter, facts, &why)) {
            return true;
        }
        if (QueryCancel::requested(db.connectionName())) {
            if (error) {
                *error = why;
            }
            return false;
        }
        // Nothing of the refresh was kept; the platform's tables give the same figures.
        qWarning().noquote() << "The daily revenue rollup could not be brought up to date; reading the platform's "
                                "tables instead:"
                             << why;
        *facts = RevenueFacts{};
    }
    const QStringList tables = db.tables();
    const bool auditLog = tables.contains(QStringLiteral("coursedesk_audit_log"), Qt::CaseInsensitive);
    // One snapshot for every statement, so the figures agree with each other even while the
    // platform writes.
    const qint64 days = filter.period().previous().from().daysTo(filter.to);
    QSqlDatabase session = db;
    const bool own = session.transaction();
    if (own && Database::isPostgres(db)) {
        setUpPostgresTransaction(db, days);
    }
    const bool byIndex = path != RevenuePath::Scan && readsByIndex(db, auditLog, days);
    if (byIndex && !Database::isPostgres(db)) {
        // Index lookups touch pages all over the file: reading them through a memory map instead
        // of one read() call each halves a month's statement (measured 0.65 s -> 0.35 s). A
        // setting of this connection only; nothing is written. SQLite caps it at its own maximum.
        QSqlQuery mmap(db);
        mmap.exec(QStringLiteral("PRAGMA mmap_size = 2147418112"));
    }
    const bool ok = loadByScan(db, filter, auditLog, byIndex, own, facts, error);
    if (own) {
        session.commit();
    }
    return ok;
}
} // namespace RevenueSource
