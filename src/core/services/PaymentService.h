#pragma once

#include "ServiceResult.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <cstdint>
#include <optional>

// The purchase workflow's payment end, as the platform's backend does it: a COMPLETED payment of
// exactly the order's amount makes the order PAID and enrolls the user; a refund undoes all three.
namespace PaymentService {

struct PaymentInput
{
    QVariant orderId;
    std::int64_t amountMinor = 0;
    QString status; // a payment status; empty = COMPLETED
    QString paymentMethod;
    QString razorpayPaymentId; // the same id twice records nothing the second time
    QString razorpaySignature;
    QDateTime paymentDate; // invalid = now
    QString reason;        // kept in the audit log (optional)
};

struct OrderSummary
{
    QVariant id;
    QString orderNumber;
    QVariant userId;
    QString userEmail;
    QString courseId;
    QString courseName;
    std::int64_t amountMinor = 0;
    QString currency;
    QString status;
};
std::optional<OrderSummary> order(const QSqlDatabase& db, const QVariant& orderId);

// One transaction: the order's PENDING payment completed (or a new payments row when it has
// none); on COMPLETED the order becomes PAID and an ACTIVE enrollment
// (user, course, order) is created. Refused: an amount that is not the order's, an order that is
// not awaiting payment, a user already enrolled in the course. result.key = the payment id.
ServiceResult recordPayment(const QSqlDatabase& db, const PaymentInput& input);

struct RefundSummary
{
    QVariant paymentId;
    QString userEmail;
    QString userName;
    QString courseName;
    QString amount; // formatted in the order's currency
    QString status; // the payment's status now
    // "Refund ₹5,999.00 to Asha Rao (asha@x.in) for Starter Track?"
    QString question() const;
};
std::optional<RefundSummary> refundSummary(const QSqlDatabase& db, const QVariant& paymentId);
// One transaction: payment REFUNDED, its order CANCELLED, the order's enrollment CANCELLED, and an
// audit entry with `reason`. A payment already refunded changes nothing.
ServiceResult refund(const QSqlDatabase& db, const QVariant& paymentId, const QString& reason);

} // namespace PaymentService
