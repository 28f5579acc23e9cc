// The fault suite's server restart: a PostgreSQL cluster of the test's own is restarted
// (pg_ctl restart -m fast) while the Users page holds a pending edit, a row marked for deletion
// and nothing saved yet. Save then either writes them after reconnecting, or says the connection
// to the database was lost with the edits kept pending, and the next Save writes them. Nothing is
// lost, nothing is written twice. PostgreSQL only: a SQLite file has no server to restart (its
// faults, a full disk and a locked file, are in tst_faults).
#include "TestCluster.h"
#include "TestDatabase.h"
#include "TestSql.h"
#include "db/Database.h"
#include "forms/Prompt.h"
#include "models/windowed/WindowedTableModel.h"
#include "pages/TablePage.h"

#include <QAbstractItemModelTester>
#include <QScopeGuard>
#include <QSqlQuery>
#include <QTest>

class TestServerRestart : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { Prompt::setTestMode(true); }

    void serverRestartedMidEditLosesNothing()
    {
        TestCluster cluster;
        if (TestCluster::binDir().isEmpty()) {
            QSKIP("No PostgreSQL server binaries (initdb, pg_ctl) in pg_config --bindir or "
                  "/usr/lib/postgresql/15/bin: install postgresql-15 to run the restart test");
        }
        QVERIFY2(cluster.start(), qPrintable(cluster.error()));
        TestDatabase db(cluster.url());
        QVERIFY2(db.isValid(), qPrintable(db.error()));
        QVERIFY2(db.createSchema(), qPrintable(db.error()));
        QVERIFY2(db.exec(QStringLiteral(
                     "INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, "
                     "pincode, created_at, updated_at) VALUES (1, 'Asha', 'Rao', 'asha@example.in', 'x', "
                     "'9876543210', '12 MG Road', 'Pune', 'Maharashtra', '411001', '2026-01-01 00:00:00', "
                     "'2026-01-01 00:00:00');\n"
                     "INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, "
                     "pincode, created_at, updated_at) VALUES (2, 'Liam', 'Paul', 'liam@example.in', 'x', "
                     "'8876543210', '5 Park St', 'Kolkata', 'West Bengal', '700016', '2026-01-02 00:00:00', "
                     "'2026-01-02 00:00:00')")),
                 qPrintable(db.error()));

        TablePage page(*TableSpec::forTable(QStringLiteral("users")), db.db());
        page.resize(1000, 600);
        page.show();
        page.activate();
        QTRY_VERIFY(page.isReady());
        WindowedTableModel* model = page.model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), 2);
        const int city = model->fieldIndex(QStringLiteral("city"));
        const int email = model->fieldIndex(QStringLiteral("email"));
        const int asha =
            model->index(0, email).data(Qt::EditRole).toString() == QLatin1String("asha@example.in") ? 0 : 1;
        QVERIFY(model->setData(model->index(asha, city), QStringLiteral("Nagpur")));
        QVERIFY(page.hasUnsavedChanges());

        const QString started =
            TestSql::scalar(db.db(), QStringLiteral("SELECT pg_postmaster_start_time()")).toString();
        QVERIFY2(cluster.restart(), qPrintable(cluster.error()));

        Prompt::clearAsked();
        const QString name = Database::url(db.db()).displayName();
        if (!page.save()) {
            qInfo("The first save after the restart found the connection gone: %s",
                  qPrintable(Prompt::asked().value(0)));
            // Told in words, edit kept; the page has reconnected, so saving again writes it.
            QCOMPARE(Prompt::asked().size(), 1);
            QVERIFY2(Prompt::asked().first().contains(QStringLiteral("The connection to %1 was lost").arg(name)),
                     qPrintable(Prompt::asked().first()));
            QVERIFY(page.hasUnsavedChanges());
            QCOMPARE(model->index(asha, city).data(Qt::EditRole).toString(), QStringLiteral("Nagpur"));
            QVERIFY2(page.save(), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
        }
        QVERIFY(!page.hasUnsavedChanges());

        // Read back on a connection of its own: the edit once, the other row untouched.
        const QString check = QStringLiteral("tst_serverrestart_check");
        QString error;
        QVERIFY2(Database::open(db.url(), check, &error), qPrintable(error));
        const auto closeCheck = qScopeGuard([&] { Database::close(check); });
        const QSqlDatabase other = QSqlDatabase::database(check);
        // A real restart: a new server process, not just dropped sessions.
        QVERIFY(TestSql::scalar(other, QStringLiteral("SELECT pg_postmaster_start_time()")).toString() != started);
        QCOMPARE(TestSql::scalar(other, QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Nagpur"));
        QCOMPARE(TestSql::scalar(other, QStringLiteral("SELECT city FROM users WHERE id = 2")).toString(),
                 QStringLiteral("Kolkata"));
        QCOMPARE(TestSql::scalar(other, QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 2);
        QCOMPARE(TestSql::scalar(other, QStringLiteral("SELECT COUNT(*) FROM coursedesk_audit_log WHERE "
                                                       "table_name = 'users' AND row_key = '1'"))
                     .toInt(),
                 1);
        // The page reads the saved row again through its workers, whose sessions the restart ended.
        page.reload();
        QTRY_VERIFY(model->isRowLoaded(asha));
        QCOMPARE(model->index(asha, city).data().toString(), QStringLiteral("Nagpur"));

        // A second restart with a delete pending: the same, and the row goes exactly once.
        const int liam = 1 - asha;
        QVERIFY(model->removeRows(liam, 1));
        QVERIFY(page.hasUnsavedChanges());
        QVERIFY2(cluster.restart(), qPrintable(cluster.error()));
        Prompt::clearAsked();
        if (!page.save()) {
            QVERIFY2(Prompt::asked().join(QLatin1Char('\n')).contains(QStringLiteral("was lost")),
                     qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
            QVERIFY(page.hasUnsavedChanges());
            QVERIFY2(page.save(), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
        }
        QVERIFY2(Database::reconnect(check, &error), qPrintable(error));
        QCOMPARE(TestSql::scalar(QSqlDatabase::database(check), QStringLiteral("SELECT COUNT(*) FROM users")).toInt(),
                 1);
        QCOMPARE(TestSql::scalar(QSqlDatabase::database(check), QStringLiteral("SELECT email FROM users")).toString(),
                 QStringLiteral("asha@example.in"));
    }
};

QTEST_MAIN(TestServerRestart)
#include "tst_serverrestart.moc"
