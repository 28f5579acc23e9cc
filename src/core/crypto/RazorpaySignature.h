#pragma once

#include <QString>

// razorpay_signature = lower-case hex HMAC-SHA256 of razorpay_order_id + "|" + razorpay_payment_id
// under the Razorpay key secret: exactly what the platform's backend verifies.
namespace RazorpaySignature {
QString compute(const QString& razorpayOrderId, const QString& razorpayPaymentId, const QByteArray& keySecret);
// Constant-time comparison of a stored signature against the expected one.
bool verify(const QString& razorpayOrderId, const QString& razorpayPaymentId, const QString& signature,
            const QByteArray& keySecret);
} // namespace RazorpaySignature
