#include "RevenueRollup.h"

#include "ReportSql.h"
#include "RevenueReportFacts.h"
#include "RevenueStatement.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"

#include <QSet>
#include <QSqlError>
#include <QSqlQuery>

namespace {
using namespace PlatformValues;

const QStringList rollupTables = {
    QStringLiteral("coursedesk_revenue_daily"),         QStringLiteral("coursedesk_revenue_zones"),
    QStringLiteral("coursedesk_revenue_state"),         QStringLiteral("coursedesk_revenue_seen_payments"),
    QStringLiteral("coursedesk_revenue_seen_orders"),   QStringLiteral("coursedesk_revenue_seen_enrollments"),
    QStringLiteral("coursedesk_revenue_repeat_orders"),
};
// What a refresh and a regrouping go through: 006's own, the refund and report-date indexes of 004
// and 005 (a few days grouped again by index) and 003's payments by order (repeat orders).
const QStringList rollupIndexes = {
    QStringLiteral("coursedesk_revenue_daily_zone_day"),
    QStringLiteral("coursedesk_revenue_seen_payments_order"),
    QStringLiteral("coursedesk_revenue_seen_enrollments_order"),
    QStringLiteral("coursedesk_payments_updated_at"),
    QStringLiteral("coursedesk_orders_updated_at"),
    QStringLiteral("coursedesk_enrollments_updated_at"),
    QStringLiteral("coursedesk_payments_paid_at"),
    QStringLiteral("coursedesk_payments_refunded_updated_at"),
    QStringLiteral("coursedesk_audit_log_action"),
    QStringLiteral("coursedesk_payments_order_id"),
};

// How many of `names` exist as valid relations of `type` ('r' table, 'i' index; SQLite's words
// "table", "index").
int present(const QSqlDatabase& db, const QStringList& names, bool indexes)
{
    const bool pg = Database::isPostgres(db);
    const QString sql =
        pg ? QStringLiteral("SELECT COUNT(*) FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid WHERE "
                            "c.relname IN (%1) AND c.relkind = '%2' AND pg_table_is_visible(c.oid) AND "
                            "COALESCE(i.indisvalid, true)")
                 .arg(ReportSql::placeholders(names.size()), indexes ? QStringLiteral("i") : QStringLiteral("r"))
           : QStringLiteral("SELECT COUNT(*) FROM sqlite_master WHERE type = '%2' AND name IN (%1)")
                 .arg(ReportSql::placeholders(names.size()),
                      indexes ? QStringLiteral("index") : QStringLiteral("table"));
    int count = 0;
    QVariantList binds;
    for (const QString& name : names) {
        binds << name;
    }
    ReportSql::select(
        db, sql, binds, [&](const QSqlQuery& q) { count = q.value(0).toInt(); }, nullptr);
    return count;
}

// PostgreSQL: a primary (not a standby) on which this role may write every rollup table.
bool writable(const QSqlDatabase& db)
{
    if (!Database::isPostgres(db)) {
        return Database::readOnlyReason(db).isEmpty();
    }
    QStringList rights;
    QVariantList binds;
    // One right per call: with several listed, has_table_privilege is true if any one is held.
    for (const QString& table : rollupTables) {
        for (const char* right : {"INSERT", "UPDATE", "DELETE"}) {
            rights << QStringLiteral("has_table_privilege(?, '%1')").arg(QLatin1String(right));
            binds << table;
        }
    }
    bool ok = false;
    ReportSql::select(
        db, QStringLiteral("SELECT NOT pg_is_in_recovery() AND %1").arg(rights.join(QStringLiteral(" AND "))), binds,
        [&](const QSqlQuery& q) { ok = q.value(0).toBool(); }, nullptr);
    return ok;
}
} // namespace

namespace RevenueRollup {
QString zoneKey(const QTimeZone& userZone, const QTimeZone& storedZone)
{
    return QString::fromUtf8(userZone.id()) + QLatin1Char('|') + QString::fromUtf8(storedZone.id());
}

bool usable(const QSqlDatabase& db, const RevenueFilter& filter)
{
    // Days are grouped by course only for the course table: a course filter reads the platform's
    // tables.
    if (!filter.courseId.isEmpty() || filter.userZone.id().isEmpty() ||
        present(db, rollupTables, false) != rollupTables.size() ||
        present(db, rollupIndexes, true) != rollupIndexes.size() || !writable(db)) {
        return false;
    }
    return isStarted(db);
}

bool isStarted(const QSqlDatabase& db)
{
    bool started = false;
    ReportSql::select(
        db, QStringLiteral("SELECT 1 FROM coursedesk_revenue_state WHERE id = 1"), {},
        [&](const QSqlQuery&) { started = true; }, nullptr);
    return started;
}

bool begin(const QSqlDatabase& db, QString* error)
{
    QSqlDatabase session = db;
    QSqlQuery query(db);
    if (!Database::isPostgres(db)) {
        if (query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            return true;
        }
        *error = ReportSql::explain(query.lastError());
        return false;
    }
    if (!session.transaction()) {
        *error = ReportSql::explain(session.lastError());
        return false;
    }
    for (const QString& sql : {QStringLiteral("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"),
                               QStringLiteral("SET LOCAL work_mem = '64MB'"), QStringLiteral("SET LOCAL jit = off"),
                               QStringLiteral("SET LOCAL lock_timeout = '5s'"),
                               QStringLiteral("LOCK TABLE coursedesk_revenue_state IN EXCLUSIVE MODE")}) {
        if (!query.exec(sql)) {
            *error = ReportSql::explain(query.lastError());
            session.rollback();
            return false;
        }
    }
    return true;
}

bool finish(const QSqlDatabase& db, bool ok, QString* error)
{
    QSqlDatabase session = db;
    const bool pg = Database::isPostgres(db);
    QSqlQuery end(db);
    if (ok && (pg ? session.commit() : end.exec(QStringLiteral("COMMIT")))) {
        return true;
    }
    if (ok) {
        *error = ReportSql::explain(pg ? session.lastError() : end.lastError());
    }
    if (pg) {
        session.rollback();
    } else {
        end.exec(QStringLiteral("ROLLBACK"));
    }
    return false;
}

bool hasTables(const QSqlDatabase& db)
{
    return present(db, rollupTables, false) == rollupTables.size();
}

bool loadFacts(const QSqlDatabase& db, const RevenueFilter& requested, RevenueFacts* facts, QString* error)
{
    RevenueFilter filter = requested;
    const Engine engine = Database::engine(db);
    const SqlTime time = SqlTime::forConnection(db);
    const ReportPeriod period = filter.period();
    const QDate prevFrom = period.previous().from();
    const QString zone = zoneKey(filter.userZone, time.zone());
    const QString dayParam = ReportSql::dateParam(engine);
    const QVariantList range = {zone, prevFrom.toString(Qt::ISODate), period.to().toString(Qt::ISODate)};
    const QString currencyFilter = filter.currency.isEmpty() ? QString() : QStringLiteral(" AND currency = ?");
    const QVariantList currencyBind = filter.currency.isEmpty() ? QVariantList() : QVariantList{filter.currency};
    auto inPeriod = [&](QDate d) { return d >= period.from() && d < period.to(); };
    auto inPrevious = [&](QDate d) { return d >= prevFrom && d < period.from(); };

    QMap<QPair<QString, QString>, MethodShare> methods;
    QMap<QPair<QString, QString>, StatusCount> orders; // (currency, status), the period's only
    QSet<QString> ordersDamaged;
    QMap<QString, QMap<QDate, qint64>> enrollments; // currency ("" for none) -> day -> enrollments
    QSet<QString> seen;
    const QString captured = ReportSql::literalList({Payment::completed, Payment::refunded});
    bool ok = ReportSql::select(
        db,
        QStringLiteral("SELECT kind, currency, key1, key2, day, n, minor, damaged FROM coursedesk_revenue_daily WHERE "
                       "zone = ? AND day >= %1 AND day < %1 AND kind IN (%2, %3, %4, %5, %6)%7")
            .arg(dayParam)
            .arg(Kind::Payments)
            .arg(Kind::Refunds)
            .arg(Kind::PaidOrders)
            .arg(Kind::Orders)
            .arg(Kind::Enrollments)
            .arg(currencyFilter),
        range + currencyBind,
        [&](const QSqlQuery& q) {
            const int kind = q.value(0).toInt();
            const QString currency = q.value(1).toString();
            const QDate d = ReportSql::day(q.value(4));
            const qint64 n = q.value(5).toLongLong();
            const qint64 minor = q.value(6).toLongLong();
            const bool damaged = q.value(7).toInt() != 0;
            switch (kind) {
            case Kind::Payments: {
                const QString status = q.value(2).toString();
                facts->payments << RevenueFacts::Payments{currency, status, d, n, minor};
                seen.insert(currency);
                if (damaged) {
                    facts->damagedCurrencies.insert(currency);
                }
                if (inPeriod(d) && status != Payment::failed) {
                    MethodShare& m = methods[{currency, q.value(3).toString()}];
                    m.method = q.value(3).toString();
                    m.payments += n;
                    m.grossMinor += minor;
                }
                break;
            }
            case Kind::Refunds:
                facts->refunds << RevenueFacts::Refunds{currency, d, n, minor};
                seen.insert(currency);
                if (damaged) {
                    facts->damagedCurrencies.insert(currency);
                }
                break;
            case Kind::PaidOrders:
                if (inPeriod(d)) {
                    facts->paidOrders[currency] += n;
                } else if (inPrevious(d)) {
                    facts->previousPaidOrders[currency] += n;
                }
                break;
            case Kind::Orders:
                if (inPeriod(d)) {
                    StatusCount& s = orders[{currency, q.value(2).toString()}];
                    s.status = q.value(2).toString();
                    s.orders += n;
                    s.amountMinor += minor;
                    if (damaged) {
                        ordersDamaged.insert(currency);
                    }
                }
                break;
            default:
                enrollments[currency][d] += n;
            }
        },
        error);

    // Per course over the period's days, summed by the database (200 courses x 730 days).
    ok = ok &&
         ReportSql::select(
             db,
             QStringLiteral("SELECT kind, currency, key1, SUM(minor) FROM coursedesk_revenue_daily WHERE zone = "
                            "? AND day >= %1 AND day < %1 AND kind IN (%2, %3)%4 GROUP BY kind, currency, key1")
                 .arg(dayParam)
                 .arg(Kind::CourseGross)
                 .arg(Kind::CourseRefunds)
                 .arg(currencyFilter),
             QVariantList{zone, period.from().toString(Qt::ISODate), period.to().toString(Qt::ISODate)} + currencyBind,
             [&](const QSqlQuery& q) {
                 const bool gross = q.value(0).toInt() == Kind::CourseGross;
                 const qint64 minor = q.value(3).toLongLong();
                 facts->courses << RevenueFacts::Course{q.value(1).toString(), q.value(2).toString(), gross ? minor : 0,
                                                        gross ? 0 : minor};
             },
             error);

    // Each day counts its distinct paid orders; an order paid on several days of a period is
    // counted once per day. Only orders with more than one captured payment can be: their days
    // are read here and the surplus taken off.
    const ReportPeriod both(prevFrom, period.to(), filter.userZone);
    RevenueStatement repeat(engine, time);
    repeat.sql(QStringLiteral("SELECT o.currency, p.order_id, "))
        .dayIn(QStringLiteral("COALESCE(p.payment_date, p.created_at)"), both.segments(time.zone()))
        .sql(QStringLiteral(" FROM coursedesk_revenue_repeat_orders r %2 payments p ON p.order_id = r.order_id %2 "
                            "orders o ON o.id = p.order_id WHERE p.status IN (%1)")
                 .arg(captured, ReportSql::drivingJoin(engine)));
    if (!filter.currency.isEmpty()) {
        repeat.sql(QStringLiteral(" AND o.currency = ?")).bind(filter.currency);
    }
    QMap<QPair<QString, qint64>, QSet<QDate>> repeatDays;
    ok = ok &&
         ReportSql::select(
             db, repeat.text(), repeat.binds(),
             [&](const QSqlQuery& q) {
                 if (!q.value(2).isNull()) {
                     repeatDays[{q.value(0).toString(), q.value(1).toLongLong()}].insert(ReportSql::day(q.value(2)));
                 }
             },
             error);
    for (auto it = repeatDays.cbegin(); it != repeatDays.cend(); ++it) {
        qint64 current = 0;
        qint64 previous = 0;
        for (QDate d : it.value()) {
            current += inPeriod(d) ? 1 : 0;
            previous += inPrevious(d) ? 1 : 0;
        }
        if (current > 1) {
            facts->paidOrders[it.key().first] -= current - 1;
        }
        if (previous > 1) {
            facts->previousPaidOrders[it.key().first] -= previous - 1;
        }
    }
    if (!ok) {
        return false;
    }
    for (auto it = methods.cbegin(); it != methods.cend(); ++it) {
        facts->methods << qMakePair(it.key().first, it.value());
    }
    RevenueSource::settleCurrency(seen, &filter, facts);
    facts->damagedAmount = !facts->damagedCurrencies.isEmpty();
    for (auto it = orders.cbegin(); it != orders.cend(); ++it) {
        if (filter.currency.isEmpty() || it.key().first == filter.currency) {
            facts->orderStatuses << qMakePair(it.key().first, it.value());
            facts->damagedAmount = facts->damagedAmount || ordersDamaged.contains(it.key().first);
        }
    }
    for (auto it = enrollments.cbegin(); it != enrollments.cend(); ++it) {
        if (filter.currency.isEmpty() || it.key() == filter.currency) {
            for (auto d = it.value().cbegin(); d != it.value().cend(); ++d) {
                facts->enrollmentsByDay[d.key()] += d.value();
            }
        }
    }
    facts->readFromRollup = true;
    return true;
}
} // namespace RevenueRollup
