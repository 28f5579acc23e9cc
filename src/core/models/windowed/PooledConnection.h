#pragma once

#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <memory>

class IndexCatalog;

// One long-lived clone of an app connection, living on one pooled worker thread. It is opened and
// warmed as soon as the pool starts (not when a page first needs it), so that a page's first query
// finds an open session with a hot catalog cache. Everything except the thread-safe members runs
// in the worker's thread, which is the only thread that may use a QSqlDatabase it opened.
class PooledConnection : public QObject
{
    Q_OBJECT
public:
    PooledConnection(QString sourceConnection, QString connectionName, std::shared_ptr<const IndexCatalog> catalog);
    ~PooledConnection() override;

    QString connectionName() const { return m_connection; }

    // Worker thread. Opens the clone if it is not open; a failed open is tried again next time.
    bool ensureOpen(QString* error);
    // Worker thread. Closes the clone and opens it again, for a session the server dropped.
    bool reopen(QString* error);
    // Worker thread (also on QThread::finished).
    void close();
    // Worker thread, queued when the pool starts: opens the clone, then warms one table per event,
    // so requests queued meanwhile are served between the steps rather than after all of them.
    void warm();

    // Thread-safe.
    bool isWarm() const { return m_warm.load(); }
    // Thread-safe: the PostgreSQL backend's pid (0 when closed or on SQLite).
    qint64 backendPid() const;
    // Thread-safe: stops the statement running on this clone. PostgreSQL: pg_cancel_backend(pid)
    // run on `viaConnection`, an open connection of the calling thread. SQLite: sqlite3_interrupt.
    // A no-op when nothing runs.
    void cancelRunning(const QString& viaConnection);

private:
    void warmNext();
    // After every open: session settings, and the handles cancelRunning() needs.
    void setUpSession();

    QString m_source;
    QString m_connection;
    std::shared_ptr<const IndexCatalog> m_catalog; // what the warm-up plans from
    bool m_open = false;
    int m_warmStep = 0;
    std::atomic_bool m_warm = false;
    // Read by cancelRunning() from other threads while this thread may close the clone.
    mutable QMutex m_handleMutex;
    qint64 m_pid = 0;
    void* m_sqlite = nullptr; // sqlite3*, valid while the clone is open
};
