// A reports database that fails in the middle of a session, while the payments review and the
// reconciliation read from it: the page says what happened, offers the primary (the same offer as
// at connect), and once taken reads the primary. The reports database is a PostgreSQL cluster the
// test starts itself (TestCluster) and stops under the open page; it holds a copy of the primary
// with one payment fewer, so the rows show which database a page read. PostgreSQL only: a SQLite
// copy cannot stop under a reader.
#include "ReconciliationFixture.h"
#include "TestCluster.h"
#include "TestDatabase.h"
#include "TestEngines.h"
#include "TestSql.h"
#include "background/BackgroundQueries.h"
#include "background/ReportsDatabase.h"
#include "finance/PaymentsReviewModel.h"
#include "finance/PaymentsReviewPage.h"
#include "finance/ReconciliationPage.h"
#include "forms/Prompt.h"
#include "reports/Reconciliation.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QScopeGuard>
#include <QStandardItemModel>
#include <QTest>

namespace {
// The primary on the test server and its copy, one payment short, on a cluster of the test's own.
struct Setup
{
    TestCluster cluster;
    std::unique_ptr<TestDatabase> primary;
    std::unique_ptr<TestDatabase> copy;
    QString error;

    bool start()
    {
        if (!cluster.start()) {
            error = cluster.error();
            return false;
        }
        primary = std::make_unique<TestDatabase>(Engine::Postgres);
        if (!primary->isValid() || !primary->createSchema() ||
            !primary->exec(QString::fromUtf8(ReconciliationFixture::cleanSql))) {
            error = primary->error();
            return false;
        }
        // TestDatabase makes its database where COURSEDESK_TEST_POSTGRES_URL points: the cluster.
        copy = std::make_unique<TestDatabase>(cluster.url());
        if (!copy->isValid() || !copy->createSchema() ||
            !copy->exec(QString::fromUtf8(ReconciliationFixture::cleanSql)) ||
            !copy->exec(QStringLiteral("DELETE FROM payments WHERE id = (SELECT MAX(id) FROM payments)"))) {
            error = copy->error();
            return false;
        }
        const ReportsDatabase::Status status =
            ReportsDatabase::attach(primary->connectionName(), copy->url(), QStringLiteral("tst_replicapage_reports"));
        error = status.message;
        return status.usable;
    }
    int payments(const TestDatabase& db) const
    {
        return TestSql::scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM payments")).toInt();
    }
};

// The cluster is stopped under the page; everything the copy's TestDatabase would drop goes with it.
#define SETUP_OR_SKIP(setup)                                                                                           \
    if (!TestDatabase::postgresConfigured()) {                                                                         \
        if (TestDatabase::postgresRequired())                                                                          \
            QFAIL("COURSEDESK_TEST_POSTGRES_URL is not set");                                                          \
        QSKIP("No PostgreSQL test server (COURSEDESK_TEST_POSTGRES_URL)");                                             \
    }                                                                                                                  \
    if (TestCluster::binDir().isEmpty())                                                                               \
        QSKIP("No PostgreSQL server binaries (initdb, pg_ctl) in pg_config --bindir or /usr/lib/postgresql/15/bin: "   \
              "install postgresql-15 to run the reports database tests");                                              \
    Setup setup;                                                                                                       \
    QVERIFY2(setup.start(), qPrintable(setup.error))
} // namespace

class TestReplicaPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { Prompt::setTestMode(true); }
    void init() { Prompt::clearAsked(); }

    void paymentsReviewOffersThePrimaryWhenTheReplicaStops()
    {
        SETUP_OR_SKIP(setup);
        const QString primary = setup.primary->connectionName();
        const auto detach = qScopeGuard([&] { ReportsDatabase::detach(primary); });
        const int onPrimary = setup.payments(*setup.primary);
        const int onCopy = setup.payments(*setup.copy);
        QCOMPARE(onCopy, onPrimary - 1);

        PaymentsReviewPage page(setup.primary->db());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1100, 700);
        page.show();
        page.activate();
        QTRY_VERIFY(page.isReady());
        QTRY_COMPARE(page.model()->rowCount(), onCopy); // read on the reports database

        QVERIFY2(setup.cluster.stop(), qPrintable(setup.cluster.error()));
        page.reload();
        QTRY_COMPARE(Prompt::asked().size(), 1);
        const QString asked = Prompt::asked().first();
        QVERIFY2(asked.startsWith(QStringLiteral("Reports database: The reports database ")) &&
                     asked.contains(QStringLiteral("is not reachable")) &&
                     asked.contains(QStringLiteral("can run on the primary database instead")) &&
                     asked.endsWith(QStringLiteral("Use the primary database for reports?")),
                 qPrintable(asked));
        // Taken (the default answer): reads go to the primary, and the page shows its rows.
        QCOMPARE(BackgroundQueries::reportsConnection(primary), primary);
        QTRY_COMPARE(page.model()->rowCount(), onPrimary);
        QTRY_VERIFY(!page.model()->isLoading());
        QCOMPARE(Prompt::asked().size(), 1);
    }

    void reconciliationOffersThePrimaryWhenTheReplicaStops()
    {
        SETUP_OR_SKIP(setup);
        const QString primary = setup.primary->connectionName();
        const auto detach = qScopeGuard([&] { ReportsDatabase::detach(primary); });
        QString error;
        const auto onCopy = Reconciliation(setup.copy->db()).run(&error);
        QVERIFY2(onCopy, qPrintable(error));
        const auto onPrimary = Reconciliation(setup.primary->db()).run(&error);
        QVERIFY2(onPrimary, qPrintable(error));

        ReconciliationPage page(setup.primary->db());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1100, 700);
        page.show();
        page.activate();
        QTRY_VERIFY(page.isReady() && !page.isRunning());
        QCOMPARE(page.findings().size(), onCopy->size());

        // The user asks for "Don't switch": the page says the run failed and stays on the replica.
        QVERIFY2(setup.cluster.stop(), qPrintable(setup.cluster.error()));
        Prompt::queueAnswer(Prompt::No);
        page.run();
        QTRY_VERIFY(!page.isRunning());
        QCOMPARE(Prompt::asked().size(), 1);
        QVERIFY2(Prompt::asked().first().contains(QStringLiteral("is not reachable")),
                 qPrintable(Prompt::asked().first()));
        const auto* status = page.findChild<QLabel*>(QStringLiteral("reconciliationStatus"));
        QVERIFY(status);
        QVERIFY2(status->text().startsWith(QStringLiteral("Reconciliation failed: ")), qPrintable(status->text()));
        QCOMPARE(BackgroundQueries::reportsConnection(primary), QStringLiteral("tst_replicapage_reports"));

        // Run again and take the offer: the run goes on on the primary.
        Prompt::clearAsked();
        page.run();
        QTRY_COMPARE(Prompt::asked().size(), 1);
        QTRY_VERIFY(!page.isRunning());
        QCOMPARE(BackgroundQueries::reportsConnection(primary), primary);
        QCOMPARE(page.findings().size(), onPrimary->size());
        QVERIFY2(!status->text().startsWith(QStringLiteral("Reconciliation failed")), qPrintable(status->text()));
    }
};

QTEST_MAIN(TestReplicaPage)
#include "tst_replicapage.moc"
