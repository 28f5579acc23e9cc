#include "TestEngines.h"
#include "TestSql.h"
#include "forms/Prompt.h"
#include "mainwindow/MainWindow.h"
#include "models/windowed/WindowedTableModel.h"
#include "pages/TablePage.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QSqlQuery>
#include <QTableView>
#include <QTest>

// The main window on the demo data set, driven through its widgets the way staff use it.
class TestMainWindow : public QObject
{
    Q_OBJECT

private:
    static TablePage* showTablePage(MainWindow& window, const QString& pageId)
    {
        if (!window.showPage(pageId)) {
            return nullptr;
        }
        return qobject_cast<TablePage*>(window.currentPage());
    }

    static int columnWithHeader(const QAbstractItemModel* model, const QString& header)
    {
        for (int c = 0; c < model->columnCount(); ++c) {
            if (model->headerData(c, Qt::Horizontal).toString() == header) {
                return c;
            }
        }
        return -1;
    }

    static QStringList strings(const QSqlDatabase& db, const QString& sql)
    {
        QStringList result;
        QSqlQuery query(db);
        query.exec(sql);
        while (query.next()) {
            result << query.value(0).toString();
        }
        return result;
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase() { Prompt::setTestMode(true); }
    void init() { Prompt::clearAsked(); }

    void ordersPageShowsNamesMoneyAndDates()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        MainWindow window;
        window.setDatabase(db.db());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        TablePage* orders = showTablePage(window, QStringLiteral("orders"));
        QVERIFY(orders);
        QTRY_VERIFY(orders->isReady());
        QAbstractItemModelTester tester(orders->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QAbstractItemModel* model = orders->view()->model();
        QVERIFY(model->rowCount() > 0);

        const int user = columnWithHeader(model, QStringLiteral("User"));
        const int course = columnWithHeader(model, QStringLiteral("Course"));
        const int amount = columnWithHeader(model, QStringLiteral("Amount"));
        const int created = columnWithHeader(model, QStringLiteral("Created"));
        QVERIFY(user >= 0 && course >= 0 && amount >= 0 && created >= 0);

        const QStringList emails = strings(db.db(), QStringLiteral("SELECT email FROM users"));
        const QStringList courseNames = strings(db.db(), QStringLiteral("SELECT name FROM courses"));
        for (int row = 0; row < qMin(50, model->rowCount()); ++row) {
            const QString shownUser = model->index(row, user).data().toString();
            QVERIFY2(emails.contains(shownUser), qPrintable(shownUser));
            const QString shownCourse = model->index(row, course).data().toString();
            QVERIFY2(courseNames.contains(shownCourse), qPrintable(shownCourse));
            const QString money = model->index(row, amount).data().toString();
            QVERIFY2(money.startsWith(QStringLiteral("₹")) || money.startsWith(QStringLiteral("$")), qPrintable(money));
            QVERIFY2(money.contains(QLatin1Char('.')), qPrintable(money));
            const QString when = model->index(row, created).data().toString();
            QVERIFY2(!when.isEmpty() && !when.contains(QLatin1Char('T')), qPrintable(when));
        }
    }

    void ctrlEndJumpsToTheLastRowWithoutLoadingBetween()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        MainWindow window;
        window.setDatabase(db.db());
        window.resize(1200, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        TablePage* orders = showTablePage(window, QStringLiteral("orders"));
        QTRY_VERIFY(orders->isReady());
        WindowedTableModel* model = orders->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const int total = TestSql::scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders")).toInt();
        QTRY_VERIFY(model->isCountExact());
        QCOMPARE(model->rowCount(), total);
        QCOMPARE(orders->findChild<QLabel*>(QStringLiteral("rowCountLabel"))->text(),
                 QStringLiteral("%1 orders").arg(QLocale(QLocale::English).toString(total)));

        orders->view()->setFocus();
        QTest::keyClick(orders->view(), Qt::Key_End, Qt::ControlModifier);
        QTRY_COMPARE(orders->currentRow(), total - 1);
        QTRY_VERIFY(model->isRowLoaded(total - 1));
        // Newest first: the last row is the oldest order (ties by id, as the page sorts).
        const QVariant oldest =
            TestSql::scalar(db.db(), QStringLiteral("SELECT id FROM orders ORDER BY created_at ASC, id ASC LIMIT 1"));
        QCOMPARE(model->keyAt(total - 1).toString(), oldest.toString());
        // Only the windows at both ends were read, not the rows in between.
        QVERIFY(!model->isRowLoaded(total / 2));
        QTest::keyClick(orders->view(), Qt::Key_Home, Qt::ControlModifier);
        QTRY_COMPARE(orders->currentRow(), 0);
        QVERIFY(model->isRowLoaded(0));
    }

    void statusFilterRunsOnTheServer()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const int failed =
            TestSql::scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE status = 'FAILED'")).toInt();
        QVERIFY(failed > 0);
        MainWindow window;
        window.setDatabase(db.db());
        window.show();
        TablePage* orders = showTablePage(window, QStringLiteral("orders"));
        QTRY_VERIFY(orders->isReady());
        QComboBox* filter = orders->filterCombo();
        QVERIFY(filter);
        const int index = filter->findData(QStringLiteral("FAILED"));
        QVERIFY(index > 0);
        filter->setCurrentIndex(index);
        QTRY_VERIFY(orders->model()->isCountExact() && orders->model()->totalCount() == failed);
        QVERIFY(orders->model()->waitForRows(0, failed - 1));
        const int status = orders->model()->fieldIndex(QStringLiteral("status"));
        for (int row = 0; row < failed; ++row) {
            QCOMPARE(orders->model()->index(row, status).data().toString(), QStringLiteral("Failed"));
        }
        QVERIFY(orders->findChild<QLabel*>(QStringLiteral("rowCountLabel"))
                    ->text()
                    .endsWith(QStringLiteral("status Failed")));
        filter->setCurrentIndex(0);
        QTRY_VERIFY(orders->model()->isCountExact() && orders->model()->totalCount() > failed);
    }

    void usersPageNeverShowsPasswords()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        MainWindow window;
        window.setDatabase(db.db());
        TablePage* users = showTablePage(window, QStringLiteral("users"));
        QVERIFY(users);
        QTRY_VERIFY(users->isReady());
        const QAbstractItemModel* model = users->view()->model();
        QVERIFY(users->model()->waitForRows(0, qMin(20, model->rowCount()) - 1));
        for (int c = 0; c < model->columnCount(); ++c) {
            // No password column to see, and the hash in no cell of the model, shown or not.
            QVERIFY(users->view()->isColumnHidden(c) ||
                    !model->headerData(c, Qt::Horizontal).toString().contains(QStringLiteral("assword")));
            for (int row = 0; row < qMin(20, model->rowCount()); ++row) {
                for (int role : {int(Qt::DisplayRole), int(Qt::EditRole), int(Qt::ToolTipRole)}) {
                    QVERIFY(!model->index(row, c).data(role).toString().startsWith(QStringLiteral("$2")));
                }
            }
        }
    }

    void searchFiltersOnTheServer()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const QString email =
            strings(db.db(), QStringLiteral("SELECT u.email FROM users u JOIN orders o ON o.user_id = u.id "
                                            "ORDER BY u.id LIMIT 1"))
                .value(0);
        QVERIFY(!email.isEmpty());
        const int expected =
            strings(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders o JOIN users u ON u.id = o.user_id "
                                            "WHERE u.email = '%1'")
                                 .arg(email))
                .value(0)
                .toInt();
        MainWindow window;
        window.setDatabase(db.db());
        window.show();
        TablePage* orders = showTablePage(window, QStringLiteral("orders"));
        QTRY_VERIFY(orders->isReady());
        QTest::keyClicks(orders->searchEdit(), email);
        QTRY_VERIFY(orders->model()->isCountExact() && orders->model()->totalCount() == expected);
        const int user = columnWithHeader(orders->view()->model(), QStringLiteral("User"));
        QTRY_COMPARE(orders->view()->model()->rowCount(), expected);
        QVERIFY(orders->model()->waitForRows(0, expected - 1));
        QVERIFY(orders->findChild<QLabel*>(QStringLiteral("rowCountLabel"))
                    ->text()
                    .startsWith(QStringLiteral("%1 orders matching").arg(expected)));
        for (int row = 0; row < expected; ++row) {
            QCOMPARE(orders->view()->model()->index(row, user).data().toString(), email);
        }
    }

    void unsavedEditsAreMarkedAndAskedAbout()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        MainWindow window;
        window.setDatabase(db.db());
        window.show();
        TablePage* users = showTablePage(window, QStringLiteral("users"));
        QTRY_VERIFY(users->isReady());
        WindowedTableModel* model = users->model();
        const int city = model->fieldIndex(QStringLiteral("city"));
        const QVariant key = model->keyAt(0);
        QVERIFY(model->setData(model->index(0, city), QStringLiteral("Shillong")));
        QTRY_VERIFY(users->hasUnsavedChanges());
        auto* navigation = window.findChild<QListWidget*>(QStringLiteral("navigationList"));
        QVERIFY(navigation);
        QTRY_VERIFY(navigation->currentItem()->text().endsWith(QStringLiteral("\u2022")));

        // Cancel keeps the window open and the edit pending; Save writes it.
        Prompt::queueAnswer(Prompt::Cancel);
        QVERIFY(!window.confirmUnsavedChanges());
        QVERIFY(users->hasUnsavedChanges());
        Prompt::queueAnswer(Prompt::Save);
        QVERIFY(window.confirmUnsavedChanges());
        QVERIFY(!users->hasUnsavedChanges());
        QSqlQuery check(db.db());
        check.prepare(QStringLiteral("SELECT city FROM users WHERE id = ?"));
        check.addBindValue(key);
        QVERIFY(check.exec() && check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("Shillong"));
    }

    void findingLinksOpenTheRows()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const QString orderNumber =
            strings(db.db(), QStringLiteral("SELECT order_number FROM orders ORDER BY id DESC LIMIT 1")).value(0);
        MainWindow window;
        window.setDatabase(db.db());
        window.show();
        QVERIFY(window.page(QStringLiteral("reconciliation")));
        QVERIFY(window.showPage(QStringLiteral("reconciliation")));
        // What a double-clicked finding asks for: the orders page, searched for its order number.
        window.showRows(QStringLiteral("orders"), orderNumber);
        auto* orders = qobject_cast<TablePage*>(window.currentPage());
        QVERIFY(orders);
        QCOMPARE(orders->pageId(), QStringLiteral("orders"));
        QCOMPARE(orders->searchEdit()->text(), orderNumber);
        QTRY_VERIFY(orders->model() && orders->model()->isCountExact() && orders->model()->totalCount() == 1);
        QTRY_COMPARE(orders->view()->model()->rowCount(), 1);
    }

    void everyPageOpens()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        MainWindow window;
        window.setDatabase(db.db());
        window.show();
        QVERIFY(window.pages().size() >= 9);
        for (Page* page : window.pages()) {
            QVERIFY2(window.showPage(page->pageId()), qPrintable(page->pageId()));
            QTRY_VERIFY2_WITH_TIMEOUT(page->isReady(), qPrintable(page->pageId()), 30000);
            QVERIFY(!page->objectName().isEmpty() || !page->pageId().isEmpty());
        }
        QVERIFY2(Prompt::asked().isEmpty(), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
