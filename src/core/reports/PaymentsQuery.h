#pragma once

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QTimeZone>

#include <optional>

// What the payments review shows: a filter over payments (joined to their order, user and course)
// that runs entirely on the server with bound values, in pages, plus the filtered set's totals.
// Nothing here ever reads the whole table into memory.
struct PaymentsFilter
{
    QString status;   // empty: any
    QString method;   // empty: any; noMethod: NULL or empty
    QString currency; // empty: any
    QDate from;       // local dates, both inclusive; invalid: open
    QDate to;
    std::optional<qint64> minAmountMinor; // inclusive
    std::optional<qint64> maxAmountMinor;
    // Starts an order number, Razorpay payment or order id (as typed) or a user's email (any case).
    QString search;
    // Captured payments whose signature is missing (checked in SQL) or listed in invalidSignatureIds
    // (the HMAC needs the key secret, so it is checked in C++ by SignatureChecker beforehand).
    bool onlyFailingSignatures = false;
    QList<qint64> invalidSignatureIds;
    QTimeZone userZone = QTimeZone::systemTimeZone();

    static QString noMethod() { return QStringLiteral("(none)"); }
    bool operator==(const PaymentsFilter& other) const = default;
};

struct PaymentRow
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString orderNumber;
    QString email;
    QString courseName; // the course id when the course row is missing
    qint64 amountMinor = 0;
    bool amountDamaged = false; // NULL, NaN, a blob or outside DECIMAL(10,2): shown as damaged, not 0
    QString currency;
    QString status;
    QString method;
    QDateTime paidAt; // COALESCE(payment_date, created_at), an instant
    QString razorpayPaymentId;
    QString razorpayOrderId;
    QString signature;
};

struct CurrencyTotal
{
    QString currency;
    qint64 count = 0;
    qint64 sumMinor = 0; // exact, summed in SQL; never added across currencies
    bool operator==(const CurrencyTotal& other) const = default;
};

struct PaymentsTotals
{
    qint64 count = 0;
    QList<CurrencyTotal> currencies; // by currency code
};

class PaymentsQuery
{
public:
    // Sortable columns, in the review table's order.
    enum Column {
        Id,
        OrderNumber,
        Email,
        Course,
        Amount,
        Currency,
        Status,
        Method,
        PaidAt,
        RazorpayPaymentId,
        RazorpayOrderId,
        Signature, // computed in C++: not sortable
        ColumnCount
    };

    explicit PaymentsQuery(QSqlDatabase db);

    std::optional<QList<PaymentRow>> page(const PaymentsFilter& filter, int sortColumn, Qt::SortOrder order,
                                          qint64 offset, int limit, QString* error = nullptr) const;
    std::optional<PaymentsTotals> totals(const PaymentsFilter& filter, QString* error = nullptr) const;
    // Distinct values for the filter boxes (payment_method as stored; noMethod() for NULL / empty).
    QStringList methods(QString* error = nullptr) const;
    QStringList currencies(QString* error = nullptr) const;
    QStringList statuses(QString* error = nullptr) const;

    static bool isSortable(int column) { return column >= 0 && column < Signature; }

private:
    QString where(const PaymentsFilter& filter, QVariantList* binds) const;
    QString sortExpression(int column) const;

    QSqlDatabase m_db;
};
