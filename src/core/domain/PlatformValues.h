#pragma once

#include <QString>
#include <QStringList>

// The status / role / level values the platform's backend maps to Java enums. Coursedesk writes
// nothing else (any other value breaks the backend) and shows unknown values found in the data
// as they are, flagged. See docs/platform-schema.md.
namespace PlatformValues {

enum class Kind {
    UserRole,
    CourseLevel,
    OrderStatus,
    PaymentStatus,
    EnrollmentStatus,
    ExperienceLevel,
};

const QStringList& values(Kind kind);
bool isKnown(Kind kind, const QString& value);
// "COMPLETED" -> "Completed", "complete-beginner" -> "Complete beginner"; an unknown value is
// returned as-is with a warning marker ("⚠ FOO").
QString label(Kind kind, const QString& value);
QString unknownMarker();
// The column a kind lives in, e.g. Kind::OrderStatus -> {"orders", "status"}.
struct Column
{
    QString table;
    QString column;
};
Column column(Kind kind);
QList<Kind> allKinds();

// Marketplaces the platform's catalog knows (the list is open: staff may add others).
const QStringList& knownMarketplaces();
// Indian states and union territories, for the user form's state field.
const QStringList& indianStates();
// ISO 4217 codes accepted for orders.
bool isKnownCurrency(const QString& code);
const QStringList& currencies();

inline const QString user = QStringLiteral("USER");
inline const QString admin = QStringLiteral("ADMIN");
namespace Order {
inline const QString created = QStringLiteral("CREATED");
inline const QString paid = QStringLiteral("PAID");
inline const QString failed = QStringLiteral("FAILED");
inline const QString cancelled = QStringLiteral("CANCELLED");
} // namespace Order
namespace Payment {
inline const QString pending = QStringLiteral("PENDING");
inline const QString completed = QStringLiteral("COMPLETED");
inline const QString failed = QStringLiteral("FAILED");
inline const QString refunded = QStringLiteral("REFUNDED");
} // namespace Payment
namespace Enrollment {
inline const QString active = QStringLiteral("ACTIVE");
inline const QString completed = QStringLiteral("COMPLETED");
inline const QString suspended = QStringLiteral("SUSPENDED");
inline const QString cancelled = QStringLiteral("CANCELLED");
} // namespace Enrollment

} // namespace PlatformValues
