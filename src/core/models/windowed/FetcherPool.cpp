#include "FetcherPool.h"

#include "PooledConnection.h"
#include "schema/IndexCatalog.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QThread>

namespace {
struct Entry
{
    std::weak_ptr<FetcherPool::Workers> workers;  // while any model uses them
    std::shared_ptr<FetcherPool::Workers> pinned; // from warm() until release()
};

QMutex s_mutex;
QAtomicInt s_serial;

QHash<QString, Entry>& entries()
{
    static QHash<QString, Entry> map;
    return map;
}

// Pinned pools must stop while QCoreApplication still exists (threads, event dispatchers).
void releaseAll()
{
    QHash<QString, Entry> gone;
    {
        QMutexLocker lock(&s_mutex);
        gone.swap(entries());
    }
    gone.clear(); // outside the lock: waits for the threads
}

// Callers hold s_mutex.
std::shared_ptr<FetcherPool::Workers> lockedAcquire(const QString& connectionName)
{
    static const bool registered = [] {
        qAddPostRoutine(&releaseAll);
        return true;
    }();
    Q_UNUSED(registered);
    Entry& entry = entries()[connectionName];
    std::shared_ptr<FetcherPool::Workers> workers = entry.pinned ? entry.pinned : entry.workers.lock();
    if (!workers) {
        workers = std::make_shared<FetcherPool::Workers>(connectionName, IndexCatalog::forConnection(connectionName));
        entry.workers = workers;
    }
    return workers;
}
} // namespace

FetcherPool::Workers::Workers(const QString& sourceConnection, std::shared_ptr<const IndexCatalog> catalog)
{
    const QString base = QStringLiteral("%1_pool%2").arg(sourceConnection).arg(s_serial.fetchAndAddRelaxed(1));
    m_pageThread = new QThread;
    m_countThread = new QThread;
    m_pageThread->setObjectName(QStringLiteral("WindowedPages"));
    m_countThread->setObjectName(QStringLiteral("WindowedCount"));
    m_pages = new PooledConnection(sourceConnection, base + QStringLiteral("_pages"), catalog);
    m_counts = new PooledConnection(sourceConnection, base + QStringLiteral("_count"), catalog);
    for (auto [thread, connection] : {std::pair{m_pageThread, m_pages}, std::pair{m_countThread, m_counts}}) {
        connection->moveToThread(thread);
        // A clone must be closed in the thread that opened it.
        QObject::connect(thread, &QThread::finished, connection, &PooledConnection::close, Qt::DirectConnection);
        thread->start();
        QMetaObject::invokeMethod(connection, &PooledConnection::warm, Qt::QueuedConnection);
    }
}

FetcherPool::Workers::~Workers()
{
    // Fetchers still on these threads were deleteLater()'d by their models: deferred deletes are
    // processed when a thread finishes, after its clone is closed.
    for (QThread* thread : {m_pageThread, m_countThread}) {
        thread->quit();
    }
    for (QThread* thread : {m_pageThread, m_countThread}) {
        thread->wait();
    }
    delete m_pages;
    delete m_counts;
    delete m_pageThread;
    delete m_countThread;
}

bool FetcherPool::Workers::isWarm() const
{
    return m_pages->isWarm() && m_counts->isWarm();
}

void FetcherPool::warm(const QString& connectionName)
{
    QMutexLocker lock(&s_mutex);
    std::shared_ptr<Workers> workers = lockedAcquire(connectionName);
    entries()[connectionName].pinned = std::move(workers);
}

void FetcherPool::release(const QString& connectionName)
{
    Entry gone;
    {
        QMutexLocker lock(&s_mutex);
        gone = entries().take(connectionName);
    }
    IndexCatalog::forget(connectionName); // the next open may be another database
    // `gone` ends here, outside the lock: if no model holds the workers, this waits for them.
}

std::shared_ptr<FetcherPool::Workers> FetcherPool::acquire(const QString& connectionName)
{
    QMutexLocker lock(&s_mutex);
    return lockedAcquire(connectionName);
}

bool FetcherPool::isWarm(const QString& connectionName)
{
    QMutexLocker lock(&s_mutex);
    const Entry entry = entries().value(connectionName);
    const std::shared_ptr<Workers> workers = entry.pinned ? entry.pinned : entry.workers.lock();
    return workers && workers->isWarm();
}

QList<qint64> FetcherPool::backendPids(const QString& connectionName)
{
    QMutexLocker lock(&s_mutex);
    const Entry entry = entries().value(connectionName);
    const std::shared_ptr<Workers> workers = entry.pinned ? entry.pinned : entry.workers.lock();
    if (!workers) {
        return {};
    }
    return {workers->pages()->backendPid(), workers->counts()->backendPid()};
}
