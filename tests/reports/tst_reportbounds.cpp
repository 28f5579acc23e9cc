// Report periods are bounded and report statements can be cancelled: day buckets for at most
// 1,096 days, weeks for 20 years, months for 100 years, refused with a message before any query;
// Ctrl+C on `coursedesk report` cancels the statement on the server and exits 130; a cancel
// during a run stops it on both engines.
#include "RevenueFixture.h"
#include "TestEngines.h"
#include "reports/QueryCancel.h"
#include "reports/ReportCommand.h"
#include "reports/ReportSql.h"

#include <QProcess>
#include <QSqlQuery>
#include <QTest>

#include <csignal>

namespace {
const QString dayLimit = QStringLiteral("Daily buckets are limited to 3 years (1,096 days); choose --by week or month");

QString databaseArgument(const TestDatabase& db)
{
    return db.commandLineUrl();
}

struct Run
{
    int code = -1;
    QString out;
    QString err;
};

Run report(const QStringList& args)
{
    Run r;
    QTextStream out(&r.out);
    QTextStream err(&r.err);
    r.code = ReportCommand::run(QStringList{QStringLiteral("report")} + args, out, err);
    return r;
}
} // namespace

class TestReportBounds : public QObject
{
    Q_OBJECT
private slots:
    void boundsPerGranularity_data()
    {
        QTest::addColumn<QDate>("from");
        QTest::addColumn<QDate>("to");
        QTest::addColumn<int>("granularity");
        QTest::addColumn<QString>("error");
        const QDate start(2024, 1, 1);
        QTest::newRow("1096 days by day") << start << start.addDays(1096) << int(Granularity::Day) << QString();
        QTest::newRow("1097 days by day") << start << start.addDays(1097) << int(Granularity::Day) << dayLimit;
        QTest::newRow("all of time by day")
            << QDate(1, 1, 1) << QDate(9999, 12, 31) << int(Granularity::Day) << dayLimit;
        QTest::newRow("20 years by week") << start << start.addDays(7320) << int(Granularity::Week) << QString();
        QTest::newRow("20 years + 1 day by week")
            << start << start.addDays(7321) << int(Granularity::Week)
            << QStringLiteral("Weekly buckets are limited to 20 years (7,320 days); choose --by month");
        QTest::newRow("100 years by month") << start << start.addYears(100) << int(Granularity::Month) << QString();
        QTest::newRow("all of time by month")
            << QDate(1, 1, 1) << QDate(9999, 12, 31) << int(Granularity::Month)
            << QStringLiteral("Monthly buckets are limited to 100 years (1,200 months); choose a shorter period");
        QTest::newRow("first year by day")
            << QDate(1000, 1, 1) << QDate(1001, 1, 1) << int(Granularity::Day) << QString();
        QTest::newRow("year 1 by day") << QDate(1, 1, 1) << QDate(2, 1, 1) << int(Granularity::Day)
                                       << QStringLiteral("Report dates must lie between 1000-01-01 and 9999-12-31");
    }

    void boundsPerGranularity()
    {
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        QFETCH(int, granularity);
        QFETCH(QString, error);
        const ReportPeriod period(from, to, QTimeZone("Asia/Kolkata"));
        QCOMPARE(period.boundsError(Granularity(granularity)), error);
        if (error.isEmpty()) {
            // What an accepted period costs is bounded too: its buckets and its previous period.
            QVERIFY(period.bucketStarts(Granularity(granularity)).size() <= 1200);
            QVERIFY(period.previous().from() >= ReportPeriod::earliestDate());
        }
    }

    void initTestCase_data() { TestEngines::addRows(); }

    void commandRefusesUnboundedPeriodsBeforeQuerying()
    {
        TEST_DATABASE(db);
        const Run r = report({QStringLiteral("revenue"), QStringLiteral("--database"), databaseArgument(db),
                              QStringLiteral("--from"), QStringLiteral("0001-01-01"), QStringLiteral("--to"),
                              QStringLiteral("9999-12-31"), QStringLiteral("--by"), QStringLiteral("day")});
        QCOMPARE(r.code, 2);
        QCOMPARE(r.err, QStringLiteral("coursedesk report revenue: ") + dayLimit + QLatin1Char('\n'));
        QVERIFY(r.out.isEmpty());
        // The same period by month is refused too; the earliest century by month runs.
        QCOMPARE(report({QStringLiteral("revenue"), QStringLiteral("--database"), databaseArgument(db),
                         QStringLiteral("--from"), QStringLiteral("0001-01-01"), QStringLiteral("--to"),
                         QStringLiteral("9999-12-31"), QStringLiteral("--by"), QStringLiteral("month")})
                     .code,
                 2);
        const Run century = report({QStringLiteral("revenue"), QStringLiteral("--database"), databaseArgument(db),
                                    QStringLiteral("--from"), QStringLiteral("1000-01-01"), QStringLiteral("--to"),
                                    QStringLiteral("1100-01-01"), QStringLiteral("--by"), QStringLiteral("month"),
                                    QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(century.code == 0, qPrintable(century.err));
    }

    void cancelStopsARunningReport()
    {
        TEST_DATABASE(db);
        // A statement that would run for minutes; the row callback cancels after the first row.
        const QString endless = db.engine() == Engine::Postgres
                                    ? QStringLiteral("SELECT g FROM generate_series(1, 2000000) g")
                                    : QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) "
                                                     "SELECT x FROM c");
        QueryCancel cancel(db.db());
        qint64 rows = 0;
        QString error;
        const bool ok = ReportSql::select(
            db.db(), endless, {},
            [&](const QSqlQuery&) {
                if (++rows == 1) {
                    cancel.cancel();
                }
            },
            &error);
        QVERIFY(!ok);
        QVERIFY2(error.startsWith(QStringLiteral("The query was cancelled.")), qPrintable(error));
        QVERIFY2(rows <= 1024, qPrintable(QString::number(rows)));
        // Once cancelled, nothing further starts on that connection.
        QVERIFY(!ReportSql::select(
            db.db(), QStringLiteral("SELECT 1"), {}, [](const QSqlQuery&) {}, &error));
    }

    void ctrlCCancelsTheStatementOnTheServer()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("A SQLite read waits for a lock in its busy handler, not in a statement; covered above");
        }
        RevenueFixture fixture(10);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        // Another session holds the payments table: the report's first statement waits on the server.
        // (Its own connection: pg_stat_activity is read once per transaction, so the polling below
        // must run outside the locking one.)
        const QSqlDatabase locker = QSqlDatabase::database(db.openExtraConnection());
        QSqlQuery lock(locker);
        QVERIFY(QSqlDatabase(locker).transaction());
        QVERIFY(lock.exec(QStringLiteral("LOCK TABLE payments IN ACCESS EXCLUSIVE MODE")));
        QProcess child;
        child.start(QStringLiteral(COURSEDESK_APP_PATH), {QStringLiteral("report"), QStringLiteral("reconcile"),
                                                          QStringLiteral("--database"), databaseArgument(db)});
        QVERIFY(child.waitForStarted());
        auto waiting = [&] {
            QSqlQuery q(db.db());
            q.exec(QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                                  "wait_event_type = 'Lock' AND pid <> pg_backend_pid()"));
            return q.next() && q.value(0).toInt() == 1;
        };
        QTRY_VERIFY_WITH_TIMEOUT(waiting() || child.state() == QProcess::NotRunning, 20000);
        QVERIFY2(child.state() == QProcess::Running, child.readAllStandardError().constData());
        ::kill(pid_t(child.processId()), SIGINT);
        QTRY_VERIFY_WITH_TIMEOUT(child.state() == QProcess::NotRunning, 20000);
        QCOMPARE(child.exitStatus(), QProcess::NormalExit);
        QCOMPARE(child.exitCode(), 130);
        const QString err = QString::fromUtf8(child.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("cancelled (Ctrl+C); nothing was written")), qPrintable(err));
        // Nothing of it is left running on the server.
        QTRY_VERIFY_WITH_TIMEOUT(!waiting(), 10000);
        QVERIFY(QSqlDatabase(locker).rollback());
    }
};

QTEST_GUILESS_MAIN(TestReportBounds)
#include "tst_reportbounds.moc"
