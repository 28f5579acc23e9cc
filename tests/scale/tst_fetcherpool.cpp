// FetcherPool: the warm per-connection worker threads the windowed models share. Both engines:
// several models on one warmed pool load the right rows, a model can go away with requests in
// flight, a pooled connection the server dropped is reopened, and a superseded exact COUNT(*) is
// cancelled on the server instead of holding the shared count thread.
#include "GeneratedDatasets.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "models/windowed/FetcherPool.h"
#include "models/windowed/PooledConnection.h"
#include "models/windowed/WindowedTableModel.h"

#include <QAbstractItemModelTester>
#include <QAtomicInt>
#include <QScopeGuard>
#include <QSemaphore>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <map>
#include <memory>

namespace {
DatasetSizes testSizes()
{
    DatasetSizes sizes;
    sizes.users = 3000;
    sizes.courses = 20;
    sizes.orders = 8000;
    return sizes;
}

QVariantList referenceKeys(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        qWarning() << query.lastError().text() << sql;
    }
    QVariantList keys;
    while (query.next()) {
        keys << query.value(0).toLongLong();
    }
    return keys;
}

QVariantList modelKeys(WindowedTableModel& model, int first, int count)
{
    if (!model.waitForRows(first, first + count - 1, 30000)) {
        return {QStringLiteral("timeout")};
    }
    QVariantList keys;
    for (int row = first; row < first + count && row < model.rowCount(); ++row) {
        keys << model.data(model.index(row, 0), WindowedTableModel::KeyRole).toLongLong();
    }
    return keys;
}

QString newestOrders(int limit)
{
    return QStringLiteral("SELECT id FROM orders ORDER BY created_at DESC, id DESC LIMIT %1").arg(limit);
}

qint64 scalar(const QSqlDatabase& db, const QString& sql, const QVariant& bind = {})
{
    QSqlQuery query(db);
    query.prepare(sql);
    if (bind.isValid()) {
        query.addBindValue(bind);
    }
    if (!query.exec() || !query.next()) {
        qWarning() << query.lastError().text() << sql;
        return -1;
    }
    return query.value(0).toLongLong();
}

// The outcome of a statement run on a pooled connection's own thread (where its clone lives).
struct PooledStatement
{
    QAtomicInt started = 0;
    QAtomicInt finished = 0;
    QString errorCode; // written before `finished`
};

std::shared_ptr<PooledStatement> runOn(PooledConnection* connection, const QString& sql)
{
    auto outcome = std::make_shared<PooledStatement>();
    QMetaObject::invokeMethod(
        connection,
        [outcome, connection, sql] {
            QString error;
            if (connection->ensureOpen(&error)) {
                QSqlQuery query(QSqlDatabase::database(connection->connectionName(), false));
                outcome->started.storeRelease(1);
                if (!query.exec(sql) || !query.next()) {
                    outcome->errorCode = query.lastError().nativeErrorCode();
                }
            }
            outcome->finished.storeRelease(1);
        },
        Qt::QueuedConnection);
    return outcome;
}
} // namespace

class TestFetcherPool : public QObject
{
    Q_OBJECT
private:
    GeneratedDatasets m_datasets{testSizes()};

    TestDatabase* dataset(Engine engine) { return m_datasets.get(engine); }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void cleanupTestCase()
    {
        m_datasets.forEach([](TestDatabase& db) { FetcherPool::release(db.connectionName()); });
        m_datasets.clear();
    }

    void warmPoolOpensItsConnectionsAhead()
    {
        TEST_ENGINE_OR_SKIP(engine);
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        FetcherPool::warm(db->connectionName()); // returns at once
        QTRY_VERIFY_WITH_TIMEOUT(FetcherPool::isWarm(db->connectionName()), 20000);
        if (engine == Engine::Postgres) {
            // Two sessions of their own, already open, with custom plans for keyset pages.
            const QList<qint64> pids = FetcherPool::backendPids(db->connectionName());
            QCOMPARE(pids.size(), 2);
            for (qint64 pid : pids) {
                QVERIFY(pid > 0);
                QCOMPARE(scalar(db->db(), QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"), pid),
                         1);
            }
        }
    }

    void modelsShareTheWarmedPool()
    {
        TEST_ENGINE_OR_SKIP(engine);
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        FetcherPool::warm(db->connectionName());
        QTRY_VERIFY_WITH_TIMEOUT(FetcherPool::isWarm(db->connectionName()), 20000);
        const QList<qint64> pidsBefore = FetcherPool::backendPids(db->connectionName());

        WindowedTableModel orders(*TableSpec::forTable(QStringLiteral("orders")), db->connectionName());
        WindowedTableModel byAmount(*TableSpec::forTable(QStringLiteral("orders")), db->connectionName());
        WindowedTableModel users(*TableSpec::forTable(QStringLiteral("users")), db->connectionName());
        QAbstractItemModelTester ordersTester(&orders, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester amountTester(&byAmount, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester usersTester(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failures(&orders, &WindowedTableModel::fetchFailed);
        byAmount.sort(byAmount.fieldIndex(QStringLiteral("amount")), Qt::DescendingOrder);

        // Interleaved requests on the shared threads: each model gets its own rows.
        QCOMPARE(modelKeys(orders, 0, 50), referenceKeys(db->db(), newestOrders(50)));
        QCOMPARE(
            modelKeys(byAmount, 0, 50),
            referenceKeys(db->db(), QStringLiteral("SELECT id FROM orders ORDER BY amount DESC, id DESC LIMIT 50")));
        const QString userSort = users.spec().defaultSort;
        const QString userDir = users.spec().defaultDescending ? QStringLiteral("DESC") : QStringLiteral("ASC");
        QCOMPARE(modelKeys(users, 0, 50),
                 referenceKeys(
                     db->db(),
                     QStringLiteral("SELECT id FROM users ORDER BY %1 %2, id %2 LIMIT 50").arg(userSort, userDir)));
        QVERIFY(orders.waitForCount());
        QVERIFY(users.waitForCount());
        QCOMPARE(orders.rowCount(), testSizes().orders);
        QCOMPARE(users.rowCount(), testSizes().users);
        QCOMPARE(modelKeys(orders, 4000, 30), referenceKeys(db->db(), newestOrders(4030)).mid(4000));
        QVERIFY(failures.isEmpty());
        // No connection of their own: the pool's sessions served all three.
        QCOMPARE(FetcherPool::backendPids(db->connectionName()), pidsBefore);
    }

    void deletingAModelWithRequestsInFlightIsSafe()
    {
        TEST_ENGINE_OR_SKIP(engine);
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("orders"));
        // Warmed pool (the threads stay) and an unwarmed connection (the last model stops them).
        const QString other = db->openExtraConnection();
        QVERIFY2(!other.isEmpty(), qPrintable(db->error()));
        for (const QString& connection : {db->connectionName(), other}) {
            for (int round = 0; round < 15; ++round) {
                auto model = std::make_unique<WindowedTableModel>(spec, connection);
                // Pages far apart, a new generation and (after the first page) the exact count.
                for (int row : {0, 500, 3000, 7000}) {
                    model->index(row % std::max(1, model->rowCount()), 0).data();
                }
                if (round % 3 == 1) {
                    QVERIFY(model->waitForRows(0, 0));
                    model->data(model->index(2000 % model->rowCount(), 1));
                    model->setSearchText(QStringLiteral("user1"));
                } else if (round % 3 == 2) {
                    QVERIFY(model->waitForRows(0, 0)); // the count has just been asked for
                }
                model.reset();
            }
            // Whatever the deleted models left running, the pool still serves the next one.
            WindowedTableModel model(spec, connection);
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            QCOMPARE(modelKeys(model, 0, 20), referenceKeys(db->db(), newestOrders(20)));
            QVERIFY(model.waitForCount());
            QCOMPARE(model.rowCount(), testSizes().orders);
        }
    }

    void droppedConnectionsAreReopened()
    {
        TEST_ENGINE_OR_SKIP(engine);
        if (engine == Engine::Sqlite) {
            QSKIP("A SQLite file connection cannot be dropped by a server");
        }
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        FetcherPool::warm(db->connectionName());
        QTRY_VERIFY_WITH_TIMEOUT(FetcherPool::isWarm(db->connectionName()), 20000);
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("orders"));
        auto terminatePool = [&] {
            const QList<qint64> pids = FetcherPool::backendPids(db->connectionName());
            for (qint64 pid : pids) {
                QCOMPARE(scalar(db->db(), QStringLiteral("SELECT pg_terminate_backend(?)::int"), pid), 1);
            }
            for (qint64 pid : pids) {
                QTRY_COMPARE(
                    scalar(db->db(), QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ?"), pid), 0);
            }
        };

        terminatePool();
        if (QTest::currentTestFailed()) {
            return;
        }
        WindowedTableModel model(spec, db->connectionName());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failures(&model, &WindowedTableModel::fetchFailed);
        QCOMPARE(modelKeys(model, 0, 30), referenceKeys(db->db(), newestOrders(30)));
        QVERIFY(model.waitForCount());
        QCOMPARE(model.rowCount(), testSizes().orders);

        // Again with a model already open: its next page and its next count reconnect too.
        terminatePool();
        if (QTest::currentTestFailed()) {
            return;
        }
        model.setSearchText(QStringLiteral("ORD17"));
        QVERIFY(model.waitForCount());
        QCOMPARE(model.rowCount(), testSizes().orders);
        QCOMPARE(modelKeys(model, 1000, 20), referenceKeys(db->db(), newestOrders(1020)).mid(1000));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.value(0).value(0).toString()));
        for (qint64 pid : FetcherPool::backendPids(db->connectionName())) {
            QVERIFY(pid > 0); // new sessions, known for cancelling
        }
    }

    void cancelStopsTheRunningStatement()
    {
        TEST_ENGINE_OR_SKIP(engine);
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        const std::shared_ptr<FetcherPool::Workers> workers = FetcherPool::acquire(db->connectionName());
        // A statement that would run for minutes on either engine.
        const auto statement =
            runOn(workers->counts(), QStringLiteral("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c "
                                                    "WHERE x < 2000000000) SELECT count(*) FROM c"));
        QTRY_VERIFY(statement->started.loadAcquire());
        // Repeated until it lands: the statement may not have reached the server yet.
        QTRY_VERIFY_WITH_TIMEOUT(
            (workers->counts()->cancelRunning(db->connectionName()), statement->finished.loadAcquire()), 10000);
        QCOMPARE(statement->errorCode, engine == Engine::Postgres ? QStringLiteral("57014") : QStringLiteral("9"));
        // The connection is usable afterwards.
        const auto next = runOn(workers->counts(), QStringLiteral("SELECT 1"));
        QTRY_VERIFY(next->finished.loadAcquire());
        QCOMPARE(next->errorCode, QString());
    }

    void supersededCountIsCancelled()
    {
        TEST_ENGINE_OR_SKIP(engine);
        if (engine == Engine::Sqlite) {
            // Readers never wait for a lock here, so nothing holds a count on SQLite long enough to
            // be superseded deterministically; sqlite3_interrupt itself is covered above.
            QSKIP("Needs a table lock to hold the COUNT(*) running: PostgreSQL only");
        }
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        FetcherPool::warm(db->connectionName());
        QTRY_VERIFY_WITH_TIMEOUT(FetcherPool::isWarm(db->connectionName()), 20000);
        const std::shared_ptr<FetcherPool::Workers> workers = FetcherPool::acquire(db->connectionName());
        const qint64 countPid = workers->counts()->backendPid();
        QVERIFY(countPid > 0);
        const QString locker = db->openExtraConnection();
        QVERIFY2(!locker.isEmpty(), qPrintable(db->error()));
        QSqlDatabase lockDb = QSqlDatabase::database(locker, false);

        // Hold the count thread until the first page is in, then let the exact COUNT(*) run into a
        // lock on orders, where it waits for as long as the lock is held.
        QSemaphore gate;
        QMetaObject::invokeMethod(
            workers->counts(), [&gate] { gate.acquire(); }, Qt::QueuedConnection);
        WindowedTableModel model(*TableSpec::forTable(QStringLiteral("orders")), db->connectionName());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy failures(&model, &WindowedTableModel::fetchFailed);
        QVERIFY(model.waitForRows(0, 0));
        QVERIFY(lockDb.transaction());
        // On a failure below, the lock must not outlive the test (the pool's count would wait on it).
        auto unlock = qScopeGuard([&] { lockDb.rollback(); });
        QSqlQuery lock(lockDb);
        QVERIFY_SQL(lock, exec(QStringLiteral("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")));
        gate.release();
        const QString waitingOnLock = QStringLiteral(
            "SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND state = 'active' AND wait_event_type = 'Lock'");
        QTRY_COMPARE(scalar(db->db(), waitingOnLock, countPid), 1);

        // A new search supersedes it: the count session is idle again while the lock is still held.
        model.setSearchText(QStringLiteral("user1"));
        QTRY_COMPARE(scalar(db->db(),
                            QStringLiteral("SELECT count(*) FROM pg_stat_activity WHERE pid = ? AND "
                                           "state = 'idle'"),
                            countPid),
                     1);
        QVERIFY(lockDb.commit());
        unlock.dismiss();
        QVERIFY(model.waitForCount());
        QVERIFY(model.isCountExact());
        QVERIFY(model.rowCount() > 0);
        // The cancelled count was not an error, and the session still counts.
        QVERIFY2(failures.isEmpty(), qPrintable(failures.value(0).value(0).toString()));
        model.setSearchText(QString());
        QVERIFY(model.waitForCount());
        QCOMPARE(model.rowCount(), testSizes().orders);
        QVERIFY(failures.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestFetcherPool)
#include "tst_fetcherpool.moc"
