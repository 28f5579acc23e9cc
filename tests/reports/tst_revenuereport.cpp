#include "RevenueFixture.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "reports/QueryCancel.h"
#include "reports/RevenueReport.h"

#include <QScopeGuard>
#include <QSqlQuery>
#include <QTest>
#include <QThread>
#include <QTimeZone>

#include <atomic>
#include <memory>

// Every KPI and series of RevenueReport against figures the fixture computes row by row.
class TestRevenueReport : public QObject
{
    Q_OBJECT
private:
    static QTimeZone kolkata() { return QTimeZone("Asia/Kolkata"); }

    static RevenueFilter filter(QDate from, QDate to, Granularity g, const QString& currency = {},
                                const QString& course = {}, QTimeZone zone = kolkata())
    {
        RevenueFilter f;
        f.from = from;
        f.to = to;
        f.granularity = g;
        f.currency = currency;
        f.courseId = course;
        f.topCourses = 10;
        f.userZone = zone;
        return f;
    }

    static void compareKpis(const RevenueKpis& actual, const RevenueKpis& expected, const QString& what)
    {
        const QByteArray w = what.toUtf8();
        QVERIFY2(actual.grossMinor == expected.grossMinor,
                 qPrintable(what + QStringLiteral(" gross %1 != %2").arg(actual.grossMinor).arg(expected.grossMinor)));
        QVERIFY2(
            actual.refundsMinor == expected.refundsMinor,
            qPrintable(what + QStringLiteral(" refunds %1 != %2").arg(actual.refundsMinor).arg(expected.refundsMinor)));
        QCOMPARE(actual.netMinor(), expected.grossMinor - expected.refundsMinor);
        QCOMPARE(actual.paidOrders, expected.paidOrders);
        QCOMPARE(actual.capturedPayments, expected.capturedPayments);
        QCOMPARE(actual.refundCount, expected.refundCount);
        QCOMPARE(actual.succeededPayments, expected.succeededPayments);
        QCOMPARE(actual.failedPayments, expected.failedPayments);
        // Average order value: gross / orders, rounded half up to the paisa (checked via remainder).
        if (expected.paidOrders > 0) {
            const qint64 q = expected.grossMinor / expected.paidOrders;
            const qint64 r = expected.grossMinor % expected.paidOrders;
            QCOMPARE(actual.averageOrderMinor(), 2 * r >= expected.paidOrders ? q + 1 : q);
        } else {
            QCOMPARE(actual.averageOrderMinor(), 0);
        }
    }

    static void check(const RevenueFixture& fixture, const QSqlDatabase& db, const RevenueFilter& f)
    {
        QString error;
        const auto result = RevenueReport(db).run(f, &error);
        QVERIFY2(result, qPrintable(error));
        const RevenueFixture::Expected e = fixture.expect(f);
        // Currencies: exactly those with data (plus the filtered one).
        QSet<QString> expectedCurrencies;
        for (const QString& c : e.current.keys() + e.previous.keys() + e.orderStatuses.keys()) {
            expectedCurrencies.insert(c);
        }
        if (!f.currency.isEmpty()) {
            expectedCurrencies.insert(f.currency);
        }
        const QList<QString> keys = result->currencies.keys();
        QCOMPARE(QSet<QString>(keys.cbegin(), keys.cend()), expectedCurrencies);
        const QList<QDate> buckets = f.period().bucketStarts(f.granularity);
        for (const CurrencyRevenue& c : result->currencies) {
            compareKpis(c.current, e.current.value(c.currency), c.currency + QStringLiteral(" current"));
            compareKpis(c.previous, e.previous.value(c.currency), c.currency + QStringLiteral(" previous"));
            // Series: one entry per bucket, zeros included, summing to the KPIs.
            QCOMPARE(c.series.size(), buckets.size());
            qint64 gross = 0;
            qint64 refunds = 0;
            for (int i = 0; i < c.series.size(); ++i) {
                const RevenueBucket& b = c.series.at(i);
                QCOMPARE(b.start, buckets.at(i));
                const RevenueBucket x = e.series.value(c.currency).value(b.start);
                QVERIFY2(b.grossMinor == x.grossMinor && b.refundsMinor == x.refundsMinor,
                         qPrintable(QStringLiteral("%1 %2: %3/%4 != %5/%6")
                                        .arg(c.currency, b.start.toString(Qt::ISODate))
                                        .arg(b.grossMinor)
                                        .arg(b.refundsMinor)
                                        .arg(x.grossMinor)
                                        .arg(x.refundsMinor)));
                gross += b.grossMinor;
                refunds += b.refundsMinor;
            }
            QCOMPARE(gross, c.current.grossMinor);
            QCOMPARE(refunds, c.current.refundsMinor);
            QMap<QString, qint64> courseNet;
            for (const CourseRevenue& course : c.courses) {
                courseNet.insert(course.courseId, course.netMinor());
            }
            QCOMPARE(courseNet, e.courseNet.value(c.currency));
            QMap<QString, qint64> methodCount;
            QMap<QString, qint64> methodGross;
            QMap<QString, qint64> expectedCount;
            QMap<QString, qint64> expectedGross;
            for (const MethodShare& m : c.methods) {
                methodCount.insert(m.method, m.payments);
                methodGross.insert(m.method, m.grossMinor);
            }
            for (auto it = e.methods.value(c.currency).cbegin(); it != e.methods.value(c.currency).cend(); ++it) {
                expectedCount[it.key()] = it.value().payments;
                expectedGross[it.key()] = it.value().grossMinor;
            }
            QCOMPARE(methodCount, expectedCount);
            QCOMPARE(methodGross, expectedGross);
            QMap<QString, qint64> statuses;
            for (const StatusCount& s : c.orderStatuses) {
                statuses.insert(s.status, s.orders);
            }
            QCOMPARE(statuses, e.orderStatuses.value(c.currency));
        }
        QCOMPARE(result->newEnrollments, e.enrollments);
        QCOMPARE(result->previousEnrollments, e.previousEnrollments);
        QCOMPARE(result->enrollments.size(), buckets.size());
        for (const CountBucket& b : result->enrollments) {
            QCOMPARE(b.count, e.enrollmentSeries.value(b.start));
        }
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void boundaryCasesByHand()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(0);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        const auto r =
            RevenueReport(db.db()).run(filter(QDate(2024, 1, 1), QDate(2024, 2, 1), Granularity::Month), &error);
        QVERIFY2(r, qPrintable(error));
        // INR January: 5999.00 at local midnight + 9999.00 at 23:59:59.999 on the 31st + 1234.56 (no
        // payment_date) + 15999.00 refunded in February (still January's revenue).
        const RevenueKpis inr = r->currencies.value(QStringLiteral("INR")).current;
        QCOMPARE(inr.grossMinor, 599900 + 999900 + 123456 + 1599900);
        QCOMPARE(inr.refundsMinor, 0);
        QCOMPARE(inr.paidOrders, 4);
        QCOMPARE(inr.averageOrderMinor(), (599900 + 999900 + 123456 + 1599900 + 2) / 4);
        // December held the 23:59:59.999 payment only.
        QCOMPARE(r->currencies.value(QStringLiteral("INR")).previous.grossMinor, 599900);
        // USD: 0.10 + 0.20 is exactly 0.30; December's 119.99 payment refunded on 3 Jan.
        const RevenueKpis usd = r->currencies.value(QStringLiteral("USD")).current;
        QCOMPARE(usd.grossMinor, 30);
        QCOMPARE(usd.refundsMinor, 11999);
        QCOMPARE(usd.netMinor(), 30 - 11999);
        QCOMPARE(r->currencies.value(QStringLiteral("USD")).previous.grossMinor, 11999);
        // February holds the refund of the January payment.
        const auto feb = RevenueReport(db.db()).run(filter(QDate(2024, 2, 1), QDate(2024, 3, 1), Granularity::Day));
        QVERIFY(feb);
        QCOMPARE(feb->currencies.value(QStringLiteral("INR")).current.refundsMinor, 1599900);
        QCOMPARE(feb->currencies.value(QStringLiteral("INR")).current.grossMinor, 999900);
        QCOMPARE(feb->currencies.value(QStringLiteral("INR")).series.first().grossMinor, 999900); // 1 Feb 00:00 local
        check(fixture, db.db(), filter(QDate(2024, 1, 1), QDate(2024, 2, 1), Granularity::Day));
    }

    void matchesIndependentSums()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(300);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        for (Granularity g : {Granularity::Day, Granularity::Week, Granularity::Month}) {
            check(fixture, db.db(), filter(QDate(2024, 1, 1), QDate(2024, 2, 1), g));
            check(fixture, db.db(), filter(QDate(2023, 12, 13), QDate(2024, 3, 2), g));
        }
        check(fixture, db.db(), filter(QDate(2024, 1, 1), QDate(2024, 2, 1), Granularity::Week, QStringLiteral("USD")));
        check(fixture, db.db(),
              filter(QDate(2023, 11, 1), QDate(2024, 4, 1), Granularity::Month, QStringLiteral("INR"),
                     QStringLiteral("growth-track")));
        // A zone with daylight saving: the period spans the change of 31 March 2024.
        check(fixture, db.db(),
              filter(QDate(2024, 3, 20), QDate(2024, 4, 3), Granularity::Day, {}, {}, QTimeZone("Europe/London")));
        check(fixture, db.db(),
              filter(QDate(2023, 11, 1), QDate(2024, 4, 1), Granularity::Week, {}, {}, QTimeZone("America/New_York")));
    }

    // The dashboard's first open: no currency chosen, the report's own pass picks it (no scan of
    // orders for a currency list) and its figures are those of a run filtered by that currency.
    void picksTheCurrencyFromItsOwnPass()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(300);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        for (const auto& [from, to] :
             {qMakePair(QDate(2024, 1, 1), QDate(2024, 2, 1)), qMakePair(QDate(2023, 12, 13), QDate(2024, 3, 2))}) {
            RevenueFilter picked = filter(from, to, Granularity::Day);
            picked.pickCurrency = true;
            const auto r = RevenueReport(db.db()).run(picked, &error);
            QVERIFY2(r, qPrintable(error));
            QCOMPARE(r->filter.currency, QStringLiteral("INR"));
            QCOMPARE(r->currenciesSeen, (QStringList{QStringLiteral("INR"), QStringLiteral("USD")}));
            QCOMPARE(r->currencies.keys(), QStringList{QStringLiteral("INR")});
            const auto inr =
                RevenueReport(db.db()).run(filter(from, to, Granularity::Day, QStringLiteral("INR")), &error);
            QVERIFY2(inr, qPrintable(error));
            const CurrencyRevenue a = r->currencies.value(QStringLiteral("INR"));
            const CurrencyRevenue b = inr->currencies.value(QStringLiteral("INR"));
            compareKpis(a.current, b.current, QStringLiteral("current"));
            compareKpis(a.previous, b.previous, QStringLiteral("previous"));
            QCOMPARE(a.series.size(), b.series.size());
            for (qsizetype i = 0; i < a.series.size(); ++i) {
                QCOMPARE(a.series.at(i).grossMinor, b.series.at(i).grossMinor);
                QCOMPARE(a.series.at(i).refundsMinor, b.series.at(i).refundsMinor);
            }
            QCOMPARE(a.courses.size(), b.courses.size());
            QCOMPARE(a.methods.size(), b.methods.size());
            QCOMPARE(a.orderStatuses.size(), b.orderStatuses.size());
            QCOMPARE(r->newEnrollments, inr->newEnrollments);
            QCOMPARE(r->previousEnrollments, inr->previousEnrollments);
            check(fixture, db.db(), inr->filter);
        }
    }

    void emptyPeriod()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(50);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        const auto r = RevenueReport(db.db()).run(
            filter(QDate(2030, 1, 1), QDate(2030, 2, 1), Granularity::Week, QStringLiteral("INR")), &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->currencies.keys(), QStringList{QStringLiteral("INR")});
        const CurrencyRevenue& inr = r->currencies.first();
        QCOMPARE(inr.current.grossMinor, 0);
        QCOMPARE(inr.current.averageOrderMinor(), 0);
        QCOMPARE(inr.current.successDenominator(), 0);
        QCOMPARE(inr.series.size(), 5);
        for (const RevenueBucket& b : inr.series) {
            QCOMPARE(b.grossMinor, 0);
        }
        QVERIFY(inr.courses.isEmpty());
        QCOMPARE(r->newEnrollments, 0);
        check(fixture, db.db(), filter(QDate(2030, 1, 1), QDate(2030, 2, 1), Granularity::Day));
        // A zero-length period is valid and empty.
        check(fixture, db.db(), filter(QDate(2024, 1, 1), QDate(2024, 1, 1), Granularity::Day));
    }

    void topCoursesKeepTheRemainder()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(200);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        RevenueFilter f = filter(QDate(2023, 11, 1), QDate(2024, 4, 1), Granularity::Month, QStringLiteral("INR"));
        f.topCourses = 1;
        const auto r = RevenueReport(db.db()).run(f, &error);
        QVERIFY2(r, qPrintable(error));
        const CurrencyRevenue& inr = r->currencies.value(QStringLiteral("INR"));
        QCOMPARE(inr.courses.size(), 2);
        QVERIFY(inr.courses.last().courseId.isEmpty());
        QCOMPARE(inr.courses.first().netMinor() + inr.courses.last().netMinor(), inr.current.netMinor());
    }

    // PostgreSQL, a period over 93 days: the payments are grouped in two halves at once, on the
    // report's connection and on a second one in the same snapshot. Both statements run on the
    // server together, and Cancel stops both.
    void longPeriodHalvesRunTogetherAndStopTogether()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("SQLite reads the payments in one statement");
        }
        const RevenueFixture fixture(60);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        const QString lockerName = db.lockExclusively(QStringLiteral("payments"));
        QVERIFY2(!lockerName.isEmpty(), qPrintable(db.error()));
        QSqlDatabase locker = QSqlDatabase::database(lockerName, false);

        // The report runs on a thread of its own, on a connection that thread opens.
        const DatabaseUrl url = db.url();
        std::atomic<QueryCancel*> cancel = nullptr;
        std::atomic_bool finished = false;
        bool ran = true;
        QString reportError;
        std::unique_ptr<QThread> thread(QThread::create([&] {
            const QString name = QStringLiteral("tst-halves-report");
            if (Database::open(url, name, &reportError)) {
                {
                    const QSqlDatabase conn = QSqlDatabase::database(name, false);
                    QueryCancel queryCancel(conn);
                    cancel = &queryCancel;
                    ran = RevenueReport(conn)
                              .run(filter(QDate(2023, 11, 1), QDate(2024, 4, 1), Granularity::Month), &reportError)
                              .has_value();
                    cancel = nullptr;
                }
                Database::close(name);
            }
            finished = true;
        }));
        thread->start();
        // On a failed check: release the report so that its thread ends before the test does.
        auto release = qScopeGuard([&] {
            if (QueryCancel* c = cancel.load()) {
                c->cancel();
            }
            locker.rollback();
            thread->wait(20000);
        });
        const QString watcherName = db.openExtraConnection();
        QVERIFY2(!watcherName.isEmpty(), qPrintable(db.error()));
        QSqlQuery waiting(QSqlDatabase::database(watcherName, false));
        const QString waitingOnLock = QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = "
                                                     "'Lock' AND pid <> pg_backend_pid() AND datname = "
                                                     "current_database()");
        // Two statements wait for the lock on payments: the report's two halves.
        QTRY_VERIFY_WITH_TIMEOUT(waiting.exec(waitingOnLock) && waiting.next() && waiting.value(0).toInt() == 2, 20000);
        QVERIFY(!finished);
        QVERIFY(cancel.load());
        cancel.load()->cancel();
        QVERIFY(thread->wait(20000));
        QVERIFY(!ran);
        QVERIFY2(reportError.contains(QStringLiteral("cancelled")), qPrintable(reportError));
        // Nothing waits any more, while the lock is still held: both were stopped on the server.
        QVERIFY_SQL(waiting, exec(waitingOnLock));
        QVERIFY(waiting.next());
        QCOMPARE(waiting.value(0).toInt(), 0);
        QVERIFY(locker.rollback());
        // Without the lock the same report runs, through both halves, and matches the fixture,
        // with orders and enrollments read on this connection while the other half still groups
        // (every currency, and one).
        check(fixture, db.db(), filter(QDate(2023, 11, 1), QDate(2024, 4, 1), Granularity::Month));
        check(fixture, db.db(),
              filter(QDate(2023, 11, 1), QDate(2024, 4, 1), Granularity::Month, QStringLiteral("INR")));
    }

    void mathHelpers()
    {
        QCOMPARE(RevenueMath::percent(1, 3), QStringLiteral("33.3%"));
        QCOMPARE(RevenueMath::percent(2, 3), QStringLiteral("66.7%"));
        QCOMPARE(RevenueMath::percent(1, 0), QStringLiteral("–"));
        QCOMPARE(RevenueMath::change(150, 100), QStringLiteral("+50.0%"));
        QCOMPARE(RevenueMath::change(50, 100), QStringLiteral("-50.0%"));
        QCOMPARE(RevenueMath::change(5, 0), QStringLiteral("new"));
        RevenueKpis k;
        k.grossMinor = 5;
        k.paidOrders = 2;
        QCOMPARE(k.averageOrderMinor(), 3); // 2.5 paise rounds half up
        k.grossMinor = 10;
        k.paidOrders = 3;
        QCOMPARE(k.averageOrderMinor(), 3);
    }
};

QTEST_GUILESS_MAIN(TestRevenueReport)
#include "tst_revenuereport.moc"
