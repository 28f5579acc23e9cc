#include "RevenueRollup.h"

#include "ReportSql.h"
#include "RevenueReportFacts.h"
#include "RevenueStatement.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"

#include <QSet>
#include <QSqlQuery>

#include <algorithm>
#include <optional>
#include <set>

// Bringing the rollup up to date (RevenueRollup::refresh), inside the report's transaction.
//
// The rollup keeps, per platform row, what that row was counted by: its day-deciding times and its
// order (coursedesk_revenue_seen_*). A refresh reads the rows whose updated_at is at or after the
// newest one seen last time, minus an hour for transactions that committed late, plus every row
// that a count and id sum show to be missing or deleted. The local days of their times before and
// after are grouped again from the platform's tables in every zone the rollup holds (a changed
// order makes the days of its payments and enrollments dirty too: its currency or course may have
// changed). Grouping a day again is the same statement whatever changed, so a refreshed day is
// exactly what the report would read from the platform's tables.
namespace {
using namespace PlatformValues;

// How far before the newest updated_at seen at the last refresh the next one reads again: a row
// written (and stamped) before that refresh but committed after it is still found.
constexpr qint64 lateCommitSeconds = 3600;
// Dirty days closer than this are grouped as one stretch (fewer statements; a clean day in
// between is grouped again to the same figures).
constexpr qint64 mergeGapDays = 3;
// The id checksum is the sum of ids modulo this prime: no overflow on any id, and a deleted and an
// added row go unnoticed only if their ids agree modulo it.
constexpr qint64 idModulus = 1000000007;
// Bound values per statement when rechecking orders by id.
constexpr int idsPerStatement = 500;

const QString paidAt = QStringLiteral("COALESCE(p.payment_date, p.created_at)");

// The rows of `range` (a condition on the platform table aliased `alias`) that changed since the
// rollup saw them: the hour read again at every refresh is then only looked at, not grouped again.
QString changedSince(const QString& range, const QString& seen, QChar alias)
{
    return QStringLiteral("(%1) AND NOT EXISTS (SELECT 1 FROM %2 u WHERE u.id = %3.id AND u.updated_at = "
                          "%3.updated_at)")
        .arg(range, seen, alias);
}

// "number of rows, id checksum" of `table`.
QString rowsSql(const QString& table)
{
    return QStringLiteral("SELECT COUNT(*), CAST(COALESCE(SUM(id % %1), 0) AS BIGINT) FROM %2")
        .arg(idModulus)
        .arg(table);
}

class Refresh
{
public:
    // Per platform table (payments, orders, enrollments): the rows the rollup has seen, counted
    // and checksummed as rowsSql() does, kept up to date as rows are added and removed.
    enum Table { PaymentsTable, OrdersTable, EnrollmentsTable };
    struct Seen
    {
        qint64 rows = 0;
        qint64 ids = 0;
    };

    Refresh(const QSqlDatabase& db, QString* error)
        : m_db(db), m_engine(Database::engine(db)), m_time(SqlTime::forConnection(db)), m_error(error)
    {
    }

    bool seed();
    bool update();
    bool regroupZones(const QString& requiredZone, const QTimeZone& userZone);

private:
    struct Watermarks
    {
        QDateTime payments;
        QDateTime orders;
        QDateTime enrollments;
    };

    bool select(const QString& sql, const QVariantList& binds, const std::function<void(const QSqlQuery&)>& row)
    {
        return ReportSql::select(m_db, sql, binds, row, m_error);
    }
    bool exec(const QString& sql, const QVariantList& binds = {}) { return select(sql, binds, {}); }
    QVariant stamp(const QDateTime& instant) const
    {
        return instant.isValid() ? QVariant(m_time.toDb(instant)) : QVariant();
    }
    QVariant since(const QDateTime& watermark) const
    {
        // No watermark (an empty table at the last refresh): every row is new.
        return ReportSql::boundText(m_time, watermark.isValid()
                                                ? watermark.addSecs(-lateCommitSeconds)
                                                : QDateTime(QDate(1000, 1, 1), QTime(0, 0), QTimeZone::utc()));
    }
    QString ts() const { return ReportSql::timestampParam(m_engine); }
    void dirty(const QVariant& value)
    {
        const QDateTime t = m_time.fromDb(value);
        if (t.isValid()) {
            m_dirty << t;
        }
    }
    void newest(QDateTime* watermark, const QVariant& value) const
    {
        const QDateTime t = m_time.fromDb(value);
        if (t.isValid() && (!watermark->isValid() || t > *watermark)) {
            *watermark = t;
        }
    }

    // The rows of `range` (a condition on the platform table) added or changed since the rollup saw
    // them: their days, before and after, are marked dirty and the rollup's record updated.
    bool changedPayments(const QString& range, const QVariantList& binds, QDateTime* watermark);
    bool changedOrders(const QString& range, const QVariantList& binds, QDateTime* watermark);
    bool changedEnrollments(const QString& range, const QVariantList& binds, QDateTime* watermark);
    bool sameRows(const QString& table, Table t, bool* same);
    bool recount(const QString& seen, Table t);
    bool reconcile();
    bool recheckRepeatOrders();

    QSqlDatabase m_db;
    Engine m_engine;
    SqlTime m_time;
    QString* m_error;
    QList<QDateTime> m_dirty;
    QSet<qint64> m_orders; // orders whose count of captured payments may have changed
    Seen m_seen[3];
    void saw(Table t, const QVariant& id)
    {
        m_seen[t].rows += 1;
        m_seen[t].ids += id.toLongLong() % idModulus;
    }
};

bool Refresh::seed()
{
    for (const QString& table :
         {QStringLiteral("coursedesk_revenue_daily"), QStringLiteral("coursedesk_revenue_zones"),
          QStringLiteral("coursedesk_revenue_seen_payments"), QStringLiteral("coursedesk_revenue_seen_orders"),
          QStringLiteral("coursedesk_revenue_seen_enrollments"), QStringLiteral("coursedesk_revenue_repeat_orders")}) {
        if (!exec(QStringLiteral("DELETE FROM ") + table)) {
            return false;
        }
    }
    const QString captured = ReportSql::literalList({Payment::completed, Payment::refunded});
    return exec(QStringLiteral("INSERT INTO coursedesk_revenue_seen_payments (id, order_id, paid_at, refunded_at, "
                               "updated_at) SELECT p.id, p.order_id, %1, CASE WHEN p.status = '%2' THEN %3 END, "
                               "p.updated_at FROM payments p%4")
                    .arg(paidAt, Payment::refunded, RevenueSource::refundAt(true), RevenueSource::refundJoin(true))) &&
           exec(QStringLiteral("INSERT INTO coursedesk_revenue_seen_orders (id, created_at, updated_at) SELECT id, "
                               "created_at, updated_at FROM orders")) &&
           exec(QStringLiteral("INSERT INTO coursedesk_revenue_seen_enrollments (id, order_id, enrollment_date, "
                               "updated_at) SELECT id, order_id, enrollment_date, updated_at FROM enrollments")) &&
           exec(QStringLiteral("INSERT INTO coursedesk_revenue_repeat_orders (order_id) SELECT order_id FROM payments "
                               "WHERE status IN (%1) GROUP BY order_id HAVING COUNT(*) > 1")
                    .arg(captured)) &&
           recount(QStringLiteral("coursedesk_revenue_seen_payments"), PaymentsTable) &&
           recount(QStringLiteral("coursedesk_revenue_seen_orders"), OrdersTable) &&
           recount(QStringLiteral("coursedesk_revenue_seen_enrollments"), EnrollmentsTable) &&
           exec(QStringLiteral("INSERT INTO coursedesk_revenue_state (id, payments_until, orders_until, "
                               "enrollments_until, payments_rows, payments_ids, orders_rows, orders_ids, "
                               "enrollments_rows, enrollments_ids) SELECT 1, (SELECT MAX(updated_at) FROM payments), "
                               "(SELECT MAX(updated_at) FROM orders), (SELECT MAX(updated_at) FROM enrollments), ?, ?, "
                               "?, ?, ?, ?"),
                {m_seen[PaymentsTable].rows, m_seen[PaymentsTable].ids, m_seen[OrdersTable].rows,
                 m_seen[OrdersTable].ids, m_seen[EnrollmentsTable].rows, m_seen[EnrollmentsTable].ids});
}

bool Refresh::changedPayments(const QString& range, const QVariantList& binds, QDateTime* watermark)
{
    const QString where = changedSince(range, QStringLiteral("coursedesk_revenue_seen_payments"), QLatin1Char('p'));
    const QString refunded =
        QStringLiteral("CASE WHEN p.status = '%1' THEN %2 END").arg(Payment::refunded, RevenueSource::refundAt(true));
    const QString from = QStringLiteral(" FROM payments p%1 WHERE %2").arg(RevenueSource::refundJoin(true), where);
    const bool ok = select(
        QStringLiteral("SELECT p.id, p.order_id, %1, %2, p.updated_at, s.id, s.order_id, s.paid_at, s.refunded_at "
                       "FROM payments p%3 LEFT JOIN coursedesk_revenue_seen_payments s ON s.id = p.id WHERE %4")
            .arg(paidAt, refunded, RevenueSource::refundJoin(true), where),
        binds, [&](const QSqlQuery& q) {
            dirty(q.value(2));
            dirty(q.value(3));
            newest(watermark, q.value(4));
            m_orders.insert(q.value(1).toLongLong());
            if (q.value(5).isNull()) {
                saw(PaymentsTable, q.value(0));
            } else {
                m_orders.insert(q.value(6).toLongLong());
                dirty(q.value(7));
                dirty(q.value(8));
            }
        });
    // Set-based, in the same snapshot: the same rows as just read.
    return ok && exec(QStringLiteral("INSERT INTO coursedesk_revenue_seen_payments (id, order_id, paid_at, "
                                     "refunded_at, updated_at) SELECT p.id, p.order_id, %1, %2, p.updated_at%3 ON "
                                     "CONFLICT (id) DO UPDATE SET order_id = excluded.order_id, paid_at = "
                                     "excluded.paid_at, refunded_at = excluded.refunded_at, updated_at = "
                                     "excluded.updated_at")
                          .arg(paidAt, refunded, from),
                      binds);
}

bool Refresh::changedOrders(const QString& range, const QVariantList& binds, QDateTime* watermark)
{
    const QString where = changedSince(range, QStringLiteral("coursedesk_revenue_seen_orders"), QLatin1Char('o'));
    const bool ok =
        select(QStringLiteral("SELECT o.id, o.created_at, o.updated_at, s.id, s.created_at FROM orders o LEFT JOIN "
                              "coursedesk_revenue_seen_orders s ON s.id = o.id WHERE %1")
                   .arg(where),
               binds,
               [&](const QSqlQuery& q) {
                   dirty(q.value(1));
                   newest(watermark, q.value(2));
                   if (q.value(3).isNull()) {
                       saw(OrdersTable, q.value(0));
                   } else {
                       dirty(q.value(4));
                   }
               }) &&
        // The order's currency or course may have changed: its payments' and enrollments' days
        // count it (the seen rows are already up to date with the payments and enrollments). The
        // changed orders drive the join: without statistics on Coursedesk's tables SQLite would
        // read every seen payment and look its order up.
        select(QStringLiteral("SELECT s.paid_at, s.refunded_at FROM orders o %1 coursedesk_revenue_seen_payments s "
                              "ON s.order_id = o.id WHERE %2")
                   .arg(ReportSql::drivingJoin(m_engine), where),
               binds,
               [&](const QSqlQuery& q) {
                   dirty(q.value(0));
                   dirty(q.value(1));
               }) &&
        select(QStringLiteral("SELECT s.enrollment_date FROM orders o %1 coursedesk_revenue_seen_enrollments s ON "
                              "s.order_id = o.id WHERE %2")
                   .arg(ReportSql::drivingJoin(m_engine), where),
               binds, [&](const QSqlQuery& q) { dirty(q.value(0)); });
    return ok && exec(QStringLiteral("INSERT INTO coursedesk_revenue_seen_orders (id, created_at, updated_at) SELECT "
                                     "o.id, o.created_at, o.updated_at FROM orders o WHERE %1 ON CONFLICT (id) DO "
                                     "UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at")
                          .arg(where),
                      binds);
}

bool Refresh::changedEnrollments(const QString& range, const QVariantList& binds, QDateTime* watermark)
{
    const QString where = changedSince(range, QStringLiteral("coursedesk_revenue_seen_enrollments"), QLatin1Char('e'));
    const bool ok = select(QStringLiteral("SELECT e.enrollment_date, e.updated_at, s.id, s.enrollment_date, e.id FROM "
                                          "enrollments e LEFT JOIN coursedesk_revenue_seen_enrollments s ON s.id = "
                                          "e.id WHERE %1")
                               .arg(where),
                           binds, [&](const QSqlQuery& q) {
                               dirty(q.value(0));
                               newest(watermark, q.value(1));
                               if (q.value(2).isNull()) {
                                   saw(EnrollmentsTable, q.value(4));
                               } else {
                                   dirty(q.value(3));
                               }
                           });
    return ok && exec(QStringLiteral("INSERT INTO coursedesk_revenue_seen_enrollments (id, order_id, "
                                     "enrollment_date, updated_at) SELECT e.id, e.order_id, e.enrollment_date, "
                                     "e.updated_at FROM enrollments e WHERE %1 ON CONFLICT (id) DO UPDATE SET order_id "
                                     "= excluded.order_id, enrollment_date = excluded.enrollment_date, updated_at = "
                                     "excluded.updated_at")
                          .arg(where),
                      binds);
}

bool Refresh::sameRows(const QString& table, Table t, bool* same)
{
    return select(rowsSql(table), {}, [&](const QSqlQuery& q) {
        *same = q.value(0).toLongLong() == m_seen[t].rows && q.value(1).toLongLong() == m_seen[t].ids;
    });
}

// After rows were compared one by one: the seen rows counted again, so that a record gone wrong
// cannot make every later refresh compare them again.
bool Refresh::recount(const QString& seen, Table t)
{
    return select(rowsSql(seen), {}, [&](const QSqlQuery& q) {
        m_seen[t] = {q.value(0).toLongLong(), q.value(1).toLongLong()};
    });
}

// Rows the updated_at range cannot show: deleted ones, and ones committed so late that their
// updated_at lies before the range. Only when a count or id sum differs is anything compared row
// by row.
bool Refresh::reconcile()
{
    QDateTime ignored;
    bool same = true;
    if (!sameRows(QStringLiteral("payments"), PaymentsTable, &same)) {
        return false;
    }
    if (!same) {
        const QString gone =
            QStringLiteral("NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = coursedesk_revenue_seen_payments.id)");
        if (!changedPayments(QStringLiteral("NOT EXISTS (SELECT 1 FROM coursedesk_revenue_seen_payments s2 WHERE "
                                            "s2.id = p.id)"),
                             {}, &ignored) ||
            !select(QStringLiteral("SELECT order_id, paid_at, refunded_at FROM coursedesk_revenue_seen_payments "
                                   "WHERE ") +
                        gone,
                    {},
                    [&](const QSqlQuery& q) {
                        m_orders.insert(q.value(0).toLongLong());
                        dirty(q.value(1));
                        dirty(q.value(2));
                    }) ||
            !exec(QStringLiteral("DELETE FROM coursedesk_revenue_seen_payments WHERE ") + gone) ||
            !recount(QStringLiteral("coursedesk_revenue_seen_payments"), PaymentsTable)) {
            return false;
        }
    }
    if (!sameRows(QStringLiteral("enrollments"), EnrollmentsTable, &same)) {
        return false;
    }
    if (!same) {
        const QString gone = QStringLiteral(
            "NOT EXISTS (SELECT 1 FROM enrollments e WHERE e.id = coursedesk_revenue_seen_enrollments.id)");
        if (!changedEnrollments(QStringLiteral("NOT EXISTS (SELECT 1 FROM coursedesk_revenue_seen_enrollments s2 "
                                               "WHERE s2.id = e.id)"),
                                {}, &ignored) ||
            !select(QStringLiteral("SELECT enrollment_date FROM coursedesk_revenue_seen_enrollments WHERE ") + gone, {},
                    [&](const QSqlQuery& q) { dirty(q.value(0)); }) ||
            !exec(QStringLiteral("DELETE FROM coursedesk_revenue_seen_enrollments WHERE ") + gone) ||
            !recount(QStringLiteral("coursedesk_revenue_seen_enrollments"), EnrollmentsTable)) {
            return false;
        }
    }
    if (!sameRows(QStringLiteral("orders"), OrdersTable, &same)) {
        return false;
    }
    if (!same) {
        // A deleted order takes its payments and enrollments out of every figure (they join it).
        const QString gone =
            QStringLiteral("NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = coursedesk_revenue_seen_orders.id)");
        if (!changedOrders(QStringLiteral("NOT EXISTS (SELECT 1 FROM coursedesk_revenue_seen_orders s2 WHERE s2.id = "
                                          "o.id)"),
                           {}, &ignored) ||
            !select(QStringLiteral("SELECT created_at FROM coursedesk_revenue_seen_orders WHERE ") + gone, {},
                    [&](const QSqlQuery& q) { dirty(q.value(0)); }) ||
            !select(QStringLiteral("SELECT s.paid_at, s.refunded_at FROM coursedesk_revenue_seen_payments s WHERE "
                                   "NOT EXISTS (SELECT 1 FROM orders o WHERE o.id = s.order_id)"),
                    {},
                    [&](const QSqlQuery& q) {
                        dirty(q.value(0));
                        dirty(q.value(1));
                    }) ||
            !select(QStringLiteral("SELECT s.enrollment_date FROM coursedesk_revenue_seen_enrollments s WHERE NOT "
                                   "EXISTS (SELECT 1 FROM orders o WHERE o.id = s.order_id)"),
                    {}, [&](const QSqlQuery& q) { dirty(q.value(0)); }) ||
            !exec(QStringLiteral("DELETE FROM coursedesk_revenue_seen_orders WHERE ") + gone) ||
            !recount(QStringLiteral("coursedesk_revenue_seen_orders"), OrdersTable)) {
            return false;
        }
    }
    return true;
}

bool Refresh::recheckRepeatOrders()
{
    const QList<qint64> ids(m_orders.cbegin(), m_orders.cend());
    const QString captured = ReportSql::literalList({Payment::completed, Payment::refunded});
    for (qsizetype i = 0; i < ids.size(); i += idsPerStatement) {
        QVariantList binds;
        for (qsizetype j = i; j < std::min(ids.size(), i + idsPerStatement); ++j) {
            binds << ids.at(j);
        }
        const QString list = ReportSql::placeholders(binds.size());
        if (!exec(QStringLiteral("DELETE FROM coursedesk_revenue_repeat_orders WHERE order_id IN (%1)").arg(list),
                  binds) ||
            !exec(QStringLiteral("INSERT INTO coursedesk_revenue_repeat_orders (order_id) SELECT order_id FROM "
                                 "payments WHERE order_id IN (%1) AND status IN (%2) GROUP BY order_id HAVING "
                                 "COUNT(*) > 1")
                      .arg(list, captured),
                  binds)) {
            return false;
        }
    }
    return true;
}

bool Refresh::update()
{
    Watermarks w;
    bool found = false;
    if (!select(QStringLiteral("SELECT payments_until, orders_until, enrollments_until, payments_rows, payments_ids, "
                               "orders_rows, orders_ids, enrollments_rows, enrollments_ids FROM "
                               "coursedesk_revenue_state WHERE id = 1"),
                {}, [&](const QSqlQuery& q) {
                    found = true;
                    w = {m_time.fromDb(q.value(0)), m_time.fromDb(q.value(1)), m_time.fromDb(q.value(2))};
                    for (int t = 0; t < 3; ++t) {
                        m_seen[t] = {q.value(3 + 2 * t).toLongLong(), q.value(4 + 2 * t).toLongLong()};
                    }
                })) {
        return false;
    }
    if (!found) {
        // Started only by a confirmed action (RevenueRollup::start); gone since usable() looked
        // (someone restarting it): the report reads the platform's tables instead.
        *m_error = QStringLiteral("The daily revenue rollup is not started.");
        return false;
    }
    Watermarks next = w;
    // Payments and enrollments first: a changed order's dirty days are read from their seen rows.
    const QString changed = QStringLiteral("%1.updated_at >= ") + ts();
    if (!changedPayments(changed.arg(QLatin1Char('p')), {since(w.payments)}, &next.payments) ||
        !changedEnrollments(changed.arg(QLatin1Char('e')), {since(w.enrollments)}, &next.enrollments) ||
        !changedOrders(changed.arg(QLatin1Char('o')), {since(w.orders)}, &next.orders) || !reconcile() ||
        !recheckRepeatOrders()) {
        return false;
    }
    return exec(QStringLiteral("UPDATE coursedesk_revenue_state SET payments_until = %1, orders_until = %1, "
                               "enrollments_until = %1, payments_rows = ?, payments_ids = ?, orders_rows = ?, "
                               "orders_ids = ?, enrollments_rows = ?, enrollments_ids = ? WHERE id = 1")
                    .arg(ts()),
                {stamp(next.payments), stamp(next.orders), stamp(next.enrollments), m_seen[PaymentsTable].rows,
                 m_seen[PaymentsTable].ids, m_seen[OrdersTable].rows, m_seen[OrdersTable].ids,
                 m_seen[EnrollmentsTable].rows, m_seen[EnrollmentsTable].ids});
}

bool Refresh::regroupZones(const QString& requiredZone, const QTimeZone& userZone)
{
    QStringList zones;
    if (!select(QStringLiteral("SELECT zone FROM coursedesk_revenue_zones"), {},
                [&](const QSqlQuery& q) { zones << q.value(0).toString(); })) {
        return false;
    }
    for (const QString& zone : std::as_const(zones)) {
        const qsizetype bar = zone.indexOf(QLatin1Char('|'));
        const QTimeZone user(zone.left(bar).toUtf8());
        const QTimeZone stored(zone.mid(bar + 1).toUtf8());
        if (bar < 0 || !user.isValid() || !stored.isValid()) {
            // A zone this machine does not know cannot be kept exact: it is dropped, and built
            // again by the next report in that zone on a machine that knows it.
            if (!exec(QStringLiteral("DELETE FROM coursedesk_revenue_daily WHERE zone = ?"), {zone}) ||
                !exec(QStringLiteral("DELETE FROM coursedesk_revenue_zones WHERE zone = ?"), {zone})) {
                return false;
            }
            continue;
        }
        // The dirty times as stored (wall clock), read in the zone this part of the rollup was
        // built with.
        std::set<QDate> days;
        for (const QDateTime& t : std::as_const(m_dirty)) {
            const QDateTime wall = t.toTimeZone(m_time.zone());
            days.insert(QDateTime(wall.date(), wall.time(), stored).toTimeZone(user).date());
        }
        const SqlTime time(stored);
        for (auto it = days.cbegin(); it != days.cend();) {
            const QDate first = *it;
            QDate last = first;
            for (++it; it != days.cend() && last.daysTo(*it) <= mergeGapDays; ++it) {
                last = *it;
            }
            if (!RevenueRollup::regroup(m_db, time, user, first, last.addDays(1), m_error)) {
                return false;
            }
        }
    }
    if (zones.contains(requiredZone)) {
        return true;
    }
    // First report in this zone: every day that holds any row.
    std::optional<QDate> first;
    std::optional<QDate> last;
    auto extend = [&](const QVariant& value) {
        const QDateTime t = m_time.fromDb(value);
        if (!t.isValid()) {
            return;
        }
        const QDate d = t.toTimeZone(userZone).date();
        first = first ? std::min(*first, d) : d;
        last = last ? std::max(*last, d) : d;
    };
    auto bounds = [&](const QSqlQuery& q) {
        for (int i = 0; i < 4; ++i) {
            extend(q.value(i));
        }
    };
    if (!select(QStringLiteral("SELECT MIN(paid_at), MAX(paid_at), MIN(refunded_at), MAX(refunded_at) FROM "
                               "coursedesk_revenue_seen_payments"),
                {}, bounds) ||
        !select(
            QStringLiteral("SELECT MIN(created_at), MAX(created_at), NULL, NULL FROM coursedesk_revenue_seen_orders"),
            {}, bounds) ||
        !select(QStringLiteral("SELECT MIN(enrollment_date), MAX(enrollment_date), NULL, NULL FROM "
                               "coursedesk_revenue_seen_enrollments"),
                {}, bounds)) {
        return false;
    }
    if (first && !RevenueRollup::regroup(m_db, m_time, userZone, *first, last->addDays(1), m_error)) {
        return false;
    }
    return exec(QStringLiteral("INSERT INTO coursedesk_revenue_zones (zone) VALUES (?)"), {requiredZone});
}
} // namespace

namespace RevenueRollup {
bool start(const QSqlDatabase& db, QString* error)
{
    if (!hasTables(db)) {
        return true;
    }
    if (!begin(db, error)) {
        return false;
    }
    const bool ok = isStarted(db) || Refresh(db, error).seed();
    return finish(db, ok, error) && ok;
}

bool refresh(const QSqlDatabase& db, const RevenueFilter& filter, QString* error)
{
    Refresh r(db, error);
    const SqlTime time = SqlTime::forConnection(db);
    return r.update() && r.regroupZones(zoneKey(filter.userZone, time.zone()), filter.userZone);
}
} // namespace RevenueRollup
