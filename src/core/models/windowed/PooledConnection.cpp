#include "PooledConnection.h"

#include "WindowFetcher.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/TableSpec.h"
#include "schema/IndexCatalog.h"

#include <QMutexLocker>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

PooledConnection::PooledConnection(QString sourceConnection, QString connectionName,
                                   std::shared_ptr<const IndexCatalog> catalog)
    : m_source(std::move(sourceConnection)), m_connection(std::move(connectionName)), m_catalog(std::move(catalog))
{
}

PooledConnection::~PooledConnection() = default;

bool PooledConnection::ensureOpen(QString* error)
{
    if (m_open) {
        if (QSqlDatabase::database(m_connection, false).isOpen()) {
            return true;
        }
        // QPSQL closes a connection by itself when it finds the server gone while cleaning up a
        // statement, without reporting it to any query: open it again.
        return reopen(error);
    }
    m_open = Database::openClone(m_source, m_connection, error);
    if (m_open) {
        setUpSession();
    }
    return m_open;
}

void PooledConnection::setUpSession()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    if (Database::isPostgres(db)) {
        // Keyset bounds change on every page: plan each execution with its values rather than
        // letting PostgreSQL settle on a generic plan after five runs.
        QSqlQuery(db).exec(QStringLiteral("SET plan_cache_mode = force_custom_plan"));
    }
    qint64 pid = 0;
    void* sqlite = nullptr;
    if (Database::isPostgres(db)) {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT pg_backend_pid()")) && query.next()) {
            pid = query.value(0).toLongLong();
        }
    } else {
        const QVariant handle = db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            sqlite = *static_cast<sqlite3* const*>(handle.data());
        }
    }
    QMutexLocker lock(&m_handleMutex);
    m_pid = pid;
    m_sqlite = sqlite;
}

bool PooledConnection::reopen(QString* error)
{
    // The URL is kept with the clone itself, so this works even after the app connection it was
    // cloned from has been closed or re-opened.
    const DatabaseUrl url = Database::url(QSqlDatabase::database(m_connection, false));
    close();
    m_open = Database::open(url, m_connection, error);
    if (m_open) {
        setUpSession();
    }
    return m_open;
}

void PooledConnection::close()
{
    {
        // No cancelRunning() may use the handle while the connection goes away.
        QMutexLocker lock(&m_handleMutex);
        m_pid = 0;
        m_sqlite = nullptr;
    }
    if (m_open) {
        Database::close(m_connection);
        m_open = false;
    }
}

qint64 PooledConnection::backendPid() const
{
    QMutexLocker lock(&m_handleMutex);
    return m_pid;
}

void PooledConnection::cancelRunning(const QString& viaConnection)
{
    qint64 pid = 0;
    {
        QMutexLocker lock(&m_handleMutex);
        if (m_sqlite) {
            // Thread-safe by SQLite's contract while the connection is open (held by the lock).
            sqlite3_interrupt(static_cast<sqlite3*>(m_sqlite));
            return;
        }
        pid = m_pid;
    }
    if (pid <= 0) {
        return;
    }
    // From another session: this clone's own thread is busy running the statement.
    QSqlDatabase via = QSqlDatabase::database(viaConnection, false);
    if (!via.isValid() || !via.isOpen()) {
        return;
    }
    QSqlQuery query(via);
    query.prepare(QStringLiteral("SELECT pg_cancel_backend(?)"));
    query.addBindValue(pid);
    query.exec();
}

void PooledConnection::warm()
{
    m_warmStep = 0;
    warmNext();
}

void PooledConnection::warmNext()
{
    const QList<TableSpec>& specs = TableSpec::all();
    if (m_warmStep == 0) {
        QString ignored;
        if (!ensureOpen(&ignored)) {
            m_warm = true; // nothing to warm; requests will report the error themselves
            return;
        }
    } else if (m_warmStep <= specs.size()) {
        // Plan and run each table's first page (one row) and its estimate, and decode the row: this
        // loads the catalog entries, the indexes' top pages and the time zone data a first page needs.
        // Only pages an index serves: on the platform's own database a first page in created_at
        // order would be a scan and sort of the whole table (seconds, on both pooled connections).
        const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        const WindowedQuery query(specs.at(m_warmStep - 1), Database::engine(db), m_catalog);
        const qint64 rows = m_catalog ? m_catalog->rowEstimate(query.spec().table) : -1;
        const bool small = rows >= 0 && rows < 10000; // sorting it costs less than a millisecond or two
        QSqlQuery page(db);
        if ((query.cost().served || small) &&
            WindowFetcher::exec(page, query.page(WindowedQuery::Direction::Forward, std::nullopt, 0, 1)) &&
            page.next()) {
            query.decode(page, SqlTime::forConnection(db));
        }
        QSqlQuery estimate(db);
        WindowFetcher::exec(estimate, query.estimate());
    }
    if (m_warmStep >= specs.size()) {
        m_warm = true;
        return;
    }
    ++m_warmStep;
    QMetaObject::invokeMethod(this, &PooledConnection::warmNext, Qt::QueuedConnection);
}
