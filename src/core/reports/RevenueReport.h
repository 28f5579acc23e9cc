#pragma once

#include "ReportPeriod.h"

#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QTimeZone>

#include <optional>

// Revenue figures, exact to the minor unit (qint64 paise/cents, summed in SQL) and never added
// across currencies: everything money-valued is keyed by the order's currency.
//
// Accounting rule (the platform refunds by flipping the same payments row to REFUNDED):
//  - gross   = payments captured in the period: status COMPLETED or REFUNDED, dated by
//              COALESCE(payment_date, created_at). A refunded payment was revenue when it came in;
//              counting only rows still COMPLETED would subtract every refund twice.
//  - refunds = REFUNDED payments dated by updated_at, the moment the refund was recorded (there is
//              no refund date column; Coursedesk's refund sets updated_at). A refund after the
//              period therefore lowers the later period, and past figures do not change.
//  - net     = gross - refunds. Over all time, net == sum of COMPLETED payments.
struct RevenueFilter
{
    QDate from;
    QDate to; // exclusive
    Granularity granularity = Granularity::Day;
    QString currency; // empty: every currency, reported separately
    QString courseId; // empty: every course
    int topCourses = 8;
    QTimeZone userZone = QTimeZone::systemTimeZone();
    // With an empty currency: report only INR, or the first currency with payments when the period
    // has none in INR, chosen from the report's own pass (the dashboard; no extra scan of orders).
    bool pickCurrency = false;

    ReportPeriod period() const { return ReportPeriod(from, to, userZone); }
};

struct RevenueKpis
{
    qint64 grossMinor = 0;
    qint64 refundsMinor = 0;
    qint64 capturedPayments = 0; // COMPLETED + REFUNDED payments counted in gross
    qint64 paidOrders = 0;       // distinct orders with a payment counted in gross
    qint64 refundCount = 0;
    qint64 succeededPayments = 0; // COMPLETED + REFUNDED
    qint64 failedPayments = 0;

    qint64 netMinor() const { return grossMinor - refundsMinor; }
    // gross / paidOrders rounded half up to the minor unit, in integers: (2g + n) / 2n. 0 if none.
    qint64 averageOrderMinor() const;
    // succeeded / (succeeded + failed); the denominator is 0 when there were no attempts.
    qint64 successNumerator() const { return succeededPayments; }
    qint64 successDenominator() const { return succeededPayments + failedPayments; }
};

struct RevenueBucket
{
    QDate start;
    qint64 grossMinor = 0;
    qint64 refundsMinor = 0;
    qint64 netMinor() const { return grossMinor - refundsMinor; }
};

struct CourseRevenue
{
    QString courseId; // empty for the "Other courses" remainder
    QString name;
    qint64 grossMinor = 0;
    qint64 refundsMinor = 0;
    qint64 netMinor() const { return grossMinor - refundsMinor; }
};

struct MethodShare
{
    QString method; // as stored; "(none)" for NULL / empty
    qint64 payments = 0;
    qint64 grossMinor = 0;
};

struct StatusCount
{
    QString status; // as stored (unknown values included, flagged by the caller)
    qint64 orders = 0;
    qint64 amountMinor = 0;
};

struct CountBucket
{
    QDate start;
    qint64 count = 0;
};

struct CurrencyRevenue
{
    QString currency;
    RevenueKpis current;
    RevenueKpis previous;
    QList<RevenueBucket> series;      // every bucket of the period, zeros included
    QList<CourseRevenue> courses;     // top N by net, then one "Other courses" row if any remain
    QList<MethodShare> methods;       // by gross, descending
    QList<StatusCount> orderStatuses; // orders created in the period
};

struct RevenueResult
{
    RevenueFilter filter;
    QMap<QString, CurrencyRevenue> currencies; // currencies with any data (or the filtered one)
    QStringList currenciesSeen;                // currencies with payments in either period, whatever the filter
    qint64 newEnrollments = 0;
    qint64 previousEnrollments = 0;
    QList<CountBucket> enrollments; // every bucket of the period
    bool readByIndex = false;       // payments found by index range scans (see RevenuePath)
    bool readFromRollup = false;    // figures from the daily rollup (see RevenuePath)
};

// How a report finds a period's figures. Fastest: from the daily rollup when the database has it
// (migration 006) and the connection may bring it up to date, else as Index. Index: by index range
// scans when Coursedesk's objects allow it and the period is short, else by reading every payment
// once. Scan: always the latter.
enum class RevenuePath { Fastest, Index, Scan };

class RevenueReport
{
public:
    explicit RevenueReport(QSqlDatabase db);
    // The figures are the same every way; Scan is the reference the tests compare with.
    void setPath(RevenuePath path) { m_path = path; }

    std::optional<RevenueResult> run(const RevenueFilter& filter, QString* error = nullptr) const;

    // Currencies used by any order, for filter lists.
    QStringList currencies(QString* error = nullptr) const;
    // (id, name) of every course, for filter lists.
    QList<QPair<QString, QString>> courses(QString* error = nullptr) const;
    // First and last local dates with payments, orders or enrollments ("all time").
    std::optional<QPair<QDate, QDate>> dataRange(const QTimeZone& userZone, QString* error = nullptr) const;

private:
    QSqlDatabase m_db;
    RevenuePath m_path = RevenuePath::Fastest;
};

namespace RevenueMath {
// "12.5%": num/den as a percentage with one decimal, rounded half up, from integers only.
QString percent(qint64 numerator, qint64 denominator);
// "+12.5%" / "-3.0%" change of current against previous; "new" when previous is 0 and current not.
QString change(qint64 current, qint64 previous);
} // namespace RevenueMath
