#include "TestEngines.h"
#include "mainwindow/MainWindow.h"
#include "models/PlatformTableModel.h"
#include "pages/Prompt.h"
#include "pages/TablePage.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QListWidget>
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
        for (int c = 0; c < model->columnCount(); ++c) {
            QVERIFY(!model->headerData(c, Qt::Horizontal).toString().contains(QStringLiteral("assword")));
            for (int row = 0; row < qMin(20, model->rowCount()); ++row) {
                QVERIFY(!model->index(row, c).data().toString().startsWith(QStringLiteral("$2")));
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
        QTRY_COMPARE(orders->model()->matchingRowCount(), qint64(expected));
        const int user = columnWithHeader(orders->view()->model(), QStringLiteral("User"));
        QTRY_COMPARE(orders->view()->model()->rowCount(), expected);
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
        PlatformTableModel* model = users->model();
        const int city = model->columnOf(QStringLiteral("city"));
        const QVariant key = model->keyValue(0);
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
        QTRY_COMPARE(orders->model()->matchingRowCount(), qint64(1));
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
