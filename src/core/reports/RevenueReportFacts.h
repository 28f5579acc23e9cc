#pragma once

#include "RevenueReport.h"
#include "db/DatabaseUrl.h"

class RevenueStatement;
struct RevenueEvents;
class SqlTime;

#include <QDate>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QSqlDatabase>
#include <QString>

#include <functional>

// The raw, grouped figures a revenue report is assembled from, whatever produced them (one pass
// over the platform's tables). Days are local dates in the report's
// zone and cover the previous period and the period itself; money is in minor units.
struct RevenueFacts
{
    // Payments by the day they came in (COALESCE(payment_date, created_at)) and status
    // (COMPLETED, REFUNDED or FAILED), over both periods.
    struct Payments
    {
        QString currency;
        QString status;
        QDate day;
        qint64 count = 0;
        qint64 minor = 0;
    };
    // REFUNDED payments by the day of their refund (see RevenueReport.h for that date).
    struct Refunds
    {
        QString currency;
        QDate day;
        qint64 count = 0;
        qint64 minor = 0;
    };
    // Per course in the period: captured gross, and refunds dated in the period.
    struct Course
    {
        QString currency;
        QString courseId;
        qint64 grossMinor = 0;
        qint64 refundsMinor = 0;
    };
    QList<Payments> payments;
    QList<Refunds> refunds;
    QList<Course> courses;
    QList<QPair<QString, MethodShare>> methods; // (currency, captured payments by method) in the period
    // currency -> distinct orders with a captured payment, in the period / the previous period.
    QMap<QString, qint64> paidOrders;
    QMap<QString, qint64> previousPaidOrders;
    QList<QPair<QString, StatusCount>> orderStatuses; // (currency, orders created in the period)
    QMap<QDate, qint64> enrollmentsByDay;             // previous period and period
    // Currencies with payments in either period (whatever the currency filter), and the currency
    // the facts are for when RevenueFilter::pickCurrency chose it.
    QStringList currenciesSeen;
    QString pickedCurrency;
    // The period's payments were found by index range scans (RevenueSource::readsByIndex), not by
    // reading every payment.
    bool readByIndex = false;
    // The facts came from the daily rollup (RevenueRollup), not from the platform's tables.
    bool readFromRollup = false;
    // A sum came back unreadable (MoneySql::sumMinorUnits is NULL over a damaged amount): the
    // report then refuses the whole result rather than count the damage as 0.
    bool damagedAmount = false;
    QSet<QString> damagedCurrencies; // currencies with an unreadable amount in the pass
};

// SQL fragments for refund dates and the one-pass loader.
namespace RevenueSource {
// The expression (of `p` and the join from refundJoin()) for the moment a REFUNDED payment was
// refunded: the "refund" audit row's occurred_at when Coursedesk made the refund, else (a refund the
// platform made itself, or no audit log) p.updated_at.
QString refundAt(bool auditLog);
// The " LEFT JOIN ..." refundAt() needs (empty without an audit log).
QString refundJoin(bool auditLog);

// The payments ⋈ orders rows of both periods, one per payment, with what each one counts for as
// columns (NULL where it does not count): currency, status, pday (local day it came in), rday
// (local day of its refund), course / rcourse (its course when it is captured / refunded in the
// period), method (when captured in the period), pflag (1 / 0 when captured in the period / the
// previous period), order_id, amount, damaged (the amount is unreadable).
// `byIndex`: the payments are found by index range scans (candidatePayments()) instead of reading
// every payment; the rows and figures are the same.
RevenueEvents paymentEvents(Engine engine, const SqlTime& time, const RevenueFilter& filter, bool auditLog,
                            bool byIndex);
// " FROM ... WHERE ...": the payments ⋈ orders rows a report over [start, end) reads (captured,
// failed or refunded payments dated in it or refunded in it, with their orders and refundJoin()).
// `byIndex`: the payments are found by candidatePayments(). Ends with its WHERE clause, so that
// callers can add conditions; paymentEvents() and the rollup's regrouping read the same rows.
void paymentRows(RevenueStatement* s, const QDateTime& start, const QDateTime& end, bool auditLog, bool byIndex);
// Groups those rows every way the report needs in a single pass: PostgreSQL with GROUPING SETS,
// SQLite with an aggregate function of Coursedesk's registered on the connection for the statement
// (no sorting at all).
bool loadPaymentsPostgres(const QSqlDatabase& db, const RevenueStatement& events, RevenueFacts* facts, QString* error);
bool loadPaymentsSqlite(const QSqlDatabase& db, const RevenueStatement& events, RevenueFacts* facts, QString* error);
// PostgreSQL, a period over 93 days inside the report's own snapshot: the rows of `events`
// (paymentEvents(), read by scan; each half narrows its rows) in two halves by order id, grouped
// at the same time on this connection and on a clone of it that imports the snapshot
// (RevenueHalves.cpp); one after the other on this connection when no clone can join it.
// `meanwhile` (may be empty): more statements for this connection, run once its own share of the
// payments is grouped while the other connection still groups its share. The shares are then
// uneven (5 and 7 twelfths by order id) so that both connections end together; the facts are the
// same. Not run when no second connection joins: the caller runs it after.
bool loadPaymentsPostgresInHalves(const QSqlDatabase& db, const RevenueEvents& events, qint64 days, RevenueFacts* facts,
                                  QString* error, const std::function<bool()>& meanwhile = {});
// Right after BEGIN: a report's PostgreSQL transaction is REPEATABLE READ, READ ONLY, with the
// planner settings for a period of `days` (both periods).
void setUpPostgresTransaction(const QSqlDatabase& db, qint64 days);

// Whether a period of `days` (the previous period and the period together) can be read by index:
// a short one, on a database with Coursedesk's objects for it (migrations 004 and 005).
bool readsByIndex(const QSqlDatabase& db, bool auditLog, qint64 days);
// The ids of every payment that may count for [start, end): captured in it (report-date index),
// refunded in it by the platform (partial index on updated_at) or by Coursedesk (audit rows by
// occurred_at). A superset: paymentEvents() still applies the exact period filter.
void candidatePayments(RevenueStatement* s, const QDateTime& start, const QDateTime& end, bool auditLog);

// Lists `seen` (the currencies with payments in either period) as facts->currenciesSeen and, for
// RevenueFilter::pickCurrency, picks one (INR, or the first seen when the period has none in INR)
// into `filter` and facts->pickedCurrency, keeping only its payment facts.
void settleCurrency(const QSet<QString>& seen, RevenueFilter* filter, RevenueFacts* facts);

// Loads every fact for `filter` (and its previous period) from the platform's tables: one pass
// over payments ⋈ orders, one over orders and one over enrollments. `ownSnapshot`: `db` is inside
// the report's own REPEATABLE READ transaction, which a second connection may share.
bool loadByScan(const QSqlDatabase& db, const RevenueFilter& filter, bool auditLog, bool byIndex, bool ownSnapshot,
                RevenueFacts* facts, QString* error);
// Loads the facts from the fastest exact source the database has: the daily rollup when it is there
// and may be written (RevenueRollup::usable), else the platform's tables.
// RevenuePath::Index never reads the rollup; RevenuePath::Scan always reads every payment (the
// reference the other two are tested against).
bool load(const QSqlDatabase& db, const RevenueFilter& filter, RevenuePath path, RevenueFacts* facts, QString* error);
} // namespace RevenueSource
