// Faults while writing, each ending with nothing lost and a message that names what happened:
//  - the disk fills up during a save (SQLite, a size-limited file: PRAGMA max_page_count);
//  - another program holds the SQLite file locked (busy);
//  - a client is killed (SIGKILL) in the middle of its transaction (both engines);
//  - two clients race on one row (both engines).
// A PostgreSQL server restarted mid-edit (pg_ctl restart on a cluster of its own) is tst_serverrestart;
// dropped sessions (pg_terminate_backend) are tst_reconnect and tst_reconnectpage.
#include "ReconciliationFixture.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "domain/TableSpec.h"
#include "models/windowed/WindowedTableModel.h"
#include "services/PaymentService.h"
#include "services/RowSnapshot.h"
#include "services/RowWriter.h"
#include "services/ServiceSql.h"

#include <QAbstractItemModelTester>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <csignal>
#include <unistd.h>

namespace {
const char* childUrlVariable = "COURSEDESK_FAULT_CHILD_URL";

// The killed client: this same executable, started with COURSEDESK_FAULT_CHILD_URL set. It opens
// the database, rewrites every user's city inside one transaction through ServiceSql, says
// "written" and waits for a line on stdin that never comes: the parent kills it there.
int runChild()
{
    const auto url = DatabaseUrl::parse(qEnvironmentVariable(childUrlVariable));
    QString error;
    if (!url || !Database::open(*url, QStringLiteral("child"), &error)) {
        return 3;
    }
    {
        const QSqlDatabase db = QSqlDatabase::database(QStringLiteral("child"));
        ServiceSql::Transaction transaction(db);
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("UPDATE users SET city = 'Killed'"))) {
            return 4;
        }
        // Straight to the pipe: stdio would hold it back until exit.
        const char written[] = "written\n";
        if (::write(1, written, sizeof written - 1) < 0) {
            return 5;
        }
        QTextStream(stdin).readLine(); // killed here
        transaction.commit();
    }
    return 0;
}

QString cities(const QSqlDatabase& db)
{
    QSqlQuery q(db);
    q.exec(QStringLiteral("SELECT id, city FROM users ORDER BY id"));
    QStringList list;
    while (q.next()) {
        list << q.value(0).toString() + QLatin1Char('=') + q.value(1).toString();
    }
    return list.join(QLatin1Char(' '));
}

QString childUrl(const TestDatabase& db)
{
    return db.commandLineUrl();
}
} // namespace

class TestFaults : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void diskFullSaysSoAndKeepsTheEdit()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Sqlite) {
            QSKIP("Disk full is simulated with SQLite's max_page_count");
        }
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        const TableSpec& users = *TableSpec::forTable(QStringLiteral("users"));
        const QString before = cities(db.db());
        QSqlQuery q(db.db());
        QVERIFY(q.exec(QStringLiteral("PRAGMA page_count")) && q.next());
        const int pages = q.value(0).toInt();
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = %1").arg(pages)));
        // An address far larger than the free pages of the file.
        const RowSnapshot loaded = RowSnapshot::load(db.db(), users, 1);
        const auto result = RowWriter::update(db.db(), users, loaded,
                                              {{QStringLiteral("address"), QString(200000, QLatin1Char('x'))},
                                               {QStringLiteral("city"), QStringLiteral("Full")}},
                                              false);
        QVERIFY(!result.ok());
        QVERIFY2(result.message.contains(QStringLiteral("disk is full"), Qt::CaseInsensitive) &&
                     result.message.contains(QStringLiteral("nothing was saved"), Qt::CaseInsensitive),
                 qPrintable(result.message));
        QVERIFY2(!result.message.contains(QStringLiteral("cannot rollback")), qPrintable(result.message));
        QCOMPARE(cities(db.db()), before);
        // Room again: the same edit saves.
        QVERIFY(q.exec(QStringLiteral("PRAGMA max_page_count = 1073741823")));
        const auto retry = RowWriter::update(db.db(), users, RowSnapshot::load(db.db(), users, 1),
                                             {{QStringLiteral("address"), QString(200000, QLatin1Char('x'))},
                                              {QStringLiteral("city"), QStringLiteral("Full")}},
                                             false);
        QVERIFY2(retry.ok(), qPrintable(retry.message));
    }

    void lockedFileSaysBusyAndSavesLater()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Sqlite) {
            QSKIP("File locks are SQLite's");
        }
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        const TableSpec& users = *TableSpec::forTable(QStringLiteral("users"));
        QSqlQuery(db.db()).exec(QStringLiteral("PRAGMA busy_timeout = 300"));
        // Another program (the sqlite3 shell) holds the write lock.
        QProcess other;
        other.start(QStringLiteral("sqlite3"), {db.url().path});
        QVERIFY2(other.waitForStarted(), "the sqlite3 shell is needed (Debian package sqlite3)");
        other.write("BEGIN IMMEDIATE;\nUPDATE users SET city = city;\n");
        // The shell's output is buffered in a pipe: see the lock from here instead.
        const QSqlDatabase probe = QSqlDatabase::database(db.openExtraConnection());
        auto locked = [&] {
            QSqlQuery p(probe);
            p.exec(QStringLiteral("PRAGMA busy_timeout = 0"));
            if (p.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
                p.exec(QStringLiteral("ROLLBACK"));
                return false;
            }
            return true;
        };
        QTRY_VERIFY_WITH_TIMEOUT(locked() || other.state() != QProcess::Running, 10000);
        QCOMPARE(other.state(), QProcess::Running);
        const QString before = cities(db.db());
        const auto busy = RowWriter::update(db.db(), users, RowSnapshot::load(db.db(), users, 1),
                                            {{QStringLiteral("city"), QStringLiteral("Busy")}}, false);
        QVERIFY(!busy.ok());
        QVERIFY2(busy.message.contains(QStringLiteral("locked by another program")) &&
                     busy.message.contains(QStringLiteral("nothing was saved"), Qt::CaseInsensitive),
                 qPrintable(busy.message));
        // A workflow says the same, not the driver's "Unable to begin transaction".
        const ServiceResult refund = PaymentService::refund(db.db(), 1, QStringLiteral("customer asked"));
        QVERIFY(!refund.ok);
        QVERIFY2(refund.message.contains(QStringLiteral("locked by another program")) &&
                     !refund.message.contains(QStringLiteral("Unable to")),
                 qPrintable(refund.message));
        other.write("COMMIT;\n.quit\n");
        other.closeWriteChannel();
        QTRY_VERIFY_WITH_TIMEOUT(other.state() == QProcess::NotRunning, 10000);
        QCOMPARE(cities(db.db()), before);
        const auto saved = RowWriter::update(db.db(), users, RowSnapshot::load(db.db(), users, 1),
                                             {{QStringLiteral("city"), QStringLiteral("Busy")}}, false);
        QVERIFY2(saved.ok(), qPrintable(saved.message));
    }

    void clientKilledMidTransactionChangesNothing()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        const QString before = cities(db.db());
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QLatin1String(childUrlVariable), childUrl(db));
        child.setProcessEnvironment(env);
        child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        child.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(child.waitForStarted());
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += child.readAllStandardOutput()).contains("written") ||
                                     child.state() == QProcess::NotRunning,
                                 20000);
        QVERIFY2(child.state() == QProcess::Running, output.constData());
        ::kill(pid_t(child.processId()), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(child.state() == QProcess::NotRunning, 10000);
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        // PostgreSQL rolls back when the backend notices the client is gone; SQLite when the next
        // connection finds the hot journal. Either way nobody sees the half-done transaction.
        QTRY_COMPARE_WITH_TIMEOUT(cities(db.db()), before, 10000);
        const TableSpec& users = *TableSpec::forTable(QStringLiteral("users"));
        const auto saved = RowWriter::update(db.db(), users, RowSnapshot::load(db.db(), users, 1),
                                             {{QStringLiteral("city"), QStringLiteral("After")}}, false);
        QVERIFY2(saved.ok(), qPrintable(saved.message));
    }

    void twoClientsRacingOnOneRow()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        const TableSpec& users = *TableSpec::forTable(QStringLiteral("users"));
        const QString second = db.openExtraConnection();
        QVERIFY(!second.isEmpty());
        WindowedTableModel a(users, db.connectionName());
        WindowedTableModel b(users, second);
        QAbstractItemModelTester testerA(&a, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester testerB(&b, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(a.waitForCount() && b.waitForCount());
        QVERIFY(a.waitForRows(0, 0) && b.waitForRows(0, 0));
        const int city = a.fieldIndex(QStringLiteral("city"));
        const QVariant key = a.data(a.index(0, 0), WindowedTableModel::KeyRole);
        QCOMPARE(b.data(b.index(0, 0), WindowedTableModel::KeyRole), key);
        QVERIFY(a.setData(a.index(0, city), QStringLiteral("FirstCity")));
        QVERIFY(b.setData(b.index(0, city), QStringLiteral("SecondCity")));
        QVERIFY2(a.submitAll(), qPrintable(a.lastError()));
        QVERIFY(!b.submitAll());
        // The loser is told who won and keeps its edit; the winner's value stays.
        QVERIFY2(b.lastError().contains(QStringLiteral("changed"), Qt::CaseInsensitive), qPrintable(b.lastError()));
        QVERIFY(b.isDirty());
        QSqlQuery q(db.db());
        QVERIFY(q.exec(QStringLiteral("SELECT city FROM users WHERE id = %1").arg(key.toLongLong())) && q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("FirstCity"));
    }
};

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsSet(childUrlVariable)) {
        QCoreApplication app(argc, argv);
        return runChild();
    }
    QCoreApplication app(argc, argv);
    TestFaults test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_faults.moc"
