#include "PaymentService.h"

#include "ServiceSql.h"
#include "WriteService.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "domain/TableSpec.h"
#include "money/Money.h"

#include <QSqlError>
#include <QSqlQuery>

namespace PaymentService {

namespace PV = PlatformValues;

namespace {
const TableSpec& spec(const QString& table)
{
    return *TableSpec::forTable(table);
}
} // namespace

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
    WriteSession session(db, WriteContext::ofWorkflow(QStringLiteral("record_payment"), input.reason));
    if (!session.isActive()) {
        return ServiceResult::failure(QStringLiteral("Could not start a transaction: ") + session.error());
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
    // The order's row lock first: two people recording a payment for one order take turns.
    QString lockError;
    const RowSnapshot locked = session.lock(spec(QStringLiteral("orders")), input.orderId, &lockError);
    if (!lockError.isEmpty()) {
        return ServiceResult::failure(QStringLiteral("The payment was not recorded: ") + lockError);
    }
    const auto o = locked.exists() ? order(db, input.orderId) : std::nullopt;
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
    const QHash<QString, QVariant> payment{{QStringLiteral("razorpay_payment_id"), paymentId},
                                           {QStringLiteral("razorpay_signature"), input.razorpaySignature.trimmed()},
                                           {QStringLiteral("amount"), Money::toDecimalString(input.amountMinor)},
                                           {QStringLiteral("status"), status},
                                           {QStringLiteral("payment_method"), input.paymentMethod.trimmed()},
                                           {QStringLiteral("payment_date"), paidAt}};
    // The checkout leaves a PENDING payment when the customer starts paying: recording the payment
    // completes that attempt instead of adding a second payment beside it.
    const auto pending =
        ServiceSql::scalar(db, QStringLiteral("SELECT id FROM payments WHERE order_id = ? AND status = ? ORDER BY id"),
                           {o->id, PV::Payment::pending});
    WriteResult written;
    if (pending) {
        written = session.update(spec(QStringLiteral("payments")), *pending, payment);
    } else {
        QHash<QString, QVariant> row = payment;
        row.insert(QStringLiteral("order_id"), o->id);
        written = session.insert(spec(QStringLiteral("payments")), row);
    }
    if (!written.ok()) {
        return ServiceResult::failure(QStringLiteral("The payment was not recorded: ") + written.message);
    }
    if (completed) {
        if (const auto r =
                session.update(spec(QStringLiteral("orders")), o->id, {{QStringLiteral("status"), PV::Order::paid}});
            !r.ok()) {
            return ServiceResult::failure(QStringLiteral("The order was not marked paid: ") + r.message);
        }
        if (ServiceSql::scalar(db, QStringLiteral("SELECT id FROM enrollments WHERE user_id = ? AND course_id = ?"),
                               {o->userId, o->courseId})) {
            return ServiceResult::failure(
                QStringLiteral("%1 is already enrolled in %2; nothing was recorded").arg(o->userEmail, o->courseName));
        }
        const auto enrollment =
            session.insert(spec(QStringLiteral("enrollments")), {{QStringLiteral("user_id"), o->userId},
                                                                 {QStringLiteral("course_id"), o->courseId},
                                                                 {QStringLiteral("order_id"), o->id},
                                                                 {QStringLiteral("status"), PV::Enrollment::active},
                                                                 {QStringLiteral("enrollment_date"), now}});
        if (!enrollment.ok()) {
            return ServiceResult::failure(enrollment.message + QStringLiteral("; nothing was recorded"));
        }
    }
    if (!session.commit()) {
        return ServiceResult::failure(QStringLiteral("Could not commit: ") + session.error());
    }
    return ServiceResult::success(completed
                                      ? QStringLiteral("Payment recorded: order %1 is paid and %2 is enrolled in %3")
                                            .arg(o->orderNumber, o->userEmail, o->courseName)
                                      : QStringLiteral("Payment recorded for order %1").arg(o->orderNumber),
                                  true, written.key);
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
    WriteSession session(db, WriteContext::ofWorkflow(QStringLiteral("refund"), reason));
    if (!session.isActive()) {
        return ServiceResult::failure(QStringLiteral("Could not start a transaction: ") + session.error());
    }
    QString lockError;
    const RowSnapshot payment = session.lock(spec(QStringLiteral("payments")), paymentId, &lockError);
    if (!lockError.isEmpty()) {
        return ServiceResult::failure(QStringLiteral("The payment was not refunded: ") + lockError);
    }
    if (!payment.exists()) {
        return ServiceResult::failure(QStringLiteral("The payment does not exist"));
    }
    const QString status = payment.value(QStringLiteral("status"));
    const QVariant orderId = payment.value(QStringLiteral("order_id"));
    if (status == PV::Payment::refunded) {
        return ServiceResult::success(QStringLiteral("This payment is already refunded; nothing was changed"), false,
                                      paymentId);
    }
    if (status != PV::Payment::completed) {
        return ServiceResult::failure(QStringLiteral("Only a completed payment can be refunded (this one is %1)")
                                          .arg(PV::label(PV::Kind::PaymentStatus, status).toLower()));
    }
    // One audit row per changed row, all with the refund's reason.
    const QString statusColumn = QStringLiteral("status");
    WriteResult r =
        session.update(spec(QStringLiteral("payments")), paymentId, {{statusColumn, PV::Payment::refunded}});
    if (r.ok()) {
        r = session.update(spec(QStringLiteral("orders")), orderId, {{statusColumn, PV::Order::cancelled}});
    }
    QVariantList enrollments;
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT id FROM enrollments WHERE order_id = ? AND status <> ? ORDER BY id"));
        query.addBindValue(orderId);
        query.addBindValue(PV::Enrollment::cancelled);
        if (query.exec()) {
            while (query.next()) {
                enrollments << query.value(0);
            }
        }
    }
    for (const QVariant& id : std::as_const(enrollments)) {
        if (r.ok()) {
            r = session.update(spec(QStringLiteral("enrollments")), id, {{statusColumn, PV::Enrollment::cancelled}});
        }
    }
    if (!r.ok()) {
        return ServiceResult::failure(QStringLiteral("Nothing was refunded: ") + r.message);
    }
    if (!session.commit()) {
        return ServiceResult::failure(QStringLiteral("Could not commit: ") + session.error());
    }
    return ServiceResult::success(QStringLiteral("Refunded: payment, order and enrollment updated"), true, paymentId);
}

} // namespace PaymentService
