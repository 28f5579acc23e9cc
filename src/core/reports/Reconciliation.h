#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// Findings that mean the money, the orders and the enrollments disagree, or that a row holds a
// value the platform's backend cannot read. Each finding names one row so the user can open it.
struct Finding
{
    enum class Kind {
        PaidOrderWithoutPayment,      // PAID order, amount > 0, no COMPLETED payment
        CompletedPaymentOrderNotPaid, // COMPLETED payment whose order is not PAID
        PaymentAmountMismatch,        // COMPLETED payment amount != its order's amount
        ActiveEnrollmentOrderNotPaid, // ACTIVE enrollment whose order is not PAID
        PaidOrderWithoutEnrollment,   // PAID order with no enrollment
        DuplicateRazorpayPaymentId,   // one razorpay_payment_id on several payments (one finding per row)
        UnknownValue,                 // status / role / level outside PlatformValues
        PendingPaymentOnSettledOrder, // PENDING payment on a PAID or CANCELLED order
        DamagedValue,                 // NULL in a required column, an amount that is no DECIMAL(10,2)
        SignatureMissing,             // from SignatureChecker
        SignatureInvalid,             // from SignatureChecker
    };
    Kind kind;
    QString table;
    QString rowId; // text: course ids are slugs
    QString description;

    static QString kindName(Kind kind);  // "paid-order-without-payment"
    static QString kindLabel(Kind kind); // "PAID order without payment"
    bool operator==(const Finding& other) const = default;
};

class Reconciliation
{
public:
    explicit Reconciliation(QSqlDatabase db);
    // Every finding, ordered by kind and then row id. nullopt (and `error`) if a query failed.
    std::optional<QList<Finding>> run(QString* error = nullptr) const;

private:
    QSqlDatabase m_db;
};
