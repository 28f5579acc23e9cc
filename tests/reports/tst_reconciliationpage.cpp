#include "ReconciliationFixture.h"
#include "TestEngines.h"
#include "finance/FinancePages.h"
#include "finance/ReconciliationPage.h"
#include "reports/Csv.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QStandardItemModel>
#include <QTest>
#include <QTreeView>

// The reconciliation page lists exactly the planted anomalies, grouped by kind, links each to a
// table page and a search that finds its row, and exports them as CSV; on both engines.
class TestReconciliationPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void listsPlantedAnomalies()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::plantedSql)), qPrintable(db.error()));

        ReconciliationPage page(db.db());
        QAbstractItemModelTester tester(page.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.resize(1200, 700);
        page.show();
        page.activate();
        QTRY_VERIFY_WITH_TIMEOUT(page.isReady() && !page.isRunning(), 20000);

        // Group -> "kind table id -> page: search" for every child row, read from the model.
        const QStandardItemModel* model = page.model();
        QCOMPARE(model->rowCount(), 9); // every kind, empty ones included
        QStringList actual;
        for (int g = 0; g < model->rowCount(); ++g) {
            const QModelIndex group = model->index(g, 0);
            QVERIFY(group.data().toString().endsWith(QStringLiteral("(%1)").arg(model->rowCount(group))));
            for (int r = 0; r < model->rowCount(group); ++r) {
                const QModelIndex child = model->index(r, 0, group);
                const Finding& f = page.findings().at(child.data(ReconciliationPage::FindingIndexRole).toInt());
                actual << QStringLiteral("%1 %2 %3 -> %4: %5")
                              .arg(Finding::kindName(f.kind), f.table, f.rowId,
                                   child.data(ReconciliationPage::PageIdRole).toString(),
                                   child.data(ReconciliationPage::SearchTextRole).toString());
            }
        }
        const QStringList expected = {
            QStringLiteral("paid-order-without-payment orders 10 -> orders: ORD10"),
            QStringLiteral("completed-payment-order-not-paid payments 11 -> payments: pay_11"),
            QStringLiteral("payment-amount-mismatch payments 12 -> payments: pay_12"),
            QStringLiteral("active-enrollment-order-not-paid enrollments 13 -> enrollments: ORD13"),
            QStringLiteral("paid-order-without-enrollment orders 14 -> orders: ORD14"),
            QStringLiteral("duplicate-razorpay-payment-id payments 1 -> payments: pay_DGBGRfe3wl7Gwu"),
            QStringLiteral("duplicate-razorpay-payment-id payments 15 -> payments: pay_DGBGRfe3wl7Gwu"),
            QStringLiteral("unknown-value users 12 -> users: p12@example.in"),
            QStringLiteral("unknown-value courses expert-track -> courses: expert-track"),
            QStringLiteral("unknown-value orders 16 -> orders: ORD16"),
            QStringLiteral("unknown-value payments 17 -> payments: ORD4"), // no Razorpay id: its order
            QStringLiteral("unknown-value enrollments 18 -> enrollments: ORD4"),
            QStringLiteral("unknown-value user_business_info 19 -> business: p12@example.in"),
        };
        QCOMPARE(actual, expected);

        // Double-clicking a finding asks the main window to open its rows, once.
        QSignalSpy spy(&page, &ReconciliationPage::showRows);
        const QModelIndex orderGroup = model->index(0, 0);
        const QModelIndex order10 = model->index(0, 2, orderGroup);
        page.view()->scrollTo(order10);
        const QPoint centre = page.view()->visualRect(order10).center();
        QTest::mouseClick(page.view()->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, centre);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(spy.first().at(0).toString(), QStringLiteral("orders"));
        QCOMPARE(spy.first().at(1).toString(), QStringLiteral("ORD10"));
        // A group row opens nothing.
        QTest::mouseDClick(page.view()->viewport(), Qt::LeftButton, {}, page.view()->visualRect(orderGroup).center());
        QCOMPARE(spy.count(), 1);

        // CSV export writes exactly these findings.
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("findings.csv"));
        QString error;
        QVERIFY2(page.exportCsv(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QString csv = QString::fromUtf8(file.readAll());
        QCOMPARE(csv, Csv::findings(page.findings()));
        QCOMPARE(csv.count(QStringLiteral("\r\n")), 1 + 13);
        QVERIFY(
            csv.startsWith(QStringLiteral("kind,table,row_id,description\r\npaid-order-without-payment,orders,10,")));

        if (!qEnvironmentVariableIsEmpty("COURSEDESK_RECONCILIATION_SCREENSHOT") && db.engine() == Engine::Sqlite) {
            QVERIFY(page.grab().save(qEnvironmentVariable("COURSEDESK_RECONCILIATION_SCREENSHOT")));
        }
    }

    void cleanDatabaseShowsNoFindings()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        const QList<Page*> pages = createFinancePages(db.db());
        QCOMPARE(pages.size(), 2);
        QCOMPARE(pages.at(0)->pageId(), QStringLiteral("payments-review"));
        QCOMPARE(pages.at(1)->pageId(), QStringLiteral("reconciliation"));
        std::unique_ptr<Page> payments(pages.at(0));
        std::unique_ptr<ReconciliationPage> page(qobject_cast<ReconciliationPage*>(pages.at(1)));
        QVERIFY(page);
        page->activate();
        QTRY_VERIFY_WITH_TIMEOUT(page->isReady() && !page->isRunning(), 20000);
        QVERIFY(page->findings().isEmpty());
        for (int g = 0; g < page->model()->rowCount(); ++g) {
            QCOMPARE(page->model()->rowCount(page->model()->index(g, 0)), 0);
        }
    }

    void cancelStopsARunningCheck()
    {
        TEST_DATABASE(db);
        if (db.engine() == Engine::Sqlite) {
            QSKIP("In WAL mode nothing keeps a SQLite reader waiting; tst_reportbounds interrupts a running "
                  "SQLite statement");
        }
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        // Another session holds the table, so the check waits on the server until cancelled.
        QSqlDatabase locker = QSqlDatabase::database(db.openExtraConnection());
        QSqlQuery lock(locker);
        QVERIFY(locker.transaction());
        QVERIFY(lock.exec(QStringLiteral("LOCK TABLE orders IN ACCESS EXCLUSIVE MODE")));
        ReconciliationPage page(db.db());
        page.show();
        page.run();
        auto* cancel = page.findChild<QPushButton*>(QStringLiteral("reconciliationCancel"));
        QVERIFY(cancel);
        QVERIFY(cancel->isEnabled());
        QTest::mouseClick(cancel, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 20000);
        auto* status = page.findChild<QLabel*>(QStringLiteral("reconciliationStatus"));
        QVERIFY(status->text().startsWith(QStringLiteral("Reconciliation cancelled; nothing was written")));
        QVERIFY(!cancel->isEnabled());
        QVERIFY(locker.rollback());
        lock.finish();
        // Run again: it completes.
        page.run();
        QTRY_VERIFY_WITH_TIMEOUT(!page.isRunning(), 20000);
        QVERIFY2(status->text().startsWith(QStringLiteral("No findings")), qPrintable(status->text()));
    }
};

QTEST_MAIN(TestReconciliationPage)
#include "tst_reconciliationpage.moc"
