#include "TestEngines.h"
#include "TestRoles.h"
#include "db/Database.h"
#include "mainwindow/MainWindow.h"
#include "models/windowed/WindowedTableModel.h"
#include "pages/Prompt.h"
#include "pages/TablePage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCryptographicHash>
#include <QDialog>
#include <QDir>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QSqlQuery>
#include <QStatusBar>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

// The window for a role that may not do everything: what it cannot do is disabled and says why,
// what it may do works, and a refusal by the server reads "You may not ...". Both engines: a
// read-only SQLite file (chmod 444, ?mode=ro) and least-privilege PostgreSQL roles.
namespace {
QByteArray sha256(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()
                                          : QByteArray();
}

TablePage* showTablePage(MainWindow& window, const QString& pageId)
{
    return window.showPage(pageId) ? qobject_cast<TablePage*>(window.currentPage()) : nullptr;
}

QAction* pageAction(TablePage* page, const QString& name)
{
    return page->findChild<QAction*>(name);
}

QAction* windowAction(MainWindow& window, const QString& name)
{
    return window.findChild<QAction*>(name, Qt::FindDirectChildrenOnly);
}

int column(const TablePage* page, const QString& header)
{
    const QAbstractItemModel* model = page->view()->model();
    for (int c = 0; c < model->columnCount(); ++c) {
        if (model->headerData(c, Qt::Horizontal).toString() == header) {
            return c;
        }
    }
    return -1;
}
} // namespace

class TestReadOnlyUi : public QObject
{
    Q_OBJECT

private:
    // Every page loads its rows, and every action that writes is disabled with `reason` in its
    // tooltip; the status bar says it too.
    void verifyReadOnlyWindow(MainWindow& window, const QString& reason)
    {
        for (const QString& id : {QStringLiteral("users"), QStringLiteral("courses"), QStringLiteral("orders"),
                                  QStringLiteral("payments"), QStringLiteral("enrollments")}) {
            TablePage* page = showTablePage(window, id);
            QVERIFY2(page, qPrintable(id));
            QTRY_VERIFY2(page->isReady(), qPrintable(id));
            QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            QVERIFY2(page->model()->rowCount() > 0, qPrintable(id));
            QCOMPARE(page->view()->editTriggers(), QAbstractItemView::NoEditTriggers);
            QStringList writing = {QStringLiteral("editRowAction"), QStringLiteral("newRowAction"),
                                   QStringLiteral("deleteRowAction"), QStringLiteral("saveAction")};
            if (id == QLatin1String("payments")) {
                writing << QStringLiteral("recordPaymentAction") << QStringLiteral("refundAction");
            } else if (id == QLatin1String("enrollments")) {
                writing << QStringLiteral("suspendEnrollmentAction") << QStringLiteral("cancelEnrollmentAction")
                        << QStringLiteral("bulkEnrollAction");
            }
            for (const QString& name : std::as_const(writing)) {
                QAction* action = pageAction(page, name);
                QVERIFY2(action, qPrintable(id + QLatin1Char(' ') + name));
                QVERIFY2(!action->isEnabled(), qPrintable(id + QLatin1Char(' ') + name));
                QVERIFY2(action->toolTip().startsWith(reason), qPrintable(action->toolTip()));
            }
            QVERIFY(!windowAction(window, QStringLiteral("actionAddRow"))->isEnabled());
            QVERIFY(!windowAction(window, QStringLiteral("actionDeleteRow"))->isEnabled());
            QVERIFY2(window.statusBar()->currentMessage().startsWith(reason),
                     qPrintable(window.statusBar()->currentMessage()));
            // Double-click / Enter (the form) is refused with the reason too, and nothing opens.
            page->openEditor(0);
            QVERIFY(!page->findChild<QDialog*>());
        }
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase() { Prompt::setTestMode(true); }
    void init() { Prompt::clearAsked(); }

    void readOnlySqliteFileGivesReadOnlyWindow_data()
    {
        QTest::addColumn<bool>("chmod"); // true: a chmod 444 copy; false: ?mode=ro on a writable one
        QTest::newRow("chmod 444") << true;
        QTest::newRow("mode=ro") << false;
    }
    void readOnlySqliteFileGivesReadOnlyWindow()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Sqlite) {
            QSKIP("a file-only case: PostgreSQL roles are tested below");
        }
        QFETCH(bool, chmod);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        QSqlQuery(db.db()).exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("copy.db"));
        QVERIFY(QFile::copy(db.url().path, path));
        DatabaseUrl url = DatabaseUrl::sqliteFile(path);
        if (chmod) {
            QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
        } else {
            url.options.insert(QStringLiteral("mode"), QStringLiteral("ro"));
        }
        const QByteArray before = sha256(path);
        {
            MainWindow window;
            QVERIFY2(window.openConnection(url), qPrintable(Prompt::asked().join('\n')));
            QVERIFY(Prompt::asked().isEmpty()); // nothing offered to create
            window.resize(1400, 800);
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            verifyReadOnlyWindow(window, chmod ? QStringLiteral("Read-only: the file copy.db is read-only")
                                               : QStringLiteral("Read-only: copy.db is opened read-only (mode=ro)"));
        }
        QCOMPARE(sha256(path), before);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void viewingAWritableFileChangesNothing()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Sqlite) {
            QSKIP("a file-only case");
        }
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        QSqlQuery(db.db()).exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("platform.db"));
        QVERIFY(QFile::copy(db.url().path, path));
        const QByteArray before = sha256(path);
        {
            MainWindow window;
            QVERIFY(window.openConnection(DatabaseUrl::sqliteFile(path)));
            window.show();
            QVERIFY(QTest::qWaitForWindowExposed(&window));
            for (const QString& id : {QStringLiteral("users"), QStringLiteral("orders"), QStringLiteral("payments")}) {
                TablePage* page = showTablePage(window, id);
                QTRY_VERIFY(page->isReady());
                QVERIFY(pageAction(page, QStringLiteral("editRowAction"))->isEnabled());
            }
            window.showPage(QStringLiteral("dashboard"));
            QTRY_VERIFY(window.currentPage()->isReady());
        }
        QCOMPARE(sha256(path), before);
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.read(20).mid(18).toHex(), QByteArray("0101")); // still a rollback journal
    }

    void selectOnlyRoleGivesReadOnlyWindow()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("roles exist on PostgreSQL only");
        }
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        MainWindow window;
        QVERIFY2(window.openConnection(roles.urlFor(QStringLiteral("viewer"))), qPrintable(Prompt::asked().join('\n')));
        window.resize(1400, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        verifyReadOnlyWindow(window, QStringLiteral("Read-only: your role may not "));
    }

    void staffRoleSeesUsersAndGetsPermissionMessages()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("roles exist on PostgreSQL only");
        }
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        MainWindow window;
        QVERIFY2(window.openConnection(roles.urlFor(QStringLiteral("staff"))), qPrintable(Prompt::asked().join('\n')));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        // The Users page loads although the role may not read the password column.
        TablePage* users = showTablePage(window, QStringLiteral("users"));
        QTRY_VERIFY(users->isReady());
        QAbstractItemModelTester tester(users->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(users->model()->rowCount() > 0);
        const int email = column(users, QStringLiteral("Email"));
        QVERIFY(email >= 0);
        QVERIFY(users->model()->index(0, email).data().toString().contains(QLatin1Char('@')));
        QVERIFY(pageAction(users, QStringLiteral("editRowAction"))->isEnabled());
        QVERIFY(pageAction(users, QStringLiteral("newRowAction"))->isEnabled());

        // The user's form opens too; only Reset password, which would write the password, is off.
        users->openEditor(0);
        QDialog* form = nullptr;
        QTRY_VERIFY((form = users->findChild<QDialog*>()) != nullptr);
        auto* reset = form->findChild<QPushButton*>(QStringLiteral("resetPasswordButton"));
        QVERIFY(reset);
        QVERIFY(!reset->isEnabled());
        QCOMPARE(reset->toolTip(), QStringLiteral("Read-only: your role may not update users.password"));
        QVERIFY(!form->findChild<QLineEdit*>(QStringLiteral("emailEdit"))->text().isEmpty());
        form->reject();
        delete form;

        // What staff may not do is disabled, saying why.
        TablePage* payments = showTablePage(window, QStringLiteral("payments"));
        QTRY_VERIFY(payments->isReady());
        QAction* refund = pageAction(payments, QStringLiteral("refundAction"));
        QVERIFY(!refund->isEnabled());
        QCOMPARE(refund->toolTip(), QStringLiteral("Read-only: your role may not update payments"));
        QCOMPARE(window.statusBar()->currentMessage(), QStringLiteral("Read-only: your role may not update payments"));
        TablePage* enrollments = showTablePage(window, QStringLiteral("enrollments"));
        QTRY_VERIFY(enrollments->isReady());
        QVERIFY(pageAction(enrollments, QStringLiteral("suspendEnrollmentAction"))->isEnabled());

        // The administrator takes a privilege away while the window is open: the save is refused
        // in words, and the edit is kept.
        QVERIFY2(roles.adminExec(QStringLiteral("REVOKE UPDATE ON users FROM %1staff").arg(roles.prefix())),
                 qPrintable(roles.error()));
        users = showTablePage(window, QStringLiteral("users"));
        const int city = column(users, QStringLiteral("City"));
        QVERIFY(city >= 0);
        QVERIFY(users->model()->setData(users->model()->index(0, city), QStringLiteral("Nagpur")));
        Prompt::clearAsked();
        QVERIFY(!users->save());
        const QString said = Prompt::asked().join(QLatin1Char('\n'));
        QVERIFY2(said.contains(QStringLiteral("You may not update users")), qPrintable(said));
        QVERIFY2(!said.contains(QStringLiteral("25P02")) && !said.contains(QStringLiteral("aborted")),
                 qPrintable(said));
        QVERIFY(users->hasUnsavedChanges());
    }
};

QTEST_MAIN(TestReadOnlyUi)
#include "tst_readonlyui.moc"
