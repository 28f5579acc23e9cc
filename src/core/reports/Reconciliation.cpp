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

// Minor units from MoneySql::checkedMinorUnits: rows with a damaged amount never get here (they are
// DamagedValue findings), so an unreadable value is named rather than shown as 0.00.
QString money(const QVariant& value)
{
    const auto minor = Money::minorFromSqlMinorUnits(value);
    return minor ? Money::toDecimalString(*minor) : QStringLiteral("(unreadable amount)");
}

// Columns the platform declares NOT NULL whose NULL would break money or access rules. A file
// made by other tools (or a damaged one) may hold NULLs anyway; each is named, never read as 0.
struct RequiredColumns
{
    QString table;
    QStringList columns;
};
const QList<RequiredColumns>& requiredColumns()
{
    static const QList<RequiredColumns> list = {
        {QStringLiteral("orders"),
         {QStringLiteral("order_number"), QStringLiteral("user_id"), QStringLiteral("course_id"),
          QStringLiteral("amount"), QStringLiteral("currency"), QStringLiteral("status"),
          QStringLiteral("created_at")}},
        {QStringLiteral("payments"),
         {QStringLiteral("order_id"), QStringLiteral("amount"), QStringLiteral("status"), QStringLiteral("created_at"),
          QStringLiteral("updated_at")}},
        {QStringLiteral("enrollments"),
         {QStringLiteral("user_id"), QStringLiteral("course_id"), QStringLiteral("order_id"), QStringLiteral("status"),
          QStringLiteral("enrollment_date")}},
    };
    return list;
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
    case Kind::PendingPaymentOnSettledOrder:
        return QStringLiteral("pending-payment-on-settled-order");
    case Kind::DamagedValue:
        return QStringLiteral("damaged-value");
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
    case Kind::PendingPaymentOnSettledOrder:
        return QStringLiteral("PENDING payment, order already settled");
    case Kind::DamagedValue:
        return QStringLiteral("Missing or damaged value");
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
    // NULL for a damaged amount, so that the comparisons below skip it (NaN, a blob or -0.001
    // would otherwise compare as 0.00) and DamagedValue names it instead.
    const QString orderMinor = MoneySql::checkedMinorUnits(engine, QStringLiteral("o.amount"));
    const QString paymentMinor = MoneySql::checkedMinorUnits(engine, QStringLiteral("p.amount"));
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
    run(QStringLiteral("SELECT p.id, o.id, o.order_number, o.status FROM payments p JOIN orders o ON o.id = "
                       "p.order_id WHERE p.status = '%1' AND o.status IN ('%2', '%3') ORDER BY p.id")
            .arg(Payment::pending, Order::paid, Order::cancelled),
        {}, [](const QSqlQuery& q) {
            return Finding{
                K::PendingPaymentOnSettledOrder, QStringLiteral("payments"), q.value(0).toString(),
                QStringLiteral("Payment %1 is still PENDING but order %2 (id %3) is %4")
                    .arg(q.value(0).toString(), q.value(2).toString(), q.value(1).toString(), q.value(3).toString())};
        });
    // Damaged values, one finding per row and column, in table order then row id.
    for (const RequiredColumns& required : requiredColumns()) {
        QStringList tests;
        QStringList any;
        for (const QString& column : required.columns) {
            tests << QStringLiteral("CASE WHEN %1 IS NULL THEN 1 ELSE 0 END").arg(column);
            any << QStringLiteral("%1 IS NULL").arg(column);
        }
        const bool hasAmount = required.columns.contains(QStringLiteral("amount"));
        const QString amountTest = hasAmount ? MoneySql::damagedAmount(engine, QStringLiteral("amount")) : QString();
        // The raw amount travels as text (PostgreSQL: NaN as 'NaN') or as it is stored (SQLite:
        // a blob stays a blob), for Money::sqlAmountDamage to describe.
        const QString rawAmount = hasAmount ? (engine == Engine::Postgres ? QStringLiteral(", CAST(amount AS text)")
                                                                          : QStringLiteral(", amount"))
                                            : QString();
        if (hasAmount) { // after the NULL flags: 1 where the amount is damaged, then the raw amount
            tests << QStringLiteral("CASE WHEN %1 THEN 1 ELSE 0 END").arg(amountTest);
        }
        QString sql =
            QStringLiteral("SELECT id, %1%2 FROM %3 WHERE %4")
                .arg(tests.join(QStringLiteral(", ")), rawAmount, required.table, any.join(QStringLiteral(" OR ")));
        if (hasAmount) {
            sql += QStringLiteral(" OR ") + amountTest;
        }
        sql += QStringLiteral(" ORDER BY id");
        ok = ok &&
             ReportSql::select(
                 m_db, sql, {},
                 [&](const QSqlQuery& q) {
                     const QString id = q.value(0).toString();
                     bool amountNamed = false;
                     for (qsizetype i = 0; i < required.columns.size(); ++i) {
                         if (q.value(int(i) + 1).toInt() == 1) {
                             const QString& column = required.columns.at(i);
                             amountNamed = amountNamed || column == QLatin1String("amount");
                             findings << Finding{K::DamagedValue, required.table, id,
                                                 QStringLiteral("%1.%2 of row %3 is missing (NULL), but the "
                                                                "platform requires a value")
                                                     .arg(required.table, column, id)};
                         }
                     }
                     const int amountFlag = int(required.columns.size()) + 1;
                     if (hasAmount && !amountNamed && q.value(amountFlag).toInt() == 1) {
                         const QVariant raw = q.value(amountFlag + 1);
                         QString why = Money::sqlAmountDamage(raw);
                         if (why.isEmpty()) { // a value the engine rounds away, e.g. 12.345
                             why = QStringLiteral("is not a DECIMAL(10,2) amount (%1)").arg(raw.toString());
                         }
                         findings << Finding{K::DamagedValue, required.table, id,
                                             QStringLiteral("%1.amount of row %2 %3").arg(required.table, id, why)};
                     }
                 },
                 error);
    }
    if (!ok) {
        return std::nullopt;
    }
    return findings;
}
