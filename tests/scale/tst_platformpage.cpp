// The orders page on a database the platform made (primary keys and its four unique indexes only),
// driven through the real main window, offscreen, on both engines: rows newest first by primary
// key, a header click on a column no index serves says what it scans and which index would make
// it instant, and Stop scan goes back to the default order.
#include "DatasetGenerator.h"
#include "TestEngines.h"
#include "forms/Prompt.h"
#include "mainwindow/MainWindow.h"
#include "models/windowed/WindowedTableModel.h"
#include "pages/TablePage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QHeaderView>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QTest>

namespace {
qlonglong firstId(const QSqlDatabase& db, const QString& order)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("SELECT id FROM orders ORDER BY %1 LIMIT 1").arg(order)) && query.next()
               ? query.value(0).toLongLong()
               : -1;
}
} // namespace

class TestPlatformPage : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // recent connections go to a test folder
        QCoreApplication::setOrganizationName(QStringLiteral("CoursedeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_platformpage"));
    }
    void init()
    {
        Prompt::setTestMode(true);
        Prompt::clearAsked();
    }

    void ordersPageSortsAndStopsWithoutCoursedeskIndexes()
    {
        TEST_EMPTY_DATABASE(db);
        DatasetSizes sizes;
        sizes.users = 3000;
        sizes.courses = 20;
        sizes.orders = 12000;
        sizes.platformOnly = true;
        QString error;
        QVERIFY2(DatasetGenerator::generate(db.db(), sizes, &error), qPrintable(error));

        MainWindow window;
        window.resize(1400, 800);
        window.show();
        Prompt::queueAnswer(Prompt::No); // work without Coursedesk's objects
        QVERIFY2(window.openConnection(db.url()), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
        QVERIFY(window.showPage(QStringLiteral("orders")));
        auto* page = qobject_cast<TablePage*>(window.currentPage());
        QVERIFY(page);
        QTRY_VERIFY(page->isReady());
        WindowedTableModel* model = page->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QHeaderView* header = page->view()->horizontalHeader();

        // Newest first by primary key: no (created_at, id) index to read the page from.
        QCOMPARE(model->spec().columns.at(model->sortColumn()).name, QStringLiteral("id"));
        QCOMPARE(header->sortIndicatorSection(), model->sortColumn());
        QCOMPARE(model->keyAt(0).toLongLong(), firstId(db.db(), QStringLiteral("id DESC")));
        auto* stop = page->findChild<QAction*>(QStringLiteral("stopScanAction"));
        QVERIFY(stop);
        QVERIFY(!stop->isEnabled());

        // A header click on Amount: no index serves it.
        const int amount = model->fieldIndex(QStringLiteral("amount"));
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {},
                          QPoint(header->sectionViewportPosition(amount) + 10, header->height() / 2));
        QCOMPARE(model->sortColumn(), amount);
        QTRY_COMPARE(window.statusBar()->currentMessage(),
                     QStringLiteral("Sorting by amount scans 12,000 orders; the index coursedesk_orders_amount_id "
                                    "would make it instant."));
        QVERIFY(stop->isEnabled());
        const QString direction =
            model->sortOrder() == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
        QTRY_VERIFY(model->isRowLoaded(0));
        QCOMPARE(model->keyAt(0).toLongLong(), firstId(db.db(), QStringLiteral("amount %1, id %1").arg(direction)));

        // Stop scan: back to the default order, and the action is off again.
        stop->trigger();
        QCOMPARE(model->spec().columns.at(model->sortColumn()).name, QStringLiteral("id"));
        QCOMPARE(header->sortIndicatorSection(), model->sortColumn());
        QVERIFY(!stop->isEnabled());
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Scan stopped."));
        QTRY_VERIFY(model->isRowLoaded(0));
        QCOMPARE(model->keyAt(0).toLongLong(), firstId(db.db(), QStringLiteral("id DESC")));
    }
};

QTEST_MAIN(TestPlatformPage)
#include "tst_platformpage.moc"
