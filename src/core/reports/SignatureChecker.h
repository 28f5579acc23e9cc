#pragma once

#include "Reconciliation.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>

#include <optional>

// Verifies razorpay_signature of captured payments (COMPLETED or REFUNDED: the only ones the
// backend verified) with the Razorpay key secret. The secret lives only in this object's memory;
// it is never logged, stored or put into a query.
class SignatureChecker
{
public:
    SignatureChecker(QSqlDatabase db, QByteArray keySecret);
    ~SignatureChecker();
    SignatureChecker(const SignatureChecker&) = delete;
    SignatureChecker& operator=(const SignatureChecker&) = delete;

    enum class Result { Valid, Missing, Invalid };
    // Missing: no signature, or the order's razorpay_order_id / razorpay_payment_id is empty.
    Result check(const QString& razorpayOrderId, const QString& razorpayPaymentId, const QString& signature) const;

    // One finding per failing payment; `paymentIds` limits the check (empty: every captured payment).
    std::optional<QList<Finding>> run(const QList<qint64>& paymentIds = {}, QString* error = nullptr) const;

private:
    QSqlDatabase m_db;
    QByteArray m_secret;
};
