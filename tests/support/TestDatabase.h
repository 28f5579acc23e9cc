#pragma once

#include "db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>
#include <QTemporaryDir>

#include <memory>

// A throwaway database on one engine: a file in a temporary folder for SQLite, a freshly created
// database (dropped again in the destructor) on the PostgreSQL server named by
// COURSEDESK_TEST_POSTGRES_URL. Real servers, real files: no mocks.
class TestDatabase
{
public:
    explicit TestDatabase(Engine engine);
    // A database on another PostgreSQL server (`server`: its administrator's URL), e.g. a
    // TestCluster the test started itself.
    explicit TestDatabase(const DatabaseUrl& server);
    ~TestDatabase();
    TestDatabase(const TestDatabase&) = delete;
    TestDatabase& operator=(const TestDatabase&) = delete;

    bool isValid() const { return m_valid; }
    QString error() const { return m_error; }
    Engine engine() const { return m_url.engine; }
    QSqlDatabase db() const;
    QString connectionName() const { return m_connection; }
    DatabaseUrl url() const { return m_url; }
    // The URL as a --database argument of the command line (SQLite: the plain path, unencoded).
    QString commandLineUrl() const;

    // Platform schema + Coursedesk objects, through the real migration runner.
    bool createSchema();
    // Runs SQL (several statements separated by ';' at line ends) on this database.
    bool exec(const QString& sql);
    // A further connection to the same database (for two-user and thread tests); closed with it.
    QString openExtraConnection();
    // PostgreSQL: a further connection whose open transaction holds `table` in ACCESS EXCLUSIVE
    // mode, so that statements reading it wait on the server (cancel tests); its name, empty on
    // failure (error()). Roll it back to release the lock.
    QString lockExclusively(const QString& table);
    // Fills the database with the deterministic demo data set (see DemoDataGenerator).
    bool fillDemoData();

    static bool postgresConfigured();
    static bool postgresRequired();
    static DatabaseUrl postgresAdminUrl();

private:
    TestDatabase(Engine engine, const DatabaseUrl& server);

    QString m_connection;
    DatabaseUrl m_url;
    DatabaseUrl m_admin; // PostgreSQL: where the database is created and dropped
    bool m_valid = false;
    QString m_error;
    std::unique_ptr<QTemporaryDir> m_dir;
    QStringList m_extraConnections;
};
