#include "RevenueFixture.h"
#include "TestEngines.h"
#include "background/BackgroundQueries.h"
#include "dashboard/DashboardPage.h"

#include <QLabel>
#include <QPushButton>
#include <QSemaphore>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThreadPool>

// The dashboard's Cancel button (#13: every long query can be cancelled): it stops the running
// statement on the server, the page says "Cancelled", and the next refresh works normally.
class TestDashboardCancel : public QObject
{
    Q_OBJECT
private:
    static QString status(const DashboardPage& page)
    {
        return page.findChild<QLabel*>(QStringLiteral("dashboardStatus"))->text();
    }
    static QPushButton* cancelButton(const DashboardPage& page)
    {
        return page.findChild<QPushButton*>(QStringLiteral("dashboardCancel"));
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    // Cancel pressed while the request still waits for a pool thread: it never reads anything.
    void cancelBeforeTheQueryStarts()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(60);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));

        // Occupy every pool thread, so the dashboard's request waits in the queue.
        QThreadPool* pool = BackgroundQueries::pool();
        QSemaphore started;
        QSemaphore release;
        const int threads = pool->maxThreadCount();
        for (int i = 0; i < threads; ++i) {
            pool->start([&] {
                started.release();
                release.acquire();
            });
        }
        started.acquire(threads);

        DashboardPage page(db.db());
        page.show();
        QVERIFY(!cancelButton(page)->isEnabled());
        page.activate();
        QVERIFY(page.isRunning());
        QVERIFY(cancelButton(page)->isEnabled());
        QTest::mouseClick(cancelButton(page), Qt::LeftButton);
        QCOMPARE(status(page), QStringLiteral("Cancelling…"));
        QVERIFY(!cancelButton(page)->isEnabled());
        release.release(threads);
        QTRY_COMPARE_WITH_TIMEOUT(status(page), QStringLiteral("Cancelled"), 20000);
        QVERIFY(!page.isRunning());
        QVERIFY(!page.isReady()); // nothing was shown
        QVERIFY(!cancelButton(page)->isEnabled());

        // The connection is not left cancelled: the next refresh shows the figures.
        page.reload();
        QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
        QVERIFY(!page.isRunning());
        QVERIFY(!cancelButton(page)->isEnabled());
    }

    // PostgreSQL: the statement is running (waiting on a lock another session holds on payments)
    // and Cancel stops it on the server.
    void cancelStopsTheRunningStatementOnTheServer()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("SQLite: sqlite3_interrupt is covered by cancelBeforeTheQueryStarts and the report tests");
        }
        const QString lockerName = db.lockExclusively(QStringLiteral("payments"));
        QVERIFY2(!lockerName.isEmpty(), qPrintable(db.error()));
        QSqlDatabase locker = QSqlDatabase::database(lockerName, false);

        DashboardPage page(db.db());
        page.show();
        page.activate();
        QVERIFY(page.isRunning());
        // Wait until the dashboard's statement is really waiting on the server (asked from a third
        // session: inside the locker's transaction pg_stat_activity is one snapshot). Its text there
        // is QPSQL's "EXECUTE qpsqlpstmt_N", so it is found by what it waits for.
        const QString watcherName = db.openExtraConnection();
        QVERIFY2(!watcherName.isEmpty(), qPrintable(db.error()));
        QSqlQuery waiting(QSqlDatabase::database(watcherName, false));
        QTRY_VERIFY_WITH_TIMEOUT(
            waiting.exec(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE "
                                        "wait_event_type = 'Lock' AND pid <> pg_backend_pid() AND datname = "
                                        "current_database()")) &&
                waiting.next() && waiting.value(0).toInt() == 1,
            20000);
        QTest::mouseClick(cancelButton(page), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(status(page), QStringLiteral("Cancelled"), 20000);
        QVERIFY(!page.isRunning());
        // Cancelled on the server: nothing waits any more, while the lock is still held.
        QVERIFY_SQL(waiting, exec(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = "
                                                 "'Lock' AND pid <> pg_backend_pid() AND datname = "
                                                 "current_database()")));
        QVERIFY(waiting.next());
        QCOMPARE(waiting.value(0).toInt(), 0);
        QVERIFY(locker.rollback());

        page.reload();
        QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
    }
};

QTEST_MAIN(TestDashboardCancel)
#include "tst_dashboardcancel.moc"
