// Orders, payments and enrollments for the demo data set, following the platform's purchase flow
// (docs/platform-schema.md): an order is CREATED with a Razorpay order id; a verified payment is
// COMPLETED with a signature, the order becomes PAID and an ACTIVE enrollment is made; a failed
// payment leaves a FAILED order and the customer may try again with a new order; a refund makes
// the payment REFUNDED, the order CANCELLED and the enrollment CANCELLED.
#include "DemoCatalog.h"
#include "DemoData.h"

#include "crypto/RazorpaySignature.h"
#include "domain/OrderNumber.h"
#include "domain/PlatformValues.h"

#include <QSet>

#include <algorithm>
#include <optional>

namespace DemoData {
namespace {
namespace PV = PlatformValues;

constexpr qint64 secondMs = 1000;
constexpr qint64 minuteMs = 60 * secondMs;
constexpr qint64 dayMs = 24 * 60 * minuteMs;
constexpr int complimentaryCount = 24;

struct Sale
{
    Order order;
    std::optional<Payment> payment;
    std::optional<Enrollment> enrollment;
};

enum class Attempt { Paid, Failed, Pending, Abandoned };

// How one customer's attempt to buy one course goes, as a sequence of orders. Shares out of 1000.
QList<Attempt> outcome(QRandomGenerator& random)
{
    const int r = random.bounded(1000);
    if (r < 720) {
        return {Attempt::Paid};
    }
    if (r < 820) {
        return {Attempt::Failed, Attempt::Paid};
    }
    if (r < 840) {
        return {Attempt::Failed, Attempt::Failed, Attempt::Paid};
    }
    if (r < 910) {
        return {Attempt::Failed};
    }
    if (r < 930) {
        return {Attempt::Failed, Attempt::Failed};
    }
    if (r < 960) {
        return {Attempt::Pending};
    }
    return {Attempt::Abandoned};
}

// How many courses a customer tries to buy over the period (0: signed up, never checked out).
int purchaseCount(QRandomGenerator& random)
{
    static constexpr int shares[] = {3, 14, 20, 22, 18, 13, 10}; // percent for 0..6
    int r = random.bounded(100);
    for (int count = 0; count < 7; ++count) {
        if (r < shares[count]) {
            return count;
        }
        r -= shares[count];
    }
    return 1;
}

QString paymentMethod(QRandomGenerator& random)
{
    // UPI dominates Indian online payments; the backend's own rows say "Razorpay".
    const int r = random.bounded(100);
    return r < 40   ? QStringLiteral("upi")
           : r < 68 ? QStringLiteral("card")
           : r < 82 ? QStringLiteral("netbanking")
           : r < 90 ? QStringLiteral("wallet")
                    : QStringLiteral("Razorpay");
}

class SalesMaker
{
public:
    SalesMaker(QRandomGenerator& random, const Period& period, QDate anchor, const QByteArray& keySecret)
        : m_random(random), m_period(period), m_secret(keySecret)
    {
        for (const auto& course : DemoCatalog::courses()) {
            m_launch << courseCreatedAt(course.launchMonthsBeforeAnchor, anchor);
        }
    }

    void customer(const User& user)
    {
        const int wanted = purchaseCount(m_random);
        QSet<QString> tried;
        qint64 when = user.createdAt + m_random.bounded(5 * secondMs, 90 * secondMs);
        for (int n = 0; n < wanted; ++n) {
            if (n > 0) {
                // A later course: two weeks to three months after the previous one (often after
                // finishing it). One that would fall after the anchor has not happened yet.
                when = shopperTime(m_random, when + 14 * dayMs, when + 90 * dayMs);
                if (when >= lastStart()) {
                    break;
                }
            }
            const auto* course = pickCourse(when, tried);
            if (!course) {
                continue;
            }
            tried.insert(course->id);
            purchase(user, *course, when);
        }
        m_tried.insert(user.id, tried);
    }

    // Courses staff granted for free: an order of 0.00, PAID, no payment, plus the enrollment.
    void complimentary(const QList<User>& users)
    {
        int made = 0;
        for (int tries = 0; made < complimentaryCount && tries < 100 * complimentaryCount; ++tries) {
            const User& user = users.at(m_random.bounded(int(users.size())));
            if (user.role != PV::user || user.createdAt + 2 * minuteMs >= lastStart()) {
                continue;
            }
            const qint64 when = shopperTime(m_random, user.createdAt + minuteMs, lastStart());
            QSet<QString>& tried = m_tried[user.id];
            const auto* course = pickCourse(when, tried);
            if (!course) {
                continue;
            }
            tried.insert(course->id);
            Sale sale;
            sale.order = newOrder(user, *course, when, QStringLiteral("INR"), 0);
            sale.order.razorpayOrderId.clear();
            sale.order.status = PV::Order::paid;
            sale.enrollment = makeEnrollment(sale.order, *course, when + m_random.bounded(100, 900));
            m_sales << sale;
            ++made;
        }
    }

    QList<Sale>& sales() { return m_sales; }

private:
    qint64 lastStart() const { return m_period.endMs - 3 * 3600 * 1000LL; }

    const DemoCatalog::Course* pickCourse(qint64 when, const QSet<QString>& exclude)
    {
        const auto& courses = DemoCatalog::courses();
        int total = 0;
        for (int i = 0; i < courses.size(); ++i) {
            if (m_launch.at(i) <= when && !exclude.contains(courses.at(i).id)) {
                total += courses.at(i).popularity;
            }
        }
        if (total == 0) {
            return nullptr;
        }
        int r = m_random.bounded(total);
        for (int i = 0; i < courses.size(); ++i) {
            if (m_launch.at(i) <= when && !exclude.contains(courses.at(i).id)) {
                if (r < courses.at(i).popularity) {
                    return &courses.at(i);
                }
                r -= courses.at(i).popularity;
            }
        }
        return nullptr;
    }

    QString razorpayId(const QString& prefix)
    {
        static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        QString id;
        do {
            id = prefix;
            for (int i = 0; i < 14; ++i) {
                id += QLatin1Char(alphabet[m_random.bounded(62)]);
            }
        } while (m_razorpayIds.contains(id));
        m_razorpayIds.insert(id);
        return id;
    }

    Order newOrder(const User& user, const DemoCatalog::Course& course, qint64 when, const QString& currency,
                   std::int64_t amount)
    {
        Order order;
        order.userId = user.id;
        order.courseId = course.id;
        order.amountMinor = amount;
        order.currency = currency;
        order.status = PV::Order::created;
        order.razorpayOrderId = razorpayId(QStringLiteral("order_"));
        order.createdAt = when;
        order.updatedAt = when;
        return order;
    }

    Enrollment makeEnrollment(const Order& order, const DemoCatalog::Course& course, qint64 when)
    {
        Enrollment enrollment;
        enrollment.userId = order.userId;
        enrollment.courseId = order.courseId;
        enrollment.status = PV::Enrollment::active;
        enrollment.enrollmentDate = when;
        enrollment.updatedAt = when;
        // Most who reach the end of the course are marked completed some days after it ends.
        const qint64 finished = when + (course.durationDays + m_random.bounded(0, 30)) * dayMs;
        const int r = m_random.bounded(100);
        if (finished < m_period.endMs && r < 60) {
            enrollment.status = PV::Enrollment::completed;
            enrollment.completionDate = finished;
            enrollment.updatedAt = finished;
        } else if (r >= 97) {
            const qint64 suspended = when + m_random.bounded(dayMs, 20 * dayMs);
            if (suspended < m_period.endMs) {
                enrollment.status = PV::Enrollment::suspended;
                enrollment.updatedAt = suspended;
            }
        }
        return enrollment;
    }

    void purchase(const User& user, const DemoCatalog::Course& course, qint64 when)
    {
        // A few customers pay from abroad, in dollars.
        const bool usd = m_random.bounded(100) < 2;
        const QString currency = usd ? QStringLiteral("USD") : QStringLiteral("INR");
        const std::int64_t amount = usd ? DemoCatalog::usdMinor(course) : course.feeMinor;
        for (Attempt attempt : outcome(m_random)) {
            Sale sale;
            sale.order = newOrder(user, course, when, currency, amount);
            const qint64 paidAt = when + m_random.bounded(30 * secondMs, 8 * minuteMs);
            if (attempt != Attempt::Abandoned) {
                Payment payment;
                payment.amountMinor = amount;
                payment.paymentMethod = paymentMethod(m_random);
                payment.razorpayPaymentId = razorpayId(QStringLiteral("pay_"));
                payment.createdAt = paidAt;
                payment.updatedAt = paidAt;
                if (attempt == Attempt::Paid) {
                    payment.status = PV::Payment::completed;
                    payment.paymentDate = paidAt;
                    payment.razorpaySignature =
                        RazorpaySignature::compute(sale.order.razorpayOrderId, payment.razorpayPaymentId, m_secret);
                    sale.order.status = PV::Order::paid;
                    sale.order.updatedAt = paidAt;
                    sale.enrollment = makeEnrollment(sale.order, course, paidAt + m_random.bounded(150, 900));
                    refundSometimes(sale, payment, paidAt);
                } else if (attempt == Attempt::Failed) {
                    payment.status = PV::Payment::failed;
                    payment.paymentDate = paidAt;
                    sale.order.status = PV::Order::failed;
                    sale.order.updatedAt = paidAt;
                } else {
                    // Authorised at the bank, never captured: no date, no signature, order still CREATED.
                    payment.status = PV::Payment::pending;
                }
                sale.payment = payment;
            }
            m_sales << sale;
            when = paidAt + m_random.bounded(2 * minuteMs, 30 * minuteMs);
        }
    }

    void refundSometimes(Sale& sale, Payment& payment, qint64 paidAt)
    {
        const qint64 refundedAt = paidAt + m_random.bounded(dayMs, 7 * dayMs);
        if (m_random.bounded(1000) >= 15 || refundedAt >= m_period.endMs) {
            return;
        }
        payment.status = PV::Payment::refunded;
        payment.updatedAt = refundedAt;
        sale.order.status = PV::Order::cancelled;
        sale.order.updatedAt = refundedAt;
        sale.enrollment->status = PV::Enrollment::cancelled;
        sale.enrollment->completionDate = 0;
        sale.enrollment->updatedAt = refundedAt;
    }

    QRandomGenerator& m_random;
    Period m_period;
    QByteArray m_secret;
    QList<qint64> m_launch; // created_at of each catalog course
    QList<Sale> m_sales;
    QSet<QString> m_razorpayIds;
    QHash<qint64, QSet<QString>> m_tried; // courses each user has ordered
};
} // namespace

void addSales(Set& set, QRandomGenerator& random, const Period& period, QDate anchor, const QByteArray& keySecret)
{
    SalesMaker maker(random, period, anchor, keySecret);
    for (const User& user : std::as_const(set.users)) {
        if (user.role == PV::user) {
            maker.customer(user);
        }
    }
    maker.complimentary(set.users);

    // Ids follow time, as BIGSERIAL ids do. Order numbers are "ORD" + the order's epoch
    // milliseconds; two orders in the same millisecond get the next free one, as the backend's
    // retry on the unique index would.
    QList<Sale>& sales = maker.sales();
    std::stable_sort(sales.begin(), sales.end(),
                     [](const Sale& a, const Sale& b) { return a.order.createdAt < b.order.createdAt; });
    qint64 lastMillis = 0;
    for (qsizetype i = 0; i < sales.size(); ++i) {
        Sale& sale = sales[i];
        sale.order.id = i + 1;
        if (sale.order.createdAt <= lastMillis) {
            sale.order.createdAt = lastMillis + 1;
            sale.order.updatedAt = std::max(sale.order.updatedAt, sale.order.createdAt);
        }
        lastMillis = sale.order.createdAt;
        sale.order.orderNumber = OrderNumber::fromMillis(sale.order.createdAt);
        set.orders << sale.order;
        if (sale.payment) {
            sale.payment->orderId = sale.order.id;
            set.payments << *sale.payment;
        }
        if (sale.enrollment) {
            sale.enrollment->orderId = sale.order.id;
            set.enrollments << *sale.enrollment;
        }
    }
    std::stable_sort(set.payments.begin(), set.payments.end(),
                     [](const Payment& a, const Payment& b) { return a.createdAt < b.createdAt; });
    for (qsizetype i = 0; i < set.payments.size(); ++i) {
        set.payments[i].id = i + 1;
    }
    std::stable_sort(set.enrollments.begin(), set.enrollments.end(),
                     [](const Enrollment& a, const Enrollment& b) { return a.enrollmentDate < b.enrollmentDate; });
    for (qsizetype i = 0; i < set.enrollments.size(); ++i) {
        set.enrollments[i].id = i + 1;
    }
}

} // namespace DemoData
