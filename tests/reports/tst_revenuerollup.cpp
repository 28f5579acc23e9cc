#include "RevenueFigures.h"
#include "RevenueFixture.h"
#include "TestEngines.h"
#include "TestRoles.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "reports/RevenueRollup.h"
#include "services/PaymentService.h"

#include <QSqlQuery>
#include <QTest>

using namespace RevenueFigures;

// The daily rollup (migration 006) is never stale: after each kind of change the platform or
// Coursedesk makes (with updated_at stamped at the time of the write, as both do), the next report
// read from the rollup gives exactly the figures of the full scan of the platform's tables.
class TestRevenueRollup : public QObject
{
    Q_OBJECT
private:
    static RevenueFilter filter(QDate from, QDate to, Granularity g, const QString& currency,
                                const QByteArray& zone = "Asia/Kolkata")
    {
        RevenueFilter f;
        f.from = from;
        f.to = to;
        f.granularity = g;
        f.currency = currency;
        f.userZone = QTimeZone(zone);
        return f;
    }

    // A long period by month (what the rollup is for), a month of every currency, the dashboard's
    // first open (picked currency), and a zone with daylight saving (built on its first report).
    static QList<RevenueFilter> filters()
    {
        RevenueFilter picked = filter(QDate(2024, 2, 1), QDate(2024, 3, 1), Granularity::Day, QString());
        picked.pickCurrency = true;
        return {filter(QDate(2023, 7, 1), QDate(2024, 7, 1), Granularity::Month, QStringLiteral("INR")),
                filter(QDate(2024, 1, 1), QDate(2024, 2, 1), Granularity::Day, QString()), picked,
                filter(QDate(2023, 11, 1), QDate(2024, 4, 1), Granularity::Week, QStringLiteral("USD"),
                       "America/New_York")};
    }

    static void sameAsScan(const QSqlDatabase& db, const QString& after)
    {
        for (const RevenueFilter& f : filters()) {
            const auto rollup = run(db, f, RevenuePath::Fastest);
            const auto scan = run(db, f, RevenuePath::Scan);
            QVERIFY2(rollup && scan, qPrintable(after));
            QVERIFY2(rollup->readFromRollup, qPrintable(after));
            QVERIFY(!scan->readFromRollup);
            const QString difference = firstDifference(*rollup, *scan);
            QVERIFY2(difference.isEmpty(), qPrintable(after + QStringLiteral(": ") + difference));
        }
    }

    static QVariant one(const QSqlDatabase& db, const QString& sql)
    {
        QSqlQuery q(db);
        return q.exec(sql) && q.next() ? q.value(0) : QVariant();
    }

    static QList<qint64> completedPayments(const RevenueFixture& fixture, const QString& currency)
    {
        QList<qint64> ids;
        for (const RevenueFixture::Payment& p : fixture.payments) {
            for (const RevenueFixture::Order& o : fixture.orders) {
                if (o.id == p.orderId && o.currency == currency && p.status == QLatin1String("COMPLETED")) {
                    ids << p.id;
                }
            }
        }
        return ids;
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void everyChangeIsInTheNextReport()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(300);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        // Not started: a report reads the platform's tables and writes nothing.
        const auto before = run(db.db(), filters().first(), RevenuePath::Fastest);
        QVERIFY(before && !before->readFromRollup);
        QCOMPARE(one(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_revenue_state")).toInt(), 0);
        // `coursedesk db objects --apply` and the app's "Create objects" start it.
        QVERIFY2(RevenueRollup::start(db.db(), &error), qPrintable(error));
        QCOMPARE(one(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_revenue_seen_payments")).toInt(),
                 fixture.payments.size());
        QCOMPARE(one(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_revenue_daily")).toInt(), 0);
        sameAsScan(db.db(), QStringLiteral("the first build"));
        QVERIFY(one(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_revenue_daily")).toInt() > 0);
        QCOMPARE(one(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_revenue_zones")).toInt(), 2);

        const QList<qint64> inr = completedPayments(fixture, QStringLiteral("INR"));
        QVERIFY(inr.size() >= 8);
        const QString now = SqlTime::forConnection(db.db()).nowForDb();
        auto change = [&](const QString& sql, const QVariantList& binds, const QString& what) {
            QVERIFY2(exec(db.db(), sql, binds), qPrintable(what));
            sameAsScan(db.db(), what);
        };

        const auto refunded = PaymentService::refund(db.db(), inr.at(0), QStringLiteral("Customer request"));
        QVERIFY2(refunded.ok && refunded.changed, qPrintable(refunded.message));
        sameAsScan(db.db(), QStringLiteral("Coursedesk's refund"));
        if (QTest::currentTestFailed()) {
            return;
        }
        change(QStringLiteral("UPDATE payments SET status = 'REFUNDED', updated_at = ? WHERE id = ?"), {now, inr.at(1)},
               QStringLiteral("the platform's refund"));
        change(QStringLiteral("UPDATE payments SET payment_method = 'netbanking', updated_at = ? WHERE id = ?"),
               {now, inr.at(2)}, QStringLiteral("a changed method"));
        change(QStringLiteral("UPDATE payments SET payment_date = ?, updated_at = ? WHERE id = ?"),
               {QStringLiteral("2024-03-05 10:00:00.000"), now, inr.at(3)},
               QStringLiteral("a payment moved to another month"));
        change(QStringLiteral("UPDATE payments SET amount = 1234.56, updated_at = ? WHERE id = ?"), {now, inr.at(4)},
               QStringLiteral("a changed amount"));
        const qint64 order =
            one(db.db(), QStringLiteral("SELECT order_id FROM payments WHERE id = %1").arg(inr.at(5))).toLongLong();
        change(QStringLiteral("UPDATE orders SET currency = 'USD', updated_at = ? WHERE id = ?"), {now, order},
               QStringLiteral("an order's currency (its payments and enrollments move)"));
        if (QTest::currentTestFailed()) {
            return;
        }

        const int repeatOrders =
            one(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_revenue_repeat_orders")).toInt();
        QVERIFY(repeatOrders > 0); // the fixture's own retries and second captures
        // A new order paid twice, in January and in February (one paid order in each month, and
        // one over the long period), and a retry the same day.
        const qint64 id = one(db.db(), QStringLiteral("SELECT MAX(id) FROM orders")).toLongLong() + 1000;
        const QVariant course = one(db.db(), QStringLiteral("SELECT MIN(id) FROM courses"));
        const QVariant user = one(db.db(), QStringLiteral("SELECT MIN(u.id) FROM users u WHERE NOT EXISTS (SELECT 1 "
                                                          "FROM enrollments e WHERE e.user_id = u.id AND e.course_id = "
                                                          "'%1')")
                                               .arg(course.toString()));
        QVERIFY(!user.isNull());
        QVERIFY(exec(
            db.db(),
            QStringLiteral("INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, "
                           "created_at, updated_at) VALUES (?, ?, ?, ?, 999.00, 'INR', 'COMPLETED', ?, ?)"),
            {id, QStringLiteral("ROLLUP%1").arg(id), user, course, QStringLiteral("2024-01-20 08:00:00.000"), now}));
        const qint64 payment = one(db.db(), QStringLiteral("SELECT MAX(id) FROM payments")).toLongLong() + 1000;
        int n = 0;
        for (const char* paidAt : {"2024-01-20 09:00:00.000", "2024-02-02 09:00:00.000", "2024-02-02 11:00:00.000"}) {
            QVERIFY(exec(db.db(),
                         QStringLiteral("INSERT INTO payments (id, order_id, amount, status, payment_method, "
                                        "payment_date, created_at, updated_at) VALUES (?, ?, 499.50, 'COMPLETED', "
                                        "'upi', ?, ?, ?)"),
                         {payment + n++, id, QString::fromLatin1(paidAt), QString::fromLatin1(paidAt), now}));
        }
        QVERIFY(exec(db.db(),
                     QStringLiteral("INSERT INTO enrollments (id, user_id, course_id, order_id, status, "
                                    "enrollment_date, created_at, updated_at) VALUES (?, ?, ?, ?, 'ACTIVE', ?, ?, ?)"),
                     {id, user, course, id, QStringLiteral("2024-01-20 09:05:00.000"),
                      QStringLiteral("2024-01-20 09:05:00.000"), now}));
        sameAsScan(db.db(), QStringLiteral("an order paid on two days"));
        QCOMPARE(one(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_revenue_repeat_orders")).toInt(),
                 repeatOrders + 1);

        // Deleted rows have no updated_at: the count and id sum show them.
        change(QStringLiteral("DELETE FROM payments WHERE id = ?"), {payment + 1}, QStringLiteral("a deleted payment"));
        change(QStringLiteral("DELETE FROM enrollments WHERE id = ?"), {id}, QStringLiteral("a deleted enrollment"));
        change(QStringLiteral("DELETE FROM payments WHERE order_id = ?"), {id},
               QStringLiteral("the order's other payments deleted"));
        change(QStringLiteral("DELETE FROM orders WHERE id = ?"), {id}, QStringLiteral("a deleted order"));
        // A write stamped long before the last refresh, committed only now (a transaction that
        // stayed open): older than the hour read again, found by the count.
        change(QStringLiteral("INSERT INTO payments (id, order_id, amount, status, payment_method, payment_date, "
                              "created_at, updated_at) VALUES (?, ?, 10.00, 'COMPLETED', 'card', ?, ?, ?)"),
               {payment + 10, order, QStringLiteral("2024-02-14 10:00:00.000"),
                QStringLiteral("2024-02-14 10:00:00.000"), QStringLiteral("2024-02-14 10:00:00.000")},
               QStringLiteral("a late commit"));

        // A damaged amount is refused from the rollup as from the platform's tables.
        // (PostgreSQL's DECIMAL(10,2) rounds 12.345 and keeps NaN; SQLite keeps what it is given.)
        const QString damaged =
            db.engine() == Engine::Postgres ? QStringLiteral("CAST('NaN' AS numeric)") : QStringLiteral("12.345");
        QVERIFY(exec(db.db(),
                     QStringLiteral("UPDATE payments SET amount = %1, updated_at = ? WHERE id = ?").arg(damaged),
                     {now, inr.at(6)}));
        for (const RevenueFilter& f : filters()) {
            RevenueReport rollup(db.db());
            QString refused;
            const auto r = rollup.run(f, &refused);
            RevenueReport scan(db.db());
            scan.setPath(RevenuePath::Scan);
            QString scanRefused;
            const auto s = scan.run(f, &scanRefused);
            QCOMPARE(bool(r), bool(s));
            QCOMPARE(refused, scanRefused);
        }
        QVERIFY(!RevenueReport(db.db()).run(filters().first()));
    }

    void withoutTheRightsOrTheLockThePlatformTablesAreRead()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("roles and the rollup's lock: PostgreSQL");
        }
        const RevenueFixture fixture(100);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        QVERIFY2(RevenueRollup::start(db.db(), &error), qPrintable(error));
        const RevenueFilter f = filters().first();
        const auto scan = run(db.db(), f, RevenuePath::Scan);
        QVERIFY(scan);

        // `coursedesk db roles`: finance keeps the rollup up to date, readonly may not write it.
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        for (const QString& who : {QStringLiteral("viewer"), QStringLiteral("finance")}) {
            const QString name = QStringLiteral("rollup_") + who;
            QVERIFY2(Database::open(roles.urlFor(who), name, &error), qPrintable(error));
            const auto r = run(QSqlDatabase::database(name, false), f, RevenuePath::Fastest);
            Database::close(name);
            QVERIFY2(r, qPrintable(who));
            QCOMPARE(r->readFromRollup, who == QLatin1String("finance"));
            QCOMPARE(firstDifference(*r, *scan), QString());
        }

        // Another report's refresh holds the rollup's lock: after 5 s this one reads the
        // platform's tables instead of waiting on.
        const QString other = db.openExtraConnection();
        QVERIFY2(!other.isEmpty(), qPrintable(db.error()));
        QSqlDatabase holder = QSqlDatabase::database(other, false);
        QVERIFY(holder.transaction());
        QVERIFY(QSqlQuery(holder).exec(QStringLiteral("LOCK TABLE coursedesk_revenue_state IN EXCLUSIVE MODE")));
        const auto waited = run(db.db(), f, RevenuePath::Fastest);
        QVERIFY(waited);
        QVERIFY(!waited->readFromRollup);
        QCOMPARE(firstDifference(*waited, *scan), QString());
        QVERIFY(holder.rollback());
        const auto after = run(db.db(), f, RevenuePath::Fastest);
        QVERIFY(after && after->readFromRollup);
        QCOMPARE(firstDifference(*after, *scan), QString());
    }
};

QTEST_GUILESS_MAIN(TestRevenueRollup)
#include "tst_revenuerollup.moc"
