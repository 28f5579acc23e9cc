#include "PaymentService.h"

#include "AuditLog.h"
#include "ServiceSql.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "models/SqlErrorTranslator.h"
#include "models/TableSpec.h"
#include "money/Money.h"

#include <QSqlError>
#include <QSqlQuery>

namespace PaymentService {

namespace PV = PlatformValues;

std::optional<OrderSummary> order(const QSqlDatabase& db, const QVariant& orderId)
{
    QSqlQuery query(db);
    query.prepare(
        QStringLiteral("SELECT o.id, o.order_number, o.user_id, u.email, o.course_id, c.name, %1, o.currency, "
                       "o.status FROM orders o LEFT JOIN users u ON u.id = o.user_id "
                       "LEFT JOIN courses c ON c.id = o.course_id WHERE o.id = ?")
            .arg(ServiceSql::minorUnits(db, QStringLiteral("o.amount"))));
    query.addBindValue(orderId);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    OrderSummary s;
    s.id = query.value(0);
    s.orderNumber = query.value(1).toString();
    s.userId = query.value(2);
    s.userEmail = query.value(3).toString();
    s.courseId = query.value(4).toString();
    s.courseName = query.value(5).toString();
    s.amountMinor = Money::minorFromSqlMinorUnits(query.value(6)).value_or(0);
    s.currency = query.value(7).toString();
    s.status = query.value(8).toString();
    return s;
}

ServiceResult recordPayment(const QSqlDatabase& db, const PaymentInput& input)
{
    const QString status = input.status.isEmpty() ? PV::Payment::completed : input.status;
    if (!PV::isKnown(PV::Kind::PaymentStatus, status)) {
        return ServiceResult::failure(
            QStringLiteral("Payment status \"%1\" is not a value the platform knows").arg(status),
            QStringLiteral("status"));
    }
    if (input.amountMinor < 0 || input.amountMinor > Money::maxColumnMinor) {
        return ServiceResult::failure(QStringLiteral("The amount is out of range"), QStringLiteral("amount"));
    }
    ServiceSql::Transaction tx(db);
    if (!tx.isActive()) {
        return ServiceResult::failure(QStringLiteral("Could not start a transaction: ") + tx.error());
    }
    const QString paymentId = input.razorpayPaymentId.trimmed();
    if (!paymentId.isEmpty()) {
        // Razorpay retries webhooks and staff re-enter receipts: a payment id seen before is the
        // same payment, not a second one.
        if (const auto existing = ServiceSql::scalar(
                db, QStringLiteral("SELECT id FROM payments WHERE razorpay_payment_id = ?"), {paymentId})) {
            return ServiceResult::success(
                QStringLiteral("Payment %1 is already recorded; nothing was changed").arg(paymentId), false, *existing);
        }
    }
    const auto o = order(db, input.orderId);
    if (!o) {
        return ServiceResult::failure(QStringLiteral("The order does not exist"), QStringLiteral("order_id"));
    }
    const bool completed = status == PV::Payment::completed;
    if (completed) {
        if (input.amountMinor != o->amountMinor) {
            return ServiceResult::failure(QStringLiteral("The payment of %1 does not match order %2's amount of %3; "
                                                         "nothing was recorded")
                                              .arg(Money::format(input.amountMinor, o->currency), o->orderNumber,
                                                   Money::format(o->amountMinor, o->currency)),
                                          QStringLiteral("amount"));
        }
        if (o->status != PV::Order::created && o->status != PV::Order::failed) {
            return ServiceResult::failure(
                QStringLiteral("Order %1 is %2, not awaiting payment; nothing was recorded")
                    .arg(o->orderNumber, PV::label(PV::Kind::OrderStatus, o->status).toLower()),
                QStringLiteral("order_id"));
        }
    }
    const QString now = ServiceSql::now(db);
    const SqlTime time = SqlTime::forConnection(db);
    const QString paidAt = completed || input.paymentDate.isValid()
                               ? (input.paymentDate.isValid() ? time.toDb(input.paymentDate) : now)
                               : QString();
    const auto orNull = [](const QString& s) {
        return s.trimmed().isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(s.trimmed());
    };
    QSqlError error;
    const QVariant newPayment = ServiceSql::insert(
        db, QStringLiteral("payments"),
        {QStringLiteral("order_id"), QStringLiteral("razorpay_payment_id"), QStringLiteral("razorpay_signature"),
         QStringLiteral("amount"), QStringLiteral("status"), QStringLiteral("payment_method"),
         QStringLiteral("payment_date"), QStringLiteral("created_at"), QStringLiteral("updated_at")},
        {o->id, orNull(paymentId), orNull(input.razorpaySignature), Money::toDecimalString(input.amountMinor), status,
         orNull(input.paymentMethod), orNull(paidAt), now, now},
        &error);
    if (!newPayment.isValid()) {
        return ServiceResult::failure(QStringLiteral("The payment was not recorded: ") + error.text());
    }
    if (completed) {
        if (!ServiceSql::exec(db, QStringLiteral("UPDATE orders SET status = ?, updated_at = ? WHERE id = ?"),
                              {PV::Order::paid, now, o->id}, &error)) {
            return ServiceResult::failure(QStringLiteral("The order was not marked paid: ") + error.text());
        }
        if (ServiceSql::scalar(db, QStringLiteral("SELECT id FROM enrollments WHERE user_id = ? AND course_id = ?"),
                               {o->userId, o->courseId})) {
            return ServiceResult::failure(
                QStringLiteral("%1 is already enrolled in %2; nothing was recorded").arg(o->userEmail, o->courseName));
        }
        const QVariant enrollment =
            ServiceSql::insert(db, QStringLiteral("enrollments"),
                               {QStringLiteral("user_id"), QStringLiteral("course_id"), QStringLiteral("order_id"),
                                QStringLiteral("status"), QStringLiteral("enrollment_date"),
                                QStringLiteral("created_at"), QStringLiteral("updated_at")},
                               {o->userId, o->courseId, o->id, PV::Enrollment::active, now, now, now}, &error);
        if (!enrollment.isValid()) {
            const auto t = SqlErrorTranslator::translate(
                db, *TableSpec::forTable(QStringLiteral("enrollments")), error,
                {{QStringLiteral("user_id"), o->userEmail}, {QStringLiteral("course_id"), o->courseName}},
                SqlErrorTranslator::Operation::Insert, QVariant());
            return ServiceResult::failure(t.message + QStringLiteral("; nothing was recorded"));
        }
    }
    if (!tx.commit()) {
        return ServiceResult::failure(QStringLiteral("Could not commit: ") + tx.error());
    }
    return ServiceResult::success(completed
                                      ? QStringLiteral("Payment recorded: order %1 is paid and %2 is enrolled in %3")
                                            .arg(o->orderNumber, o->userEmail, o->courseName)
                                      : QStringLiteral("Payment recorded for order %1").arg(o->orderNumber),
                                  true, newPayment);
}

QString RefundSummary::question() const
{
    return QStringLiteral("Refund %1 to %2 (%3) for %4? The payment becomes Refunded, its order Cancelled and the "
                          "enrollment Cancelled.")
        .arg(amount, userName, userEmail, courseName);
}

std::optional<RefundSummary> refundSummary(const QSqlDatabase& db, const QVariant& paymentId)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT p.id, u.email, u.first_name, u.last_name, c.name, %1, o.currency, p.status "
                                 "FROM payments p JOIN orders o ON o.id = p.order_id "
                                 "LEFT JOIN users u ON u.id = o.user_id LEFT JOIN courses c ON c.id = o.course_id "
                                 "WHERE p.id = ?")
                      .arg(ServiceSql::minorUnits(db, QStringLiteral("p.amount"))));
    query.addBindValue(paymentId);
    if (!query.exec() || !query.next()) {
        return std::nullopt;
    }
    RefundSummary s;
    s.paymentId = query.value(0);
    s.userEmail = query.value(1).toString();
    s.userName = (query.value(2).toString() + QLatin1Char(' ') + query.value(3).toString()).trimmed();
    s.courseName = query.value(4).toString();
    s.amount = Money::format(Money::minorFromSqlMinorUnits(query.value(5)).value_or(0), query.value(6).toString());
    s.status = query.value(7).toString();
    return s;
}

ServiceResult refund(const QSqlDatabase& db, const QVariant& paymentId, const QString& reason)
{
    ServiceSql::Transaction tx(db);
    if (!tx.isActive()) {
        return ServiceResult::failure(QStringLiteral("Could not start a transaction: ") + tx.error());
    }
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT status, order_id FROM payments WHERE id = ?"));
    query.addBindValue(paymentId);
    if (!query.exec() || !query.next()) {
        return ServiceResult::failure(QStringLiteral("The payment does not exist"));
    }
    const QString status = query.value(0).toString();
    const QVariant orderId = query.value(1);
    query.finish();
    if (status == PV::Payment::refunded) {
        return ServiceResult::success(QStringLiteral("This payment is already refunded; nothing was changed"), false,
                                      paymentId);
    }
    if (status != PV::Payment::completed) {
        return ServiceResult::failure(QStringLiteral("Only a completed payment can be refunded (this one is %1)")
                                          .arg(PV::label(PV::Kind::PaymentStatus, status).toLower()));
    }
    const QString now = ServiceSql::now(db);
    QSqlError error;
    if (!ServiceSql::exec(db, QStringLiteral("UPDATE payments SET status = ?, updated_at = ? WHERE id = ?"),
                          {PV::Payment::refunded, now, paymentId}, &error) ||
        !ServiceSql::exec(db, QStringLiteral("UPDATE orders SET status = ?, updated_at = ? WHERE id = ?"),
                          {PV::Order::cancelled, now, orderId}, &error) ||
        !ServiceSql::exec(db,
                          QStringLiteral("UPDATE enrollments SET status = ?, updated_at = ? WHERE order_id = ? "
                                         "AND status <> ?"),
                          {PV::Enrollment::cancelled, now, orderId, PV::Enrollment::cancelled}, &error)) {
        return ServiceResult::failure(QStringLiteral("Nothing was refunded: ") + error.text());
    }
    if (!AuditLog::record(db, QStringLiteral("refund"), QStringLiteral("payments"), paymentId, reason)) {
        return ServiceResult::failure(QStringLiteral("Nothing was refunded: the audit log could not be written"));
    }
    if (!tx.commit()) {
        return ServiceResult::failure(QStringLiteral("Could not commit: ") + tx.error());
    }
    return ServiceResult::success(QStringLiteral("Refunded: payment, order and enrollment updated"), true, paymentId);
}

} // namespace PaymentService
