#include "Reconciliation.h"

#include "ReportSql.h"
#include "db/Database.h"
#include "domain/PlatformValues.h"
#include "money/Money.h"
#include "money/MoneySql.h"

#include <QSqlQuery>

#include <functional>

namespace {
using namespace PlatformValues;

QString money(const QVariant& value)
{
    return Money::toDecimalString(Money::minorFromSqlMinorUnits(value).value_or(0));
}
} // namespace

QString Finding::kindName(Kind kind)
{
    switch (kind) {
    case Kind::PaidOrderWithoutPayment:
        return QStringLiteral("paid-order-without-payment");
    case Kind::CompletedPaymentOrderNotPaid:
        return QStringLiteral("completed-payment-order-not-paid");
    case Kind::PaymentAmountMismatch:
        return QStringLiteral("payment-amount-mismatch");
    case Kind::ActiveEnrollmentOrderNotPaid:
        return QStringLiteral("active-enrollment-order-not-paid");
    case Kind::PaidOrderWithoutEnrollment:
        return QStringLiteral("paid-order-without-enrollment");
    case Kind::DuplicateRazorpayPaymentId:
        return QStringLiteral("duplicate-razorpay-payment-id");
    case Kind::UnknownValue:
        return QStringLiteral("unknown-value");
    case Kind::SignatureMissing:
        return QStringLiteral("signature-missing");
    case Kind::SignatureInvalid:
        return QStringLiteral("signature-invalid");
    }
    return QString();
}

QString Finding::kindLabel(Kind kind)
{
    switch (kind) {
    case Kind::PaidOrderWithoutPayment:
        return QStringLiteral("PAID order without a completed payment");
    case Kind::CompletedPaymentOrderNotPaid:
        return QStringLiteral("Completed payment, order not PAID");
    case Kind::PaymentAmountMismatch:
        return QStringLiteral("Payment amount differs from order");
    case Kind::ActiveEnrollmentOrderNotPaid:
        return QStringLiteral("Active enrollment, order not PAID");
    case Kind::PaidOrderWithoutEnrollment:
        return QStringLiteral("PAID order without enrollment");
    case Kind::DuplicateRazorpayPaymentId:
        return QStringLiteral("Razorpay payment id on several rows");
    case Kind::UnknownValue:
        return QStringLiteral("Value the platform does not accept");
    case Kind::SignatureMissing:
        return QStringLiteral("Signature missing");
    case Kind::SignatureInvalid:
        return QStringLiteral("Signature does not verify");
    }
    return QString();
}

Reconciliation::Reconciliation(QSqlDatabase db) : m_db(std::move(db)) {}

std::optional<QList<Finding>> Reconciliation::run(QString* error) const
{
    using K = Finding::Kind;
    const Engine engine = Database::engine(m_db);
    const QString paid = QLatin1Char('\'') + Order::paid + QLatin1Char('\'');
    const QString completed = QLatin1Char('\'') + Payment::completed + QLatin1Char('\'');
    const QString orderMinor = MoneySql::minorUnits(engine, QStringLiteral("o.amount"));
    const QString paymentMinor = MoneySql::minorUnits(engine, QStringLiteral("p.amount"));
    QList<Finding> findings;
    bool ok = true;
    auto run = [&](const QString& sql, const QVariantList& binds,
                   const std::function<Finding(const QSqlQuery&)>& make) {
        ok = ok && ReportSql::select(
                       m_db, sql, binds, [&](const QSqlQuery& q) { findings << make(q); }, error);
    };

    run(QStringLiteral("SELECT o.id, o.order_number, %1 FROM orders o WHERE o.status = %2 AND %1 > 0 AND NOT EXISTS "
                       "(SELECT 1 FROM payments p WHERE p.order_id = o.id AND p.status = %3) ORDER BY o.id")
            .arg(orderMinor, paid, completed),
        {}, [](const QSqlQuery& q) {
            return Finding{K::PaidOrderWithoutPayment, QStringLiteral("orders"), q.value(0).toString(),
                           QStringLiteral("Order %1 (%2) is PAID but has no COMPLETED payment")
                               .arg(q.value(1).toString(), money(q.value(2)))};
        });
    run(QStringLiteral("SELECT p.id, o.id, o.order_number, o.status FROM payments p JOIN orders o ON o.id = "
                       "p.order_id WHERE p.status = %1 AND o.status <> %2 ORDER BY p.id")
            .arg(completed, paid),
        {}, [](const QSqlQuery& q) {
            return Finding{
                K::CompletedPaymentOrderNotPaid, QStringLiteral("payments"), q.value(0).toString(),
                QStringLiteral("Payment %1 is COMPLETED but order %2 (id %3) is %4")
                    .arg(q.value(0).toString(), q.value(2).toString(), q.value(1).toString(), q.value(3).toString())};
        });
    run(QStringLiteral("SELECT p.id, o.order_number, %1, %2, o.currency FROM payments p JOIN orders o ON o.id = "
                       "p.order_id WHERE p.status = %3 AND %1 <> %2 ORDER BY p.id")
            .arg(paymentMinor, orderMinor, completed),
        {}, [](const QSqlQuery& q) {
            return Finding{K::PaymentAmountMismatch, QStringLiteral("payments"), q.value(0).toString(),
                           QStringLiteral("Payment %1 is %2 %4 but order %3 is %5 %4")
                               .arg(q.value(0).toString(), money(q.value(2)), q.value(1).toString(),
                                    q.value(4).toString(), money(q.value(3)))};
        });
    run(QStringLiteral("SELECT e.id, o.id, o.order_number, o.status FROM enrollments e JOIN orders o ON o.id = "
                       "e.order_id WHERE e.status = '%1' AND o.status <> %2 ORDER BY e.id")
            .arg(Enrollment::active, paid),
        {}, [](const QSqlQuery& q) {
            return Finding{
                K::ActiveEnrollmentOrderNotPaid, QStringLiteral("enrollments"), q.value(0).toString(),
                QStringLiteral("Enrollment %1 is ACTIVE but order %2 (id %3) is %4")
                    .arg(q.value(0).toString(), q.value(2).toString(), q.value(1).toString(), q.value(3).toString())};
        });
    run(QStringLiteral("SELECT o.id, o.order_number FROM orders o WHERE o.status = %1 AND NOT EXISTS (SELECT 1 FROM "
                       "enrollments e WHERE e.order_id = o.id) ORDER BY o.id")
            .arg(paid),
        {}, [](const QSqlQuery& q) {
            return Finding{
                K::PaidOrderWithoutEnrollment, QStringLiteral("orders"), q.value(0).toString(),
                QStringLiteral("Order %1 is PAID but nobody is enrolled with it").arg(q.value(1).toString())};
        });
    // One finding per row sharing the id, so each of them can be opened from the list.
    run(QStringLiteral(
            "SELECT p.id, p.razorpay_payment_id, d.n FROM payments p JOIN (SELECT razorpay_payment_id, "
            "COUNT(*) AS n FROM payments WHERE razorpay_payment_id IS NOT NULL AND razorpay_payment_id <> '' "
            "GROUP BY razorpay_payment_id HAVING COUNT(*) > 1) d ON d.razorpay_payment_id = "
            "p.razorpay_payment_id ORDER BY p.id"),
        {}, [](const QSqlQuery& q) {
            return Finding{K::DuplicateRazorpayPaymentId, QStringLiteral("payments"), q.value(0).toString(),
                           QStringLiteral("Razorpay payment id %1 is on %2 payments rows")
                               .arg(q.value(1).toString(), q.value(2).toString())};
        });
    for (Kind kind : allKinds()) {
        const Column column = PlatformValues::column(kind);
        const QStringList& allowed = values(kind);
        QString placeholders = QStringLiteral("?");
        placeholders += QStringLiteral(", ?").repeated(allowed.size() - 1);
        QVariantList binds;
        for (const QString& value : allowed) {
            binds << value;
        }
        // Identifiers come from PlatformValues::column (fixed schema names); the allowed values are bound.
        run(QStringLiteral("SELECT id, %2 FROM %1 WHERE %2 IS NOT NULL AND %2 NOT IN (%3) ORDER BY id")
                .arg(column.table, column.column, placeholders),
            binds, [column](const QSqlQuery& q) {
                return Finding{K::UnknownValue, column.table, q.value(0).toString(),
                               QStringLiteral("%1.%2 is \"%3\", which the platform's backend does not accept")
                                   .arg(column.table, column.column, q.value(1).toString())};
            });
    }
    if (!ok) {
        return std::nullopt;
    }
    return findings;
}
