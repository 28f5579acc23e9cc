#pragma once

#include "reports/RevenueReport.h"

#include <QDateTime>
#include <QList>
#include <QMap>
#include <QSqlDatabase>
#include <QString>

// A dataset with known amounts, written row by row, and the figures a revenue report must show,
// computed here independently: C++ integer arithmetic over the rows, local dates through
// QTimeZone, no SQL. Times are UTC instants, stored as UTC text (the platform's default).
class RevenueFixture
{
public:
    struct Order
    {
        qint64 id;
        qint64 userId;
        QString course;
        QString amount; // decimal text as the platform stores it
        QString currency;
        QString status;
        QDateTime createdAt;
        QString razorpayOrderId;
    };
    struct Payment
    {
        qint64 id;
        qint64 orderId;
        QString amount;
        QString status;
        QString method;        // empty: NULL
        QDateTime paymentDate; // invalid: NULL
        QDateTime createdAt;
        QDateTime updatedAt;
        QString razorpayPaymentId;
    };
    struct Enrollment
    {
        qint64 id;
        qint64 userId;
        QString course;
        qint64 orderId;
        QString status;
        QDateTime date;
    };

    struct Expected
    {
        QMap<QString, RevenueKpis> current;
        QMap<QString, RevenueKpis> previous;
        QMap<QString, QMap<QDate, RevenueBucket>> series;
        QMap<QString, QMap<QString, qint64>> courseNet;     // currency -> course -> net
        QMap<QString, QMap<QString, MethodShare>> methods;  // currency -> method
        QMap<QString, QMap<QString, qint64>> orderStatuses; // currency -> status -> count
        qint64 enrollments = 0;
        qint64 previousEnrollments = 0;
        QMap<QDate, qint64> enrollmentSeries;
    };

    // The boundary cases (midnight Asia/Kolkata, 0.10 + 0.20, a refund after the period, mixed
    // currencies) plus `randomPayments` seeded random rows from Nov 2023 to Mar 2024.
    explicit RevenueFixture(int randomPayments = 300);

    bool insert(const QSqlDatabase& db, QString* error) const;
    Expected expect(const RevenueFilter& filter) const;

    static qint64 minor(const QString& decimal); // "0.10" -> 10, independent of Money
    static QDateTime utc(const char* text);      // "2024-01-01 00:00:00.000"

    QList<Order> orders;
    QList<Payment> payments;
    QList<Enrollment> enrollments;

private:
    void add(const QString& currency, const QString& course, const QString& amount, const QString& status,
             const QDateTime& paymentDate, const QDateTime& createdAt, const QDateTime& updatedAt,
             const QString& method);
    // A further payment on an existing order.
    void addPayment(qint64 orderId, const QString& amount, const QString& status, const QDateTime& paymentDate,
                    const QDateTime& createdAt, const QDateTime& updatedAt, const QString& method);
};
