#pragma once

#include "RevenueReport.h"

#include <QDate>
#include <QList>
#include <QSqlDatabase>
#include <QString>

struct RevenueFacts;
class SqlTime;

// The daily revenue rollup of migration 006 (docs/finance.md, "The daily rollup"): each local day's
// figures, grouped once and kept in coursedesk_revenue_daily, so that a report of any length reads
// a few thousand grouped rows instead of every payment, order and enrollment.
//
// It is never served stale. Every report that reads it first brings it up to date in the same
// transaction (PostgreSQL: REPEATABLE READ after taking the rollup's lock; SQLite: BEGIN
// IMMEDIATE): the rows changed since the last refresh (updated_at, through the indexes of 006) and
// the rows deleted (per-table count and id sum against the rollup's own record of each row) have
// their days, old and new, grouped again from the platform's tables.
namespace RevenueRollup {

// What a row of coursedesk_revenue_daily holds (key1 / key2; n; minor):
enum Kind {
    Payments = 1,      // by day captured or failed: status / method; payments; amount
    Refunds = 2,       // REFUNDED, by the refund's day: - / -; refunds; amount
    CourseGross = 3,   // captured, by day captured: course / -; payments; amount
    CourseRefunds = 4, // REFUNDED, by the refund's day: course / -; refunds; amount
    PaidOrders = 5,    // captured, by day captured: - / -; distinct orders that day; 0
    Orders = 6,        // by day created: status / -; orders; amount
    Enrollments = 7,   // by enrollment day; currency of the order (NULL if none): - / -; enrollments; 0
};

// The rollup's key for a report in `userZone` on a connection storing times in `storedZone`.
QString zoneKey(const QTimeZone& userZone, const QTimeZone& storedZone);

// Whether `db` has a started rollup (the tables and indexes of 006, with those of 004 and 005 that
// it groups a few days through) and may write it: a primary, not a read-only file or replica, with
// the rights to write Coursedesk's rollup tables. A course filter is not rolled up.
bool usable(const QSqlDatabase& db, const RevenueFilter& filter);

// The rollup's transaction: it writes Coursedesk's rollup tables, so it is not READ ONLY; the
// platform's tables are only read. PostgreSQL: REPEATABLE READ, with the rollup's lock taken before
// the snapshot (the first query after LOCK), so a report waiting for another one's refresh sees
// what that one wrote; a lock not granted within 5 s (another zone's first build) fails begin().
// SQLite: BEGIN IMMEDIATE, one writer at a time. finish() commits when `ok`, else rolls back.
bool begin(const QSqlDatabase& db, QString* error);
bool finish(const QSqlDatabase& db, bool ok, QString* error);

// Starts the rollup on a database that has migration 006 but no rollup yet: records what every
// platform row counts by (seconds on millions of rows). Only a confirmed action does this
// (`coursedesk db objects --apply`, the app's "Create objects"): until then reports read the
// platform's tables and never write. Nothing to do where it has started or 006 is missing.
bool start(const QSqlDatabase& db, QString* error);
// Whether `db` has every table of the rollup (migration 006), and whether the rollup was started.
bool hasTables(const QSqlDatabase& db);
bool isStarted(const QSqlDatabase& db);

// Inside the rollup's transaction (RevenueSource::load): brings the rollup up to date for
// `filter`'s zone, building that zone's days on first use. False with `error` on failure.
bool refresh(const QSqlDatabase& db, const RevenueFilter& filter, QString* error);

// Groups the days [from, to) of `zone` again from the platform's tables, replacing what the
// rollup held for them.
bool regroup(const QSqlDatabase& db, const SqlTime& time, const QTimeZone& userZone, QDate from, QDate to,
             QString* error);

// The facts of `filter` and its previous period, from the rollup (after refresh()).
bool loadFacts(const QSqlDatabase& db, const RevenueFilter& filter, RevenueFacts* facts, QString* error);

} // namespace RevenueRollup
