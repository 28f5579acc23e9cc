#include "RevenueFixture.h"
#include "TestEngines.h"
#include "background/BackgroundQueries.h"
#include "background/ReportsDatabase.h"
#include "background/WorkerConnection.h"
#include "db/Database.h"
#include "reports/DashboardQuery.h"
#include "reports/ReportCommand.h"
#include "services/PaymentService.h"

#include <QFile>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTest>
#include <QtConcurrent/QtConcurrentRun>

// Reads on a real streaming standby (.ci/replica: pg_basebackup -R of the CI server): the dashboard
// query runs there and sees the primary's writes once replayed; a standby that is behind or down is
// refused with a message that offers the primary.
class TestReplica : public QObject
{
    Q_OBJECT
private:
    static std::optional<DatabaseUrl> replicaUrl(const DatabaseUrl& primary)
    {
        auto url = DatabaseUrl::parse(qEnvironmentVariable("COURSEDESK_TEST_REPLICA_URL"));
        if (!url || url->host.isEmpty()) {
            return std::nullopt;
        }
        url->database = primary.database; // the test database, replicated like everything else
        return url;
    }

    static qint64 scalar(const QSqlDatabase& db, const QString& sql)
    {
        QSqlQuery q(db);
        return q.exec(sql) && q.next() ? q.value(0).toLongLong() : -1;
    }

    static DashboardQuery::Response dashboard(const QString& primary, QDate from = QDate(2023, 12, 1),
                                              QDate to = QDate(2024, 3, 1))
    {
        DashboardQuery::Request request;
        request.sourceConnection = primary;
        request.filter.from = from;
        request.filter.to = to;
        request.filter.granularity = Granularity::Month;
        request.filter.currency = QStringLiteral("INR");
        request.filter.userZone = QTimeZone("Asia/Kolkata");
        return QtConcurrent::run(BackgroundQueries::pool(), &DashboardQuery::run, request).result();
    }

    // On SQLite a reports database is a copy of the file (nothing to replay): reports read it; a
    // missing copy is refused like a stopped replica, and never created.
    static void sqliteCopyServesReports(TestDatabase& db)
    {
        const RevenueFixture fixture(40);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        QSqlQuery(db.db()).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
        const QString copy = db.url().path + QStringLiteral(".copy");
        QVERIFY(QFile::copy(db.url().path, copy));
        auto report = [&](const QStringList& extra, QString* out, QString* err) {
            out->clear();
            err->clear();
            QTextStream o(out), e(err);
            return ReportCommand::run(QStringList{QStringLiteral("report"), QStringLiteral("reconcile"),
                                                  QStringLiteral("--database"),
                                                  QStringLiteral("sqlite://") + db.url().path} +
                                          extra,
                                      o, e);
        };
        QString onPrimary, onCopy, err;
        QCOMPARE(report({}, &onPrimary, &err), 0);
        QCOMPARE(report({QStringLiteral("--reports-database"), QStringLiteral("sqlite://") + copy}, &onCopy, &err), 0);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(onCopy, onPrimary);
        const QString missing = db.url().path + QStringLiteral(".missing");
        QCOMPARE(report({QStringLiteral("--reports-database"), QStringLiteral("sqlite://") + missing}, &onCopy, &err),
                 1);
        QVERIFY2(err.contains(QStringLiteral("is not reachable")), qPrintable(err));
        QVERIFY(!QFile::exists(missing));
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void readsFollowThePrimaryThroughTheReplica()
    {
        TEST_DATABASE(db);
        if (db.url().engine == Engine::Sqlite) {
            QSKIP("A streaming replica is a PostgreSQL setup");
        }
        const auto url = replicaUrl(db.url());
        if (!url) {
            QSKIP("No replica: set COURSEDESK_TEST_REPLICA_URL (.ci/replica starts one)");
        }
        const RevenueFixture fixture(120);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        const qint64 payments = fixture.payments.size();

        // The new database and its rows reach the standby by WAL replay.
        const QString replica = QStringLiteral("replica-reads");
        QTRY_VERIFY_WITH_TIMEOUT(Database::open(*url, replica, &error) &&
                                     scalar(QSqlDatabase::database(replica, false),
                                            QStringLiteral("SELECT COUNT(*) FROM payments")) == payments,
                                 30000);
        Database::close(replica);
        const ReportsDatabase::Status status = ReportsDatabase::attach(db.connectionName(), *url, replica);
        QVERIFY2(status.usable, qPrintable(status.message));
        QCOMPARE(BackgroundQueries::reportsConnection(db.connectionName()), replica);

        // Background reads run on the standby.
        const bool onStandby =
            QtConcurrent::run(BackgroundQueries::pool(), [&] {
                const WorkerConnection worker(BackgroundQueries::reportsConnection(db.connectionName()));
                return scalar(worker.db(), QStringLiteral("SELECT CAST(pg_is_in_recovery() AS "
                                                          "integer)")) == 1;
            }).result();
        QVERIFY(onStandby);

        const DashboardQuery::Response before = dashboard(db.connectionName());
        QVERIFY2(before.ok, qPrintable(before.error));
        const RevenueKpis k = before.result.currencies.value(QStringLiteral("INR")).current;
        const RevenueFilter f = before.filter;
        QCOMPARE(k.grossMinor, fixture.expect(f).current.value(QStringLiteral("INR")).grossMinor);

        // A refund on the primary (the write path never touches the replica) shows up on the
        // replica once replayed: the refund is dated today, so the figures of today's month change.
        qint64 paymentId = 0;
        for (const RevenueFixture::Payment& p : fixture.payments) {
            if (p.status == QLatin1String("COMPLETED")) {
                paymentId = p.id;
                break;
            }
        }
        QVERIFY(paymentId > 0);
        const auto refunded = PaymentService::refund(db.db(), paymentId, QStringLiteral("Replica test"));
        QVERIFY2(refunded.ok && refunded.changed, qPrintable(refunded.message));
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(QTimeZone("Asia/Kolkata")).date();
        const QDate month(today.year(), today.month(), 1);
        auto refundsThisMonth = [&] {
            const DashboardQuery::Response r = dashboard(db.connectionName(), month, month.addMonths(1));
            return r.ok ? r.result.currencies.value(QStringLiteral("INR")).current.refundCount : -1;
        };
        QTRY_COMPARE_WITH_TIMEOUT(refundsThisMonth(), qint64(1), 30000);

        // Replay paused while the primary writes: the standby is behind and says so.
        QSqlQuery pause(QSqlDatabase::database(replica, false));
        QVERIFY(pause.exec(QStringLiteral("SELECT pg_wal_replay_pause()")));
        QSqlQuery write(db.db());
        QVERIFY(write.exec(QStringLiteral("UPDATE users SET city = 'Nashik' WHERE id = (SELECT MIN(id) FROM users)")));
        ReportsDatabase::Status lagging;
        QTRY_VERIFY_WITH_TIMEOUT(
            (lagging = ReportsDatabase::check(db.db(), QSqlDatabase::database(replica, false), 0), !lagging.usable),
            30000);
        QVERIFY2(lagging.message.contains(QStringLiteral("behind the primary")), qPrintable(lagging.message));
        QVERIFY(lagging.message.contains(QStringLiteral("primary database instead")));
        QVERIFY(pause.exec(QStringLiteral("SELECT pg_wal_replay_resume()")));
        QTRY_VERIFY_WITH_TIMEOUT(ReportsDatabase::check(db.db(), QSqlDatabase::database(replica, false), 0).usable,
                                 30000);

        ReportsDatabase::detach(db.connectionName());
        QCOMPARE(BackgroundQueries::reportsConnection(db.connectionName()), db.connectionName());
    }

    // `coursedesk report revenue --reports-database URL` reads on the standby, with the window's
    // checks: a standby that is behind or down stops the run with the reason and the way out, or
    // with --reports-fallback primary the report reads the primary and says so.
    void reportCommandReadsTheReplica()
    {
        TEST_DATABASE(db);
        if (db.url().engine == Engine::Sqlite) {
            sqliteCopyServesReports(db);
            return;
        }
        const auto url = replicaUrl(db.url());
        if (!url) {
            QSKIP("No replica: set COURSEDESK_TEST_REPLICA_URL (.ci/replica starts one)");
        }
        const RevenueFixture fixture(120);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        const QString replica = QStringLiteral("replica-command");
        QTRY_VERIFY_WITH_TIMEOUT(Database::open(*url, replica, &error) &&
                                     scalar(QSqlDatabase::database(replica, false),
                                            QStringLiteral("SELECT COUNT(*) FROM payments")) == fixture.payments.size(),
                                 30000);
        const auto closeReplica = qScopeGuard([&] { Database::close(replica); });
        const QSqlDatabase standby = QSqlDatabase::database(replica, false);

        auto report = [&](const QStringList& extra, QString* out, QString* err) {
            out->clear();
            err->clear();
            QTextStream o(out), e(err);
            return ReportCommand::run(
                QStringList{QStringLiteral("report"), QStringLiteral("revenue"), QStringLiteral("--database"),
                            db.url().toString(true), QStringLiteral("--from"), QStringLiteral("2023-12-01"),
                            QStringLiteral("--to"), QStringLiteral("2024-03-01"), QStringLiteral("--by"),
                            QStringLiteral("month"), QStringLiteral("--format"), QStringLiteral("csv")} +
                    extra,
                o, e);
        };
        QString onPrimary, err;
        QCOMPARE(report({}, &onPrimary, &err), 0);

        // On the standby: the same figures, and the standby's own statistics show the rows read.
        const QString tuples =
            QStringLiteral("SELECT tup_returned FROM pg_stat_database WHERE datname = current_database()");
        const qint64 readBefore = scalar(standby, tuples);
        QString onReplica;
        err.clear();
        QCOMPARE(report({QStringLiteral("--reports-database"), url->toString(true)}, &onReplica, &err), 0);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        QCOMPARE(onReplica, onPrimary);
        QTRY_VERIFY_WITH_TIMEOUT(scalar(standby, tuples) - readBefore >= fixture.payments.size(), 30000);

        // Down: refused with the reason and the way out; with the fallback, the primary's figures.
        DatabaseUrl down = *url;
        down.port = 9;
        down.options.insert(QStringLiteral("connect_timeout"), QStringLiteral("3"));
        QString out;
        err.clear();
        QCOMPARE(report({QStringLiteral("--reports-database"), down.toString(true)}, &out, &err), 1);
        QVERIFY(out.isEmpty());
        QVERIFY2(err.startsWith(QStringLiteral("coursedesk report revenue: The reports database ")) &&
                     err.contains(QStringLiteral("is not reachable")) &&
                     err.contains(QStringLiteral("add --reports-fallback primary")),
                 qPrintable(err));
        err.clear();
        QCOMPARE(report({QStringLiteral("--reports-database"), down.toString(true),
                         QStringLiteral("--reports-fallback"), QStringLiteral("primary")},
                        &out, &err),
                 0);
        QCOMPARE(out, onPrimary);
        QVERIFY2(err.contains(QStringLiteral("reading from the primary database")), qPrintable(err));

        // Behind (replay paused while the primary changes a payment of the period): refused, or
        // with the fallback the primary's new figures, never the standby's stale ones.
        QSqlQuery pause(standby);
        QVERIFY(pause.exec(QStringLiteral("SELECT pg_wal_replay_pause()")));
        const auto resume =
            qScopeGuard([&] { QSqlQuery(standby).exec(QStringLiteral("SELECT pg_wal_replay_resume()")); });
        QSqlQuery write(db.db());
        QVERIFY(write.exec(QStringLiteral("UPDATE payments SET status = 'FAILED' WHERE id = (SELECT MIN(id) FROM "
                                          "payments WHERE status = 'COMPLETED' AND payment_date >= '2024-01-01' AND "
                                          "payment_date < '2024-02-01')")));
        QCOMPARE(write.numRowsAffected(), 1);
        QString changed;
        QCOMPARE(report({}, &changed, &err), 0);
        QVERIFY(changed != onPrimary);
        err.clear();
        QCOMPARE(report({QStringLiteral("--reports-database"), url->toString(true), QStringLiteral("--reports-max-lag"),
                         QStringLiteral("86400")},
                        &out, &err),
                 1);
        QVERIFY2(err.contains(QStringLiteral("is behind the primary (its replay is paused)")), qPrintable(err));
        err.clear();
        QCOMPARE(report({QStringLiteral("--reports-database"), url->toString(true),
                         QStringLiteral("--reports-fallback"), QStringLiteral("primary")},
                        &out, &err),
                 0);
        QCOMPARE(out, changed);

        // Options that make no sense are refused by name before anything is opened.
        for (const QStringList& bad :
             {QStringList{QStringLiteral("--reports-fallback"), QStringLiteral("primary")},
              QStringList{QStringLiteral("--reports-database"), url->toString(true),
                          QStringLiteral("--reports-fallback"), QStringLiteral("replica")},
              QStringList{QStringLiteral("--reports-database"), url->toString(true),
                          QStringLiteral("--reports-max-lag"), QStringLiteral("-1")},
              QStringList{QStringLiteral("--reports-database"), QStringLiteral("mysql://x/y")}}) {
            err.clear();
            QCOMPARE(report(bad, &out, &err), 2);
            QVERIFY2(err.contains(QStringLiteral("--reports-")), qPrintable(err));
        }
    }

    void stoppedReplicaIsRefusedWithAMessage()
    {
        TEST_DATABASE(db);
        if (db.url().engine == Engine::Sqlite) {
            QSKIP("A streaming replica is a PostgreSQL setup");
        }
        // Nothing listens on this port: what a stopped standby looks like to a client.
        DatabaseUrl url = db.url();
        url.host = QStringLiteral("127.0.0.1");
        url.port = 9;
        url.options.insert(QStringLiteral("connect_timeout"), QStringLiteral("3"));
        const ReportsDatabase::Status status =
            ReportsDatabase::attach(db.connectionName(), url, QStringLiteral("replica-down"));
        QVERIFY(!status.usable);
        QVERIFY2(status.message.contains(QStringLiteral("is not reachable")), qPrintable(status.message));
        QVERIFY(status.message.contains(QStringLiteral("primary database instead")));
        QCOMPARE(BackgroundQueries::reportsConnection(db.connectionName()), db.connectionName());
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("replica-down")));
    }
};

QTEST_GUILESS_MAIN(TestReplica)
#include "tst_replica.moc"
