#include "RevenueFixture.h"

#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

#include <set>

namespace {
QDate bucketStart(QDate day, QDate from, Granularity g)
{
    QDate start = day;
    if (g == Granularity::Week) {
        start = day.addDays(-(day.dayOfWeek() - 1));
    } else if (g == Granularity::Month) {
        start = QDate(day.year(), day.month(), 1);
    }
    return start < from ? from : start;
}

QVariant ts(const QDateTime& t)
{
    return t.isValid() ? QVariant(t.toUTC().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))) : QVariant();
}

bool run(QSqlQuery& q, QString* error)
{
    if (!q.exec()) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}
} // namespace

qint64 RevenueFixture::minor(const QString& decimal)
{
    const QStringList parts = decimal.split(QLatin1Char('.'));
    const qint64 major = parts.at(0).toLongLong();
    const qint64 cents = parts.size() > 1 ? parts.at(1).leftJustified(2, QLatin1Char('0')).left(2).toLongLong() : 0;
    return major * 100 + cents;
}

QDateTime RevenueFixture::utc(const char* text)
{
    QDateTime t = QDateTime::fromString(QString::fromLatin1(text), QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    t.setTimeZone(QTimeZone::utc());
    return t;
}

void RevenueFixture::add(const QString& currency, const QString& course, const QString& amount, const QString& status,
                         const QDateTime& paymentDate, const QDateTime& createdAt, const QDateTime& updatedAt,
                         const QString& method)
{
    const qint64 id = orders.size() + 1;
    QString orderStatus = QStringLiteral("CREATED");
    if (status == QLatin1String("COMPLETED")) {
        orderStatus = QStringLiteral("PAID");
    } else if (status == QLatin1String("REFUNDED")) {
        orderStatus = QStringLiteral("CANCELLED");
    } else if (status == QLatin1String("FAILED")) {
        orderStatus = QStringLiteral("FAILED");
    }
    orders << Order{id, id, course, amount, currency, orderStatus, createdAt, QStringLiteral("order_%1").arg(id)};
    payments << Payment{
        id, id, amount, status, method, paymentDate, createdAt, updatedAt, QStringLiteral("pay_%1").arg(id)};
    if (status == QLatin1String("COMPLETED") || status == QLatin1String("REFUNDED")) {
        const QDateTime paidAt = paymentDate.isValid() ? paymentDate : createdAt;
        enrollments << Enrollment{
            id,
            id,
            course,
            id,
            status == QLatin1String("COMPLETED") ? QStringLiteral("ACTIVE") : QStringLiteral("CANCELLED"),
            paidAt};
    }
}

RevenueFixture::RevenueFixture(int randomPayments)
{
    const QString inr = QStringLiteral("INR");
    const QString usd = QStringLiteral("USD");
    const QString starter = QStringLiteral("starter-track");
    const QString growth = QStringLiteral("growth-track");
    const QString pro = QStringLiteral("pro-track");
    const QString done = QStringLiteral("COMPLETED");
    const QString upi = QStringLiteral("upi");
    // Asia/Kolkata is UTC+5:30: local midnight of 1 Jan 2024 is 2023-12-31 18:30 UTC.
    add(inr, starter, QStringLiteral("5999.00"), done, utc("2023-12-31 18:29:59.999"), utc("2023-12-31 18:29:00.000"),
        utc("2023-12-31 18:29:59.999"), upi); // 31 Dec 23:59:59.999 local: previous period
    add(inr, starter, QStringLiteral("5999.00"), done, utc("2023-12-31 18:30:00.000"), utc("2023-12-31 18:29:30.000"),
        utc("2023-12-31 18:30:00.000"), upi); // 1 Jan 00:00:00 local: in January
    add(inr, growth, QStringLiteral("9999.00"), done, utc("2024-01-31 18:29:59.999"), utc("2024-01-31 18:00:00.000"),
        utc("2024-01-31 18:29:59.999"), QStringLiteral("card")); // last instant of January
    add(inr, growth, QStringLiteral("9999.00"), done, utc("2024-01-31 18:30:00.000"), utc("2024-01-31 18:30:00.000"),
        utc("2024-01-31 18:30:00.000"), QStringLiteral("card")); // 1 Feb local
    add(usd, pro, QStringLiteral("0.10"), done, utc("2024-01-10 10:00:00.000"), utc("2024-01-10 10:00:00.000"),
        utc("2024-01-10 10:00:00.000"), QStringLiteral("Razorpay"));
    add(usd, pro, QStringLiteral("0.20"), done, utc("2024-01-10 11:00:00.000"), utc("2024-01-10 11:00:00.000"),
        utc("2024-01-10 11:00:00.000"), QStringLiteral("Razorpay"));
    // Paid in January, refunded in February: January keeps the revenue, February the refund.
    add(inr, pro, QStringLiteral("15999.00"), QStringLiteral("REFUNDED"), utc("2024-01-15 06:00:00.000"),
        utc("2024-01-15 06:00:00.000"), utc("2024-02-05 06:00:00.000"), upi);
    // Paid in December, refunded in January.
    add(usd, growth, QStringLiteral("119.99"), QStringLiteral("REFUNDED"), utc("2023-12-20 06:00:00.000"),
        utc("2023-12-20 06:00:00.000"), utc("2024-01-03 06:00:00.000"), QStringLiteral("card"));
    // No payment_date: dated by created_at.
    add(inr, starter, QStringLiteral("1234.56"), done, QDateTime(), utc("2024-01-05 12:00:00.000"),
        utc("2024-01-05 12:00:00.000"), QString());

    QRandomGenerator rng(20240101);
    const QStringList inrAmounts = {QStringLiteral("5999.00"), QStringLiteral("9999.00"), QStringLiteral("15999.00"),
                                    QStringLiteral("0.10"),    QStringLiteral("0.20"),    QStringLiteral("1234.56")};
    const QStringList usdAmounts = {QStringLiteral("49.99"), QStringLiteral("0.01"), QStringLiteral("199.95")};
    const QStringList courses = {starter, growth, pro};
    const QStringList methods = {QStringLiteral("Razorpay"), upi, QStringLiteral("card"), QStringLiteral("netbanking"),
                                 QString()};
    const QDateTime base = utc("2023-11-01 00:00:00.000");
    for (int i = 0; i < randomPayments; ++i) {
        const bool dollars = rng.bounded(4) == 0;
        const QString amount = dollars ? usdAmounts.at(rng.bounded(int(usdAmounts.size())))
                                       : inrAmounts.at(rng.bounded(int(inrAmounts.size())));
        const int roll = rng.bounded(100);
        const QString status = roll < 60   ? done
                               : roll < 70 ? QStringLiteral("REFUNDED")
                               : roll < 85 ? QStringLiteral("FAILED")
                                           : QStringLiteral("PENDING");
        const QDateTime created = base.addMSecs(qint64(rng.bounded(151 * 24 * 3600)) * 1000 + rng.bounded(1000));
        const QDateTime paid = rng.bounded(5) == 0 ? QDateTime() : created.addSecs(rng.bounded(600));
        const QDateTime updated = status == QLatin1String("REFUNDED")
                                      ? created.addSecs(qint64(rng.bounded(40 * 24 * 3600)) + 900)
                                      : (paid.isValid() ? paid : created);
        add(dollars ? usd : inr, courses.at(rng.bounded(3)), amount, status, paid, created, updated,
            methods.at(rng.bounded(int(methods.size()))));
        // One order in six gets a second payment up to 40 days later: a retry after a failure, or
        // a second capture, in the same period or the next. A paid order counts once per period
        // however many of its payments were captured in it.
        if (rng.bounded(6) == 0) {
            const int again = rng.bounded(100);
            const QString second = again < 50   ? done
                                   : again < 70 ? QStringLiteral("REFUNDED")
                                                : QStringLiteral("FAILED");
            const QDateTime secondCreated = created.addSecs(qint64(rng.bounded(40 * 24 * 3600)));
            const QDateTime secondPaid = rng.bounded(5) == 0 ? QDateTime() : secondCreated.addSecs(rng.bounded(600));
            const QDateTime secondUpdated = second == QLatin1String("REFUNDED")
                                                ? secondCreated.addSecs(qint64(rng.bounded(20 * 24 * 3600)) + 900)
                                                : (secondPaid.isValid() ? secondPaid : secondCreated);
            addPayment(orders.last().id, amount, second, secondPaid, secondCreated, secondUpdated,
                       methods.at(rng.bounded(int(methods.size()))));
        }
    }
}

void RevenueFixture::addPayment(qint64 orderId, const QString& amount, const QString& status,
                                const QDateTime& paymentDate, const QDateTime& createdAt, const QDateTime& updatedAt,
                                const QString& method)
{
    // Above every id add() gives out (orders and their first payments share ids).
    const qint64 id = 1000000 + payments.size();
    payments << Payment{
        id, orderId, amount, status, method, paymentDate, createdAt, updatedAt, QStringLiteral("pay_%1").arg(id)};
}

bool RevenueFixture::insert(const QSqlDatabase& db, QString* error) const
{
    QSqlDatabase conn = db;
    conn.transaction();
    QSqlQuery q(conn);
    const char* courses[][4] = {{"starter-track", "Starter Track", "5999.00", "Beginner"},
                                {"growth-track", "Growth Track", "9999.00", "Intermediate"},
                                {"pro-track", "Pro Track", "15999.00", "Advanced"}};
    for (const auto& c : courses) {
        q.prepare(QStringLiteral("INSERT INTO courses (id, name, duration, fee, original_price, level) "
                                 "VALUES (?, ?, '45 Days', ?, ?, ?)"));
        for (const char* v : {c[0], c[1], c[2], c[2], c[3]}) {
            q.addBindValue(QString::fromLatin1(v));
        }
        if (!run(q, error)) {
            return false;
        }
    }
    for (const Order& o : orders) {
        q.prepare(QStringLiteral("INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, "
                                 "state, pincode) VALUES (?, 'Test', 'User', ?, '$2a$10$x', '9876543210', 'a', 'Pune', "
                                 "'Maharashtra', '411001')"));
        q.addBindValue(o.userId);
        q.addBindValue(QStringLiteral("user%1@example.in").arg(o.userId));
        if (!run(q, error)) {
            return false;
        }
        q.prepare(QStringLiteral("INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, "
                                 "razorpay_order_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant& v : {QVariant(o.id), QVariant(QStringLiteral("ORD%1").arg(1700000000000 + o.id)),
                                  QVariant(o.userId), QVariant(o.course), QVariant(o.amount), QVariant(o.currency),
                                  QVariant(o.status), QVariant(o.razorpayOrderId), ts(o.createdAt), ts(o.createdAt)}) {
            q.addBindValue(v);
        }
        if (!run(q, error)) {
            return false;
        }
    }
    for (const Payment& p : payments) {
        q.prepare(
            QStringLiteral("INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status, "
                           "payment_method, payment_date, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant& v :
             {QVariant(p.id), QVariant(p.orderId), QVariant(p.razorpayPaymentId), QVariant(p.amount),
              QVariant(p.status), p.method.isEmpty() ? QVariant() : QVariant(p.method), ts(p.paymentDate),
              ts(p.createdAt), ts(p.updatedAt)}) {
            q.addBindValue(v);
        }
        if (!run(q, error)) {
            return false;
        }
    }
    for (const Enrollment& e : enrollments) {
        q.prepare(QStringLiteral("INSERT INTO enrollments (id, user_id, course_id, order_id, status, enrollment_date, "
                                 "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant& v : {QVariant(e.id), QVariant(e.userId), QVariant(e.course), QVariant(e.orderId),
                                  QVariant(e.status), ts(e.date), ts(e.date), ts(e.date)}) {
            q.addBindValue(v);
        }
        if (!run(q, error)) {
            return false;
        }
    }
    return conn.commit();
}

RevenueFixture::Expected RevenueFixture::expect(const RevenueFilter& f) const
{
    Expected e;
    const qint64 days = f.from.daysTo(f.to);
    const QDate prevFrom = f.from.addDays(-days);
    auto local = [&](const QDateTime& t) { return t.toTimeZone(f.userZone).date(); };
    QMap<qint64, Order> byId;
    for (const Order& o : orders) {
        byId.insert(o.id, o);
    }
    auto matches = [&](const Order& o) {
        return (f.currency.isEmpty() || o.currency == f.currency) && (f.courseId.isEmpty() || o.course == f.courseId);
    };
    QMap<QString, std::set<qint64>> paidOrders;
    QMap<QString, std::set<qint64>> prevPaidOrders;
    for (QDate d = f.from; d < f.to; d = d.addDays(1)) {
        e.enrollmentSeries[bucketStart(d, f.from, f.granularity)] = 0;
    }
    for (const Payment& p : payments) {
        const Order& o = byId[p.orderId];
        if (!matches(o)) {
            continue;
        }
        const qint64 amount = minor(p.amount);
        const QDate paidDay = local(p.paymentDate.isValid() ? p.paymentDate : p.createdAt);
        const bool captured = p.status == QLatin1String("COMPLETED") || p.status == QLatin1String("REFUNDED");
        for (bool prev : {false, true}) {
            const QDate from = prev ? prevFrom : f.from;
            const QDate to = prev ? f.from : f.to;
            // Touch a currency's figures only when a row of it falls in the period.
            auto kpis = [&]() -> RevenueKpis& { return (prev ? e.previous : e.current)[o.currency]; };
            if (paidDay >= from && paidDay < to) {
                if (captured) {
                    RevenueKpis& k = kpis();
                    k.grossMinor += amount;
                    k.capturedPayments += 1;
                    k.succeededPayments += 1;
                    (prev ? prevPaidOrders : paidOrders)[o.currency].insert(o.id);
                    if (!prev) {
                        e.series[o.currency][bucketStart(paidDay, f.from, f.granularity)].grossMinor += amount;
                        e.courseNet[o.currency][o.course] += amount;
                        const QString method = p.method.isEmpty() ? QStringLiteral("(none)") : p.method;
                        e.methods[o.currency][method].payments += 1;
                        e.methods[o.currency][method].grossMinor += amount;
                    }
                } else if (p.status == QLatin1String("FAILED")) {
                    kpis().failedPayments += 1;
                }
            }
            const QDate refundDay = local(p.updatedAt);
            if (p.status == QLatin1String("REFUNDED") && refundDay >= from && refundDay < to) {
                kpis().refundsMinor += amount;
                kpis().refundCount += 1;
                if (!prev) {
                    e.series[o.currency][bucketStart(refundDay, f.from, f.granularity)].refundsMinor += amount;
                    e.courseNet[o.currency][o.course] -= amount;
                }
            }
        }
    }
    for (auto it = paidOrders.cbegin(); it != paidOrders.cend(); ++it) {
        e.current[it.key()].paidOrders = qint64(it.value().size());
    }
    for (auto it = prevPaidOrders.cbegin(); it != prevPaidOrders.cend(); ++it) {
        e.previous[it.key()].paidOrders = qint64(it.value().size());
    }
    for (const Order& o : orders) {
        const QDate day = local(o.createdAt);
        if (matches(o) && day >= f.from && day < f.to) {
            e.orderStatuses[o.currency][o.status] += 1;
        }
    }
    for (const Enrollment& en : enrollments) {
        if (!matches(byId[en.orderId])) {
            continue;
        }
        const QDate day = local(en.date);
        if (day >= f.from && day < f.to) {
            e.enrollments += 1;
            e.enrollmentSeries[bucketStart(day, f.from, f.granularity)] += 1;
        } else if (day >= prevFrom && day < f.from) {
            e.previousEnrollments += 1;
        }
    }
    return e;
}
