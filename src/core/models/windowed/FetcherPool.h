#pragma once

#include <QList>
#include <QString>

#include <memory>

class IndexCatalog;
class PooledConnection;
class QThread;

// Long-lived worker threads per open app connection, each holding an open, warmed clone of it.
// Windowed models put their fetchers on these threads instead of starting threads and opening
// cold connections of their own, so a page's first query runs on a hot session.
//
// The app calls warm() when it opens a database and release() before closing it. A model on a
// connection that was never warmed starts the pool itself; such a pool lives only as long as the
// models using it. GUI-thread API; nothing here waits for the database except release(), which
// waits for the pooled threads to finish what they are running.
class FetcherPool
{
public:
    // The pooled threads of one connection: pages on one, counts on the other, so that a slow
    // exact COUNT(*) never delays a page. Shared by every model on the connection.
    class Workers
    {
    public:
        Workers(const QString& sourceConnection, std::shared_ptr<const IndexCatalog> catalog);
        ~Workers(); // threads quit; each clone is closed in its own thread
        Workers(const Workers&) = delete;
        Workers& operator=(const Workers&) = delete;

        PooledConnection* pages() const { return m_pages; }
        PooledConnection* counts() const { return m_counts; }
        bool isWarm() const;

    private:
        PooledConnection* start(QThread* thread, const QString& connectionName);

        QThread* m_pageThread = nullptr;
        QThread* m_countThread = nullptr;
        PooledConnection* m_pages = nullptr;
        PooledConnection* m_counts = nullptr;
    };

    // Starts the pool of `connectionName` (an open Database connection) and keeps it until
    // release(). Reads the connection's IndexCatalog first (a few ms), then returns: the clones
    // are opened and warmed on the workers' threads, with queries the indexes serve only.
    static void warm(const QString& connectionName);
    // Forgets the pool; its threads stop once the last model using them is gone.
    static void release(const QString& connectionName);
    // The pool for a model, started now if warm() was not called.
    static std::shared_ptr<Workers> acquire(const QString& connectionName);

    // For the benchmark and tests.
    static bool isWarm(const QString& connectionName);
    static QList<qint64> backendPids(const QString& connectionName);
};
