#include "TestDatabase.h"

#include "db/Database.h"
#include "schema/MigrationRunner.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QDateTime>
#include <QRandomGenerator>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

namespace {
QAtomicInt s_counter;

// One administrator connection per server (the test server, or a cluster a test started itself).
bool adminExec(const DatabaseUrl& admin, const QString& sql, QString* error)
{
    const QString name = QStringLiteral("coursedesk_test_admin_%1_%2").arg(admin.host).arg(admin.port);
    if (!QSqlDatabase::contains(name) && !Database::open(admin, name, error)) {
        return false;
    }
    QSqlQuery query(QSqlDatabase::database(name));
    if (!query.exec(sql)) {
        if (error) {
            *error = query.lastError().text();
        }
        return false;
    }
    return true;
}
} // namespace

bool TestDatabase::postgresConfigured()
{
    return !qEnvironmentVariableIsEmpty("COURSEDESK_TEST_POSTGRES_URL");
}

bool TestDatabase::postgresRequired()
{
    return qEnvironmentVariable("COURSEDESK_REQUIRE_POSTGRES") == QLatin1String("1");
}

DatabaseUrl TestDatabase::postgresAdminUrl()
{
    return DatabaseUrl::parse(qEnvironmentVariable("COURSEDESK_TEST_POSTGRES_URL")).value_or(DatabaseUrl());
}

TestDatabase::TestDatabase(Engine engine)
    : TestDatabase(engine, engine == Engine::Postgres && postgresConfigured() ? postgresAdminUrl() : DatabaseUrl())
{
}

TestDatabase::TestDatabase(const DatabaseUrl& server) : TestDatabase(Engine::Postgres, server) {}

TestDatabase::TestDatabase(Engine engine, const DatabaseUrl& server)
{
    const int serial = s_counter.fetchAndAddRelaxed(1);
    m_connection = QStringLiteral("test_%1_%2").arg(serial).arg(QCoreApplication::applicationPid());
    if (engine == Engine::Sqlite) {
        m_dir = std::make_unique<QTemporaryDir>();
        m_url = DatabaseUrl::sqliteFile(m_dir->filePath(QStringLiteral("test.db")));
    } else {
        if (server.host.isEmpty()) {
            m_error = QStringLiteral("COURSEDESK_TEST_POSTGRES_URL is not set");
            return;
        }
        m_admin = server;
        m_url = server;
        // Unique per process and instance so suites can run in parallel on one server.
        m_url.database = QStringLiteral("cdtest_%1_%2_%3")
                             .arg(QCoreApplication::applicationPid())
                             .arg(serial)
                             .arg(QRandomGenerator::global()->bounded(1000000));
        if (!adminExec(m_admin, QStringLiteral("CREATE DATABASE %1").arg(m_url.database), &m_error)) {
            return;
        }
    }
    m_valid = Database::open(m_url, m_connection, &m_error, Database::OpenMode::CreateIfMissing);
    if (m_valid && engine == Engine::Sqlite) {
        m_valid = Database::useWriteAheadLog(db(), &m_error); // as Coursedesk makes its own files
    }
}

TestDatabase::~TestDatabase()
{
    for (const QString& extra : std::as_const(m_extraConnections)) {
        Database::close(extra);
    }
    Database::close(m_connection);
    if (m_url.engine == Engine::Postgres && !m_admin.host.isEmpty() && !m_url.database.isEmpty()) {
        QString ignored;
        adminExec(m_admin, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_url.database), &ignored);
    }
}

QString TestDatabase::commandLineUrl() const
{
    return m_url.engine == Engine::Sqlite ? QStringLiteral("sqlite://") + m_url.path : m_url.toString(true);
}

QSqlDatabase TestDatabase::db() const
{
    return QSqlDatabase::database(m_connection, false);
}

bool TestDatabase::createSchema()
{
    MigrationRunner runner(db());
    return runner.createSchema(&m_error);
}

bool TestDatabase::exec(const QString& sql)
{
    QSqlQuery query(db());
    QString current;
    for (const QString& line : sql.split(QLatin1Char('\n'))) {
        if (line.trimmed().startsWith(QLatin1String("--"))) {
            continue;
        }
        current += line + QLatin1Char('\n');
        if (line.trimmed().endsWith(QLatin1Char(';'))) {
            if (!query.exec(current.trimmed().chopped(1))) {
                m_error = query.lastError().text() + QStringLiteral("\n") + current;
                return false;
            }
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty() && !query.exec(current)) {
        m_error = query.lastError().text() + QStringLiteral("\n") + current;
        return false;
    }
    return true;
}

QString TestDatabase::lockExclusively(const QString& table)
{
    const QString name = openExtraConnection();
    if (name.isEmpty()) {
        return name;
    }
    QSqlDatabase locker = QSqlDatabase::database(name, false);
    QSqlQuery lock(locker);
    // `table` is a test's own literal name, never input.
    if (!locker.transaction() ||
        !lock.exec(QStringLiteral("LOCK TABLE %1 IN ACCESS EXCLUSIVE MODE")
                       .arg(locker.driver()->escapeIdentifier(table, QSqlDriver::TableName)))) {
        m_error = lock.lastError().text();
        return QString();
    }
    return name;
}

QString TestDatabase::openExtraConnection()
{
    const QString name = m_connection + QStringLiteral("_extra%1").arg(m_extraConnections.size());
    if (!Database::open(m_url, name, &m_error)) {
        return QString();
    }
    m_extraConnections << name;
    return name;
}
