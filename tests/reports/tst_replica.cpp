#include "RevenueFixture.h"
#include "TestEngines.h"
#include "background/BackgroundQueries.h"
#include "background/ReportsDatabase.h"
#include "background/WorkerConnection.h"
#include "db/Database.h"
#include "reports/DashboardQuery.h"
#include "services/PaymentService.h"

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
