#include "RazorpaySignature.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QMessageAuthenticationCode>

namespace RazorpaySignature {

QString compute(const QString& razorpayOrderId, const QString& razorpayPaymentId, const QByteArray& keySecret)
{
    const QByteArray message = razorpayOrderId.toUtf8() + '|' + razorpayPaymentId.toUtf8();
    // toHex() writes lower-case digits, the form Razorpay sends and the backend compares against.
    return QString::fromLatin1(
        QMessageAuthenticationCode::hash(message, keySecret, QCryptographicHash::Sha256).toHex());
}

bool verify(const QString& razorpayOrderId, const QString& razorpayPaymentId, const QString& signature,
            const QByteArray& keySecret)
{
    const QByteArray expected = compute(razorpayOrderId, razorpayPaymentId, keySecret).toLatin1();
    const QByteArray given = signature.toLatin1();
    if (given.size() != expected.size()) {
        return false; // the length of a SHA-256 hex digest is public; no need to hide it
    }
    // Every byte is compared whatever the first mismatch, so the time taken does not tell an
    // attacker how much of a forged signature was right.
    unsigned char diff = 0;
    for (qsizetype i = 0; i < expected.size(); ++i) {
        diff |= static_cast<unsigned char>(expected.at(i) ^ given.at(i));
    }
    return diff == 0;
}

} // namespace RazorpaySignature
