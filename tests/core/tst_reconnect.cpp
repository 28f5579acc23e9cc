#include "TestEngines.h"
#include "TestSql.h"
#include "db/Database.h"
#include "models/PlatformTableModel.h"
#include "services/SqlErrorTranslator.h"

#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {
const char* seedSql = R"(
INSERT INTO courses (id, name, description, duration, fee, original_price, level) VALUES ('starter-track', 'Starter Track', 'New sellers', '45 Days', 5999.00, 7999.00, 'Beginner');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, created_at, updated_at) VALUES (1, 'Asha', 'Rao', 'asha@example.in', '$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE', '9876543210', '12 MG Road', 'Pune', 'Maharashtra', '411001', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, created_at, updated_at) VALUES (2, 'Liam', 'O''Brien', 'liam@example.in', '$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE', '8876543210', '5 Park St', 'Kolkata', 'West Bengal', '700016', '2026-01-02 00:00:00', '2026-01-02 00:00:00');
)";

const TableSpec& usersSpec()
{
    return *TableSpec::forTable(QStringLiteral("users"));
}

int rowOf(const PlatformTableModel& model, const QString& email)
{
    const int c = model.columnOf(QStringLiteral("email"));
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.index(r, c).data(Qt::EditRole).toString() == email) {
            return r;
        }
    }
    return -1;
}

using TestSql::scalar;

// Kills every other backend on the test database, as a server restart or a dropped network would.
bool dropOtherConnections(const QSqlDatabase& killer)
{
    QSqlQuery query(killer);
    return query.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                     "WHERE datname = current_database() AND pid <> pg_backend_pid()"));
}
} // namespace

// The drop itself needs a server: SQLite rows are skipped (a file gone or locked is out of scope).
#define POSTGRES_ONLY()                                                                                                \
    do {                                                                                                               \
        if (TestEngines::current() == Engine::Sqlite)                                                                  \
            QSKIP("SQLite has no server connection that can drop (a missing or locked file is out of scope)");         \
    } while (false)

#define SEEDED_DATABASE(name)                                                                                          \
    TEST_DATABASE(name);                                                                                               \
    QVERIFY2(name.exec(QString::fromUtf8(seedSql)), qPrintable(name.error()))

class TestReconnect : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void classifiesConnectionErrors()
    {
        using E = QSqlError;
        QVERIFY(Database::isConnectionLost(E(QString(), QStringLiteral("could not connect"), E::ConnectionError)));
        QVERIFY(Database::isConnectionLost(
            E(QStringLiteral("QPSQL: Unable to create query"),
              QStringLiteral("server closed the connection unexpectedly\n\tThis probably means the server terminated "
                             "abnormally"),
              E::StatementError)));
        QVERIFY(Database::isConnectionLost(
            E(QString(), QStringLiteral("FATAL:  terminating connection due to administrator command"),
              E::TransactionError, QStringLiteral("57P01"))));
        QVERIFY(
            Database::isConnectionLost(E(QString(), QStringLiteral("no connection to the server"), E::UnknownError)));
        QVERIFY(SqlErrorTranslator::isConnectionLost(
            E(QString(), QString(), E::StatementError, QStringLiteral("08006")), QSqlDatabase()));
        QVERIFY(!Database::isConnectionLost(E()));
        QVERIFY(!Database::isConnectionLost(
            E(QString(), QStringLiteral("duplicate key value violates unique constraint \"users_email_key\""),
              E::StatementError, QStringLiteral("23505"))));
        QVERIFY(!Database::isConnectionLost(
            E(QString(), QStringLiteral("UNIQUE constraint failed: users.email"), E::StatementError)));
        // QSQLITE labels a failed step (a constraint too) ConnectionError: not a lost connection.
        if (TestEngines::current() == Engine::Sqlite) {
            TEST_EMPTY_DATABASE(db);
            QVERIFY(!Database::isConnectionLost(E(QStringLiteral("Unable to fetch row"),
                                                  QStringLiteral("FOREIGN KEY constraint failed"), E::ConnectionError,
                                                  QStringLiteral("19")),
                                                db.db()));
        }
        const auto translated = SqlErrorTranslator::translate(
            QSqlDatabase(), usersSpec(), E(QString(), QStringLiteral("no connection to the server"), E::UnknownError),
            {}, SqlErrorTranslator::Operation::Update, QVariant());
        QVERIFY(translated.connectionLost);
        QVERIFY(translated.message.contains(QStringLiteral("connection to the database was lost")));
    }

    void saveAfterDroppedConnectionKeepsEditsAndWritesOnce()
    {
        POSTGRES_ONLY();
        SEEDED_DATABASE(db);
        const QString killer = db.openExtraConnection();
        QVERIFY2(!killer.isEmpty(), qPrintable(db.error()));

        PlatformTableModel model(usersSpec(), db.db());
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        const int row = rowOf(model, QStringLiteral("asha@example.in"));
        QVERIFY(row >= 0);
        QModelIndex city = model.index(row, model.columnOf(QStringLiteral("city")));
        // A save before the drop leaves QSqlTableModel's UPDATE prepared in the old server session.
        QVERIFY(model.setData(city, QStringLiteral("Thane")));
        QVERIFY2(model.save(), qPrintable(model.saveFailure().text()));
        city = model.index(rowOf(model, QStringLiteral("asha@example.in")), model.columnOf(QStringLiteral("city")));
        QVERIFY(model.setData(city, QStringLiteral("Nagpur")));

        QVERIFY(dropOtherConnections(QSqlDatabase::database(killer)));

        QVERIFY(!model.save());
        QVERIFY2(model.saveFailure().connectionLost, qPrintable(model.saveFailure().text()));
        QVERIFY(model.hasPendingEdits());
        QVERIFY(model.isDirty(city));
        QCOMPARE(city.data(Qt::EditRole).toString(), QStringLiteral("Nagpur"));
        QCOMPARE(
            scalar(QSqlDatabase::database(killer), QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
            QStringLiteral("Thane"));

        // Saving again while still disconnected fails the same way and loses nothing.
        QVERIFY(!model.save());
        QVERIFY(model.saveFailure().connectionLost);
        QCOMPARE(city.data(Qt::EditRole).toString(), QStringLiteral("Nagpur"));

        QString error;
        QVERIFY2(Database::reconnect(db.connectionName(), &error), qPrintable(error));
        // The same session settings as a fresh open.
        QCOMPARE(scalar(db.db(), QStringLiteral("SHOW TimeZone")).toString(), QStringLiteral("UTC"));

        QVERIFY2(model.save(), qPrintable(model.saveFailure().text()));
        QVERIFY(!model.hasPendingEdits());
        const QSqlDatabase other = QSqlDatabase::database(killer);
        QCOMPARE(scalar(other, QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Nagpur'")).toInt(), 1);
        QCOMPARE(scalar(other, QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 2);
        QCOMPARE(scalar(other, QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Nagpur"));
        QCOMPARE(model.index(rowOf(model, QStringLiteral("asha@example.in")), model.columnOf(QStringLiteral("city")))
                     .data(Qt::EditRole)
                     .toString(),
                 QStringLiteral("Nagpur"));
    }

    void failedReconnectKeepsEditsUntilTheServerIsBack()
    {
        POSTGRES_ONLY();
        SEEDED_DATABASE(db);
        const QString killer = db.openExtraConnection();
        QVERIFY2(!killer.isEmpty(), qPrintable(db.error()));
        const QSqlDatabase other = QSqlDatabase::database(killer);
        const QString name = db.url().database;

        PlatformTableModel model(usersSpec(), db.db());
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        const int city = model.columnOf(QStringLiteral("city"));
        QVERIFY(model.setData(model.index(0, city), QStringLiteral("Nagpur")));

        // The server refuses new sessions for a while (as during a restart). ALTER DATABASE must
        // come from another database.
        const QString adminName = QStringLiteral("tst_reconnect_admin");
        QString adminError;
        QVERIFY2(Database::open(TestDatabase::postgresAdminUrl(), adminName, &adminError), qPrintable(adminError));
        const auto closeAdmin = qScopeGuard([&] { Database::close(adminName); });
        QSqlQuery admin(QSqlDatabase::database(adminName));
        QVERIFY_SQL(admin, exec(QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS false").arg(name)));
        QVERIFY(dropOtherConnections(other));
        QVERIFY(!model.save());
        QVERIFY(model.saveFailure().connectionLost);
        QString error;
        QVERIFY(!Database::reconnect(db.connectionName(), &error));
        QVERIFY(!error.isEmpty());
        QVERIFY(!db.db().isOpen());
        // Save on the closed connection: refused as a lost connection, edits kept.
        QVERIFY(!model.save());
        QVERIFY(model.saveFailure().connectionLost);
        QVERIFY(model.hasPendingEdits());
        QCOMPARE(model.index(0, city).data(Qt::EditRole).toString(), QStringLiteral("Nagpur"));

        QVERIFY_SQL(admin, exec(QStringLiteral("ALTER DATABASE \"%1\" ALLOW_CONNECTIONS true").arg(name)));
        QVERIFY2(Database::reconnect(db.connectionName(), &error), qPrintable(error));
        QVERIFY2(model.save(), qPrintable(model.saveFailure().text()));
        QCOMPARE(scalar(other, QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Nagpur'")).toInt(), 1);
    }

    void dropInTheMiddleOfASaveKeepsEveryEdit()
    {
        POSTGRES_ONLY();
        SEEDED_DATABASE(db);
        // The server goes away after the first row was written: a trigger ends its own backend
        // the first time a row is set to 'Boom' (a sequence, so the rollback does not re-arm it).
        QVERIFY2(
            db.exec(QStringLiteral("CREATE SEQUENCE drop_once;\n"
                                   "CREATE FUNCTION drop_connection() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
                                   "IF NEW.city = 'Boom' AND nextval('drop_once') = 1 THEN "
                                   "PERFORM pg_terminate_backend(pg_backend_pid()); END IF; RETURN NEW; END $$;\n"
                                   "CREATE TRIGGER drop_connection BEFORE UPDATE ON users FOR EACH ROW "
                                   "EXECUTE FUNCTION drop_connection();")),
            qPrintable(db.error()));
        const QString killer = db.openExtraConnection();
        QVERIFY2(!killer.isEmpty(), qPrintable(db.error()));

        PlatformTableModel model(usersSpec(), db.db());
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        QCOMPARE(model.rowCount(), 2);
        const int city = model.columnOf(QStringLiteral("city"));
        const QString firstEmail = model.index(0, model.columnOf(QStringLiteral("email"))).data().toString();
        const QString secondEmail = model.index(1, model.columnOf(QStringLiteral("email"))).data().toString();
        QVERIFY(model.setData(model.index(0, city), QStringLiteral("Nagpur")));
        QVERIFY(model.setData(model.index(1, city), QStringLiteral("Boom")));

        QVERIFY(!model.save());
        QVERIFY2(model.saveFailure().connectionLost, qPrintable(model.saveFailure().text()));
        QVERIFY(model.hasPendingEdits());
        QCOMPARE(model.index(0, city).data(Qt::EditRole).toString(), QStringLiteral("Nagpur"));
        QCOMPARE(model.index(1, city).data(Qt::EditRole).toString(), QStringLiteral("Boom"));
        const QSqlDatabase other = QSqlDatabase::database(killer);
        QCOMPARE(scalar(other, QStringLiteral("SELECT COUNT(*) FROM users WHERE city IN ('Nagpur', 'Boom')")).toInt(),
                 0);

        // Still disconnected: refused again, nothing lost.
        QVERIFY(!model.save());
        QVERIFY(model.saveFailure().connectionLost);
        QVERIFY(model.hasPendingEdits());

        QString error;
        QVERIFY2(Database::reconnect(db.connectionName(), &error), qPrintable(error));
        QVERIFY2(model.save(), qPrintable(model.saveFailure().text()));
        QVERIFY(!model.hasPendingEdits());
        QCOMPARE(scalar(other, QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Nagpur'")).toInt(), 1);
        QCOMPARE(scalar(other, QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Boom'")).toInt(), 1);
        QCOMPARE(scalar(other, QStringLiteral("SELECT city FROM users WHERE email = '%1'").arg(firstEmail)).toString(),
                 QStringLiteral("Nagpur"));
        QCOMPARE(scalar(other, QStringLiteral("SELECT city FROM users WHERE email = '%1'").arg(secondEmail)).toString(),
                 QStringLiteral("Boom"));
    }

    void revertAfterDropDiscardsKeptEdits()
    {
        POSTGRES_ONLY();
        SEEDED_DATABASE(db);
        const QString killer = db.openExtraConnection();
        QVERIFY2(!killer.isEmpty(), qPrintable(db.error()));
        PlatformTableModel model(usersSpec(), db.db());
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        const int city = model.columnOf(QStringLiteral("city"));
        const QString before = model.index(0, city).data(Qt::EditRole).toString();
        QVERIFY(model.setData(model.index(0, city), QStringLiteral("Nagpur")));
        QVERIFY(dropOtherConnections(QSqlDatabase::database(killer)));
        QVERIFY(!model.save());
        QVERIFY(model.saveFailure().connectionLost);
        QString error;
        QVERIFY2(Database::reconnect(db.connectionName(), &error), qPrintable(error));
        model.revertAll();
        QVERIFY(!model.hasPendingEdits());
        QCOMPARE(model.index(0, city).data(Qt::EditRole).toString(), before);
        QVERIFY(model.save());
        QCOMPARE(
            scalar(QSqlDatabase::database(killer), QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Nagpur'"))
                .toInt(),
            0);
    }

    void modelsOnTheConnectionKeepWorkingAfterReconnect()
    {
        POSTGRES_ONLY();
        SEEDED_DATABASE(db);
        const QString killer = db.openExtraConnection();
        QVERIFY2(!killer.isEmpty(), qPrintable(db.error()));

        PlatformTableModel model(usersSpec(), db.db());
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        QVERIFY(dropOtherConnections(QSqlDatabase::database(killer)));

        // A failing search keeps the rows on screen and names the cause.
        model.setSearchText(QStringLiteral("asha"));
        QVERIFY(model.lastError().isValid());
        QVERIFY2(Database::isConnectionLost(model.lastError()), qPrintable(model.lastError().text()));
        QCOMPARE(model.rowCount(), 2);

        QString error;
        QVERIFY2(Database::reconnect(db.connectionName(), &error), qPrintable(error));
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        QCOMPARE(model.rowCount(), 1);
        model.setSearchText(QString());
        QCOMPARE(model.rowCount(), 2);

        // A plain select() on a dead connection leaves QSqlTableModel without its table's record;
        // after the reconnect the model sets itself up again.
        QVERIFY(dropOtherConnections(QSqlDatabase::database(killer)));
        QVERIFY(!model.select());
        QVERIFY2(Database::isConnectionLost(model.lastError(), db.db()), qPrintable(model.lastError().text()));
        QVERIFY2(Database::reconnect(db.connectionName(), &error), qPrintable(error));
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        QCOMPARE(model.rowCount(), 2);
        const int city = model.columnOf(QStringLiteral("city"));
        QVERIFY(model.setData(model.index(0, city), QStringLiteral("Nagpur")));
        QVERIFY2(model.save(), qPrintable(model.saveFailure().text()));
        QCOMPARE(
            scalar(QSqlDatabase::database(killer), QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Nagpur'"))
                .toInt(),
            1);
    }

    void reconnectUnknownConnectionFails()
    {
        QString error;
        QVERIFY(!Database::reconnect(QStringLiteral("no-such-connection"), &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReconnect)
#include "tst_reconnect.moc"
