#include "RevenueFigures.h"
#include "RevenueFixture.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "domain/TableSpec.h"
#include "models/windowed/WindowFetcher.h"
#include "models/windowed/WindowedQuery.h"
#include "reports/RevenueRollup.h"
#include "services/PaymentService.h"

#include <QMutex>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>
#include <memory>

// Twenty clients at once through PgBouncer in transaction pooling mode (four server sessions):
// table pages, the revenue report and the refund workflow, with no error and no orphaned prepared
// statement. On SQLite the same clients share one database file.
namespace {
QMutex s_warningsMutex;
QStringList s_warnings;
std::atomic_int s_fallbacks = 0;
QtMessageHandler s_previousHandler = nullptr;

void recordWarning(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    if (type != QtDebugMsg && type != QtInfoMsg) {
        QMutexLocker lock(&s_warningsMutex);
        s_warnings << message;
    }
    s_previousHandler(type, context, message);
}
} // namespace

class TestPooler : public QObject
{
    Q_OBJECT
private:
    // The clients' report: three months by week.
    static RevenueFilter winter()
    {
        RevenueFilter filter;
        filter.from = QDate(2023, 12, 1);
        filter.to = QDate(2024, 3, 1);
        filter.granularity = Granularity::Week;
        filter.userZone = QTimeZone("Asia/Kolkata");
        return filter;
    }

    // One client: its own connection, three rounds of every table's first page and the report,
    // and one refund.
    static QStringList client(const DatabaseUrl& url, int index, qint64 paymentId, bool rollup)
    {
        QStringList errors;
        const QString name = QStringLiteral("pooler-client-%1").arg(index);
        QString error;
        if (!Database::open(url, name, &error)) {
            return {error};
        }
        {
            const QSqlDatabase db = QSqlDatabase::database(name, false);
            const RevenueFilter filter = winter();
            for (int round = 0; round < 3; ++round) {
                for (const TableSpec& spec : TableSpec::all()) {
                    const WindowedQuery query(spec, Database::engine(db));
                    QSqlQuery page(db);
                    if (!WindowFetcher::exec(page,
                                             query.page(WindowedQuery::Direction::Forward, std::nullopt, 0, 50))) {
                        errors << spec.table + QStringLiteral(": ") + page.lastError().text();
                        continue;
                    }
                    int rows = 0;
                    while (page.next()) {
                        ++rows;
                    }
                    if (rows == 0 && spec.table == QLatin1String("payments")) {
                        errors << QStringLiteral("payments: no rows");
                    }
                }
                const auto report = RevenueReport(db).run(filter, &error);
                if (!report || report->currencies.value(QStringLiteral("INR")).current.grossMinor <= 0) {
                    errors << QStringLiteral("report: ") + error;
                } else if (rollup && !report->readFromRollup) {
                    ++s_fallbacks; // the rollup's lock not granted in 5 s: the tables were read
                }
                if (round == 1) {
                    const auto refund = PaymentService::refund(db, paymentId, QStringLiteral("Pooler test"));
                    if (!refund.ok || !refund.changed) {
                        errors << QStringLiteral("refund %1: %2").arg(paymentId).arg(refund.message);
                    }
                }
            }
        }
        Database::close(name);
        return errors;
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void twentyClientsAtOnce_data()
    {
        QTest::addColumn<bool>("rollup");
        QTest::newRow("tables") << false;
        // Every report brings the daily rollup up to date in its own transaction, one after the
        // other (the rollup's lock), while the clients refund.
        QTest::newRow("rollup") << true;
    }

    void twentyClientsAtOnce()
    {
        QFETCH(bool, rollup);
        TEST_DATABASE(db);
        DatabaseUrl url = db.url();
        if (url.engine == Engine::Sqlite) {
            // A pooler sits in front of a server; several writers on one SQLite file are the
            // write service's concern (it takes the write lock first).
            QSKIP("A connection pooler is a PostgreSQL setup");
        }
        {
            const auto pooler = DatabaseUrl::parse(qEnvironmentVariable("COURSEDESK_TEST_PGBOUNCER_URL"));
            if (!pooler || pooler->host.isEmpty()) {
                QSKIP("No pooler: set COURSEDESK_TEST_PGBOUNCER_URL (.ci/pgbouncer starts one)");
            }
            url.host = pooler->host;
            url.port = pooler->port;
            url.options.insert(QStringLiteral("pooler"), QStringLiteral("transaction"));
        }
        const RevenueFixture fixture(300);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        QList<qint64> completed;
        for (const RevenueFixture::Payment& p : fixture.payments) {
            if (p.status == QLatin1String("COMPLETED")) {
                completed << p.id;
            }
        }
        QVERIFY(completed.size() >= 20);
        if (rollup) {
            QVERIFY2(RevenueRollup::start(db.db(), &error), qPrintable(error));
        }
        s_fallbacks = 0;

        s_warnings.clear();
        s_previousHandler = qInstallMessageHandler(&recordWarning);
        QMutex mutex;
        QStringList errors;
        std::vector<std::unique_ptr<QThread>> threads;
        for (int i = 0; i < 20; ++i) {
            threads.emplace_back(QThread::create([&, i] {
                const QStringList clientErrors = client(url, i, completed.at(i), rollup);
                QMutexLocker lock(&mutex);
                errors << clientErrors;
            }));
            threads.back()->start();
        }
        for (auto& thread : threads) {
            QVERIFY(thread->wait(120000));
        }
        qInstallMessageHandler(s_previousHandler);
        QVERIFY2(errors.isEmpty(), qPrintable(errors.join(QLatin1Char('\n'))));
        // A report that waited more than 5 s for the rollup's lock says so and reads the tables; any
        // other warning is a failure.
        s_warnings.removeIf([](const QString& w) { return w.contains(QLatin1String("due to lock timeout")); });
        QVERIFY2(s_warnings.isEmpty(), qPrintable(s_warnings.join(QLatin1Char('\n'))));
        QVERIFY2(s_fallbacks < 60, "every report fell back to the tables");

        QSqlQuery refunded(db.db());
        QVERIFY(refunded.exec(QStringLiteral(
                    "SELECT COUNT(*) FROM coursedesk_audit_log WHERE action = 'refund' AND table_name = 'payments' AND "
                    "reason = 'Pooler test'")) &&
                refunded.next());
        QCOMPARE(refunded.value(0).toInt(), 20);
        if (rollup) {
            // After the clients' refunds, the rollup still gives every figure of the scan.
            const RevenueFilter filter = winter();
            const auto fromRollup = RevenueReport(db.db()).run(filter);
            RevenueReport scan(db.db());
            scan.setPath(RevenuePath::Scan);
            const auto fromTables = scan.run(filter);
            QVERIFY(fromRollup && fromTables && fromRollup->readFromRollup);
            QCOMPARE(RevenueFigures::firstDifference(*fromRollup, *fromTables), QString());
        }
    }
};

QTEST_GUILESS_MAIN(TestPooler)
#include "tst_pooler.moc"
