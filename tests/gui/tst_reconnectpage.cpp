#include "TestEngines.h"
#include "db/Database.h"
#include "forms/Prompt.h"
#include "models/windowed/WindowedTableModel.h"
#include "pages/TablePage.h"

#include <QScopeGuard>
#include <QSignalSpy>
#include <QSqlQuery>
#include <QTest>

// A table page whose connection drops: the user is told in words, the page reconnects, and
// nothing typed is lost. PostgreSQL only (SQLite has no connection that can drop).
class TestReconnectPage : public QObject
{
    Q_OBJECT

private:
    static int count(const QSqlDatabase& db, const QString& sql)
    {
        QSqlQuery query(db);
        return query.exec(sql) && query.next() ? query.value(0).toInt() : -1;
    }
    static bool dropOtherConnections(const QSqlDatabase& killer)
    {
        QSqlQuery query(killer);
        return query.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                         "WHERE datname = current_database() AND pid <> pg_backend_pid()"));
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase() { Prompt::setTestMode(true); }
    void init() { Prompt::clearAsked(); }

    void saveAfterDropTellsUserAndKeepsEdits()
    {
        if (TestEngines::current() == Engine::Sqlite) {
            QSKIP("SQLite has no server connection that can drop (a missing or locked file is out of scope)");
        }
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QStringLiteral(
                     "INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, "
                     "pincode, created_at, updated_at) VALUES (1, 'Asha', 'Rao', 'asha@example.in', 'x', "
                     "'9876543210', '12 MG Road', 'Pune', 'Maharashtra', '411001', '2026-01-01 00:00:00', "
                     "'2026-01-01 00:00:00')")),
                 qPrintable(db.error()));
        const QString killer = db.openExtraConnection();
        QVERIFY2(!killer.isEmpty(), qPrintable(db.error()));

        TablePage page(*TableSpec::forTable(QStringLiteral("users")), db.db());
        page.resize(1000, 600);
        page.show();
        page.activate();
        QTRY_VERIFY(page.isReady());
        WindowedTableModel* model = page.model();
        QCOMPARE(model->rowCount(), 1);
        const int city = model->fieldIndex(QStringLiteral("city"));
        QVERIFY(model->setData(model->index(0, city), QStringLiteral("Nagpur")));
        QVERIFY(page.hasUnsavedChanges());

        QVERIFY(dropOtherConnections(QSqlDatabase::database(killer)));
        QSignalSpy status(&page, &Page::statusMessage);
        QVERIFY(!page.save());
        const QString name = Database::url(db.db()).displayName();
        const QString expected = QStringLiteral("Connection lost: The connection to %1 was lost. Coursedesk "
                                                "reconnected; your unsaved changes are kept \u2014 save again.")
                                     .arg(name);
        QVERIFY2(Prompt::asked().contains(expected), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
        QVERIFY(!status.isEmpty());
        QVERIFY(page.hasUnsavedChanges());
        QCOMPARE(model->index(0, city).data(Qt::EditRole).toString(), QStringLiteral("Nagpur"));

        QVERIFY(page.save());
        QVERIFY(!page.hasUnsavedChanges());
        const QSqlDatabase other = QSqlDatabase::database(killer);
        QCOMPARE(count(other, QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Nagpur'")), 1);
        QCOMPARE(count(other, QStringLiteral("SELECT COUNT(*) FROM users")), 1);

        // The saved row is read again by the page's workers, whose sessions were dropped too.
        QTRY_VERIFY(model->isRowLoaded(0));
        QCOMPARE(model->index(0, city).data().toString(), QStringLiteral("Nagpur"));

        // The server refuses new sessions: the user is told why, and the edit waits for Save.
        QVERIFY(model->setData(model->index(0, city), QStringLiteral("Thane")));
        const QString adminName = QStringLiteral("tst_reconnectpage_admin");
        QString adminError;
        QVERIFY2(Database::open(TestDatabase::postgresAdminUrl(), adminName, &adminError), qPrintable(adminError));
        const auto closeAdmin = qScopeGuard([&] { Database::close(adminName); });
        QSqlQuery admin(QSqlDatabase::database(adminName));
        const QString allow = QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS %2").arg(db.url().database);
        QVERIFY_SQL(admin, exec(allow.arg(QStringLiteral("false"))));
        QVERIFY(dropOtherConnections(other));
        Prompt::clearAsked();
        QVERIFY(!page.save());
        QCOMPARE(Prompt::asked().size(), 1);
        const QString failed = Prompt::asked().first();
        QVERIFY2(
            failed.startsWith(
                QStringLiteral("Connection lost: The connection to %1 was lost and Coursedesk could not reconnect: ")
                    .arg(name)),
            qPrintable(failed));
        QVERIFY2(failed.endsWith(QStringLiteral(". Your changes are kept; try Save again when the server is back.")),
                 qPrintable(failed));
        QVERIFY(page.hasUnsavedChanges());
        QVERIFY_SQL(admin, exec(allow.arg(QStringLiteral("true"))));
        Prompt::clearAsked();
        QVERIFY(!page.save()); // reconnects now; the user saves again
        QVERIFY(page.save());
        QCOMPARE(count(other, QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Thane'")), 1);

        // A reload after every session was dropped (the page's workers' too): the workers
        // reconnect on their own and the table is read again, with nothing to ask the user.
        Prompt::clearAsked();
        QVERIFY(dropOtherConnections(other));
        page.reload();
        QTRY_VERIFY(model->isRowLoaded(0));
        QCOMPARE(model->rowCount(), 1);
        QCOMPARE(model->index(0, city).data().toString(), QStringLiteral("Thane"));
        QVERIFY2(Prompt::asked().isEmpty(), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
    }
};

QTEST_MAIN(TestReconnectPage)
#include "tst_reconnectpage.moc"
