#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QRandomGenerator>
#include <QString>
#include <QStringList>

#include <cstdint>

// The demo data set in memory, before it is written: plain rows that already carry their final
// ids, so the writer can insert them in bulk without asking the database for generated keys.
// Times are instants in epoch milliseconds (0 = NULL); SqlTime writes them in the connection's
// stored zone like every other timestamp the app writes.
namespace DemoData {

struct User
{
    qint64 id = 0;
    QString firstName, lastName, email, password, phone, whatsapp, address, city, state, pincode, role;
    qint64 createdAt = 0;
};

struct BusinessInfo
{
    qint64 id = 0;
    qint64 userId = 0;
    QString experienceLevel, currentBusiness, goals; // empty = NULL
    qint64 createdAt = 0;
};

struct Order
{
    qint64 id = 0;
    QString orderNumber;
    qint64 userId = 0;
    QString courseId;
    std::int64_t amountMinor = 0;
    QString currency, status, razorpayOrderId; // razorpayOrderId empty = NULL (complimentary)
    qint64 createdAt = 0, updatedAt = 0;
};

struct Payment
{
    qint64 id = 0;
    qint64 orderId = 0;
    QString razorpayPaymentId, razorpaySignature, status, paymentMethod; // empty = NULL
    std::int64_t amountMinor = 0;
    qint64 paymentDate = 0, createdAt = 0, updatedAt = 0;
};

struct Enrollment
{
    qint64 id = 0;
    qint64 userId = 0;
    QString courseId;
    qint64 orderId = 0;
    QString status;
    qint64 enrollmentDate = 0, completionDate = 0, updatedAt = 0; // created_at = enrollment_date
};

struct Set
{
    QList<User> users;
    QList<BusinessInfo> businessInfo;
    QList<Order> orders;
    QList<Payment> payments;
    QList<Enrollment> enrollments;
};

// The 18 months before the anchor date, midnight to midnight in India (IST, a fixed offset, so
// the data does not depend on the machine's zone or its tz database).
struct Period
{
    qint64 startMs = 0;
    qint64 endMs = 0;
    static Period before(QDate anchor);
};
// Midnight IST of `date`, in epoch milliseconds.
qint64 istMidnight(QDate date);
// When a catalog course was created: its launch month before the anchor, 10:00 IST.
qint64 courseCreatedAt(int launchMonthsBeforeAnchor, QDate anchor);

// A time in [from, to) weighted towards the hours Indians shop online (evenings, not 3 a.m.).
qint64 shopperTime(QRandomGenerator& random, qint64 from, qint64 to);

// Staff and customers, sorted by created_at with ids 1..n (DemoPeople.cpp).
void addPeople(Set& set, QRandomGenerator& random, const Period& period, const QStringList& passwordHashes);
// Checkout answers for most customers who bought something (DemoPeople.cpp).
void addBusinessInfo(Set& set, QRandomGenerator& random);
// Orders, payments and enrollments following the platform's purchase flow (DemoSales.cpp).
void addSales(Set& set, QRandomGenerator& random, const Period& period, QDate anchor, const QByteArray& keySecret);

// The whole data set for `anchor`; identical for identical anchors. Empty users on failure.
Set generate(QDate anchor, const QByteArray& keySecret, QString* error);

} // namespace DemoData
