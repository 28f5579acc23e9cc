#include "PlatformValues.h"

#include <QChar>

namespace PlatformValues {

const QStringList& values(Kind kind)
{
    static const QStringList roles = {QStringLiteral("USER"), QStringLiteral("ADMIN")};
    static const QStringList levels = {QStringLiteral("Beginner"), QStringLiteral("Intermediate"),
                                       QStringLiteral("Advanced")};
    static const QStringList orderStatuses = {QStringLiteral("CREATED"), QStringLiteral("PAID"),
                                              QStringLiteral("FAILED"), QStringLiteral("CANCELLED")};
    static const QStringList paymentStatuses = {QStringLiteral("PENDING"), QStringLiteral("COMPLETED"),
                                                QStringLiteral("FAILED"), QStringLiteral("REFUNDED")};
    static const QStringList enrollmentStatuses = {QStringLiteral("ACTIVE"), QStringLiteral("COMPLETED"),
                                                   QStringLiteral("SUSPENDED"), QStringLiteral("CANCELLED")};
    static const QStringList experience = {QStringLiteral("complete-beginner"), QStringLiteral("some-knowledge"),
                                           QStringLiteral("currently-selling"), QStringLiteral("experienced")};
    switch (kind) {
    case Kind::UserRole:
        return roles;
    case Kind::CourseLevel:
        return levels;
    case Kind::OrderStatus:
        return orderStatuses;
    case Kind::PaymentStatus:
        return paymentStatuses;
    case Kind::EnrollmentStatus:
        return enrollmentStatuses;
    case Kind::ExperienceLevel:
        return experience;
    }
    Q_UNREACHABLE();
}

bool isKnown(Kind kind, const QString& value)
{
    return values(kind).contains(value);
}

QString unknownMarker()
{
    return QStringLiteral("\u26A0 ");
}

QString label(Kind kind, const QString& value)
{
    if (!isKnown(kind, value)) {
        return value.isEmpty() ? QString() : unknownMarker() + value;
    }
    if (kind == Kind::CourseLevel) {
        return value;
    }
    if (kind == Kind::UserRole) {
        return value == QLatin1String("ADMIN") ? QStringLiteral("Admin") : QStringLiteral("User");
    }
    QString text = value.toLower();
    text.replace(QLatin1Char('-'), QLatin1Char(' '));
    text[0] = text.at(0).toUpper();
    return text;
}

Column column(Kind kind)
{
    switch (kind) {
    case Kind::UserRole:
        return {QStringLiteral("users"), QStringLiteral("role")};
    case Kind::CourseLevel:
        return {QStringLiteral("courses"), QStringLiteral("level")};
    case Kind::OrderStatus:
        return {QStringLiteral("orders"), QStringLiteral("status")};
    case Kind::PaymentStatus:
        return {QStringLiteral("payments"), QStringLiteral("status")};
    case Kind::EnrollmentStatus:
        return {QStringLiteral("enrollments"), QStringLiteral("status")};
    case Kind::ExperienceLevel:
        return {QStringLiteral("user_business_info"), QStringLiteral("experience_level")};
    }
    Q_UNREACHABLE();
}

QList<Kind> allKinds()
{
    return {Kind::UserRole,      Kind::CourseLevel,      Kind::OrderStatus,
            Kind::PaymentStatus, Kind::EnrollmentStatus, Kind::ExperienceLevel};
}

const QStringList& knownMarketplaces()
{
    static const QStringList list = {QStringLiteral("Amazon.in"), QStringLiteral("Flipkart"), QStringLiteral("Meesho"),
                                     QStringLiteral("Amazon Global")};
    return list;
}

const QStringList& indianStates()
{
    static const QStringList list = {
        QStringLiteral("Andhra Pradesh"), QStringLiteral("Arunachal Pradesh"), QStringLiteral("Assam"),
        QStringLiteral("Bihar"), QStringLiteral("Chhattisgarh"), QStringLiteral("Goa"), QStringLiteral("Gujarat"),
        QStringLiteral("Haryana"), QStringLiteral("Himachal Pradesh"), QStringLiteral("Jharkhand"),
        QStringLiteral("Karnataka"), QStringLiteral("Kerala"), QStringLiteral("Madhya Pradesh"),
        QStringLiteral("Maharashtra"), QStringLiteral("Manipur"), QStringLiteral("Meghalaya"),
        QStringLiteral("Mizoram"), QStringLiteral("Nagaland"), QStringLiteral("Odisha"), QStringLiteral("Punjab"),
        QStringLiteral("Rajasthan"), QStringLiteral("Sikkim"), QStringLiteral("Tamil Nadu"),
        QStringLiteral("Telangana"), QStringLiteral("Tripura"), QStringLiteral("Uttar Pradesh"),
        QStringLiteral("Uttarakhand"), QStringLiteral("West Bengal"),
        // Union territories
        QStringLiteral("Andaman and Nicobar Islands"), QStringLiteral("Chandigarh"),
        QStringLiteral("Dadra and Nagar Haveli and Daman and Diu"), QStringLiteral("Delhi"),
        QStringLiteral("Jammu and Kashmir"), QStringLiteral("Ladakh"), QStringLiteral("Lakshadweep"),
        QStringLiteral("Puducherry")};
    return list;
}

const QStringList& currencies()
{
    // The currencies Razorpay settles that the platform has seen; INR first.
    static const QStringList list = {QStringLiteral("INR"), QStringLiteral("USD"), QStringLiteral("EUR"),
                                     QStringLiteral("GBP"), QStringLiteral("AED"), QStringLiteral("SGD"),
                                     QStringLiteral("AUD"), QStringLiteral("CAD")};
    return list;
}

bool isKnownCurrency(const QString& code)
{
    return currencies().contains(code);
}

} // namespace PlatformValues
