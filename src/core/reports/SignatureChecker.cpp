#include "SignatureChecker.h"

#include "ReportSql.h"
#include "crypto/RazorpaySignature.h"
#include "domain/PlatformValues.h"

#include <QSet>
#include <QSqlQuery>

#include <limits>

SignatureChecker::SignatureChecker(QSqlDatabase db, QByteArray keySecret)
    : m_db(std::move(db)), m_secret(std::move(keySecret))
{
}

SignatureChecker::~SignatureChecker()
{
    m_secret.fill('\0'); // do not leave the secret in freed memory longer than needed
}

SignatureChecker::Result SignatureChecker::check(const QString& razorpayOrderId, const QString& razorpayPaymentId,
                                                 const QString& signature) const
{
    if (signature.trimmed().isEmpty() || razorpayOrderId.isEmpty() || razorpayPaymentId.isEmpty()) {
        return Result::Missing;
    }
    return RazorpaySignature::verify(razorpayOrderId, razorpayPaymentId, signature.trimmed(), m_secret)
               ? Result::Valid
               : Result::Invalid;
}

std::optional<QList<Finding>> SignatureChecker::run(const QList<qint64>& paymentIds, QString* error) const
{
    using namespace PlatformValues;
    // Keyset batches by id: memory stays at one batch however many payments there are (QPSQL
    // would otherwise hold the whole result in client memory; 1.6M rows ~ half a gigabyte).
    constexpr int batchSize = 100000;
    const QString sql =
        QStringLiteral("SELECT p.id, o.razorpay_order_id, p.razorpay_payment_id, p.razorpay_signature FROM "
                       "payments p JOIN orders o ON o.id = p.order_id WHERE p.status IN (%1) AND p.id > ? "
                       "ORDER BY p.id LIMIT %2")
            .arg(ReportSql::literalList({Payment::completed, Payment::refunded}))
            .arg(batchSize);
    // Filtering in C++ keeps the statement fixed; the set is at most what the page shows.
    const QSet<qint64> only(paymentIds.cbegin(), paymentIds.cend());
    QList<Finding> findings;
    qint64 after = std::numeric_limits<qint64>::min();
    for (;;) {
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        query.prepare(sql);
        query.addBindValue(QVariant::fromValue(after));
        if (!ReportSql::exec(query, error)) {
            return std::nullopt;
        }
        int rows = 0;
        while (query.next()) {
            ++rows;
            const qint64 id = query.value(0).toLongLong();
            after = id;
            if (!only.isEmpty() && !only.contains(id)) {
                continue;
            }
            const Result result =
                check(query.value(1).toString(), query.value(2).toString(), query.value(3).toString());
            if (result == Result::Missing) {
                findings << Finding{
                    Finding::Kind::SignatureMissing, QStringLiteral("payments"), QString::number(id),
                    QStringLiteral("Payment %1 has no signature, Razorpay order id or payment id").arg(id)};
            } else if (result == Result::Invalid) {
                findings << Finding{Finding::Kind::SignatureInvalid, QStringLiteral("payments"), QString::number(id),
                                    QStringLiteral("Payment %1: the signature does not match order %2 | payment %3")
                                        .arg(id)
                                        .arg(query.value(1).toString(), query.value(2).toString())};
            }
        }
        if (rows < batchSize) {
            break;
        }
    }
    return findings;
}
