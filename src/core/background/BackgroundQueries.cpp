#include "BackgroundQueries.h"

#include "WorkerConnection.h"
#include "models/windowed/PooledConnection.h"

#include <QAtomicInteger>
#include <QCoreApplication>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QThreadPool>

#include <map>
#include <memory>

namespace {
QMutex s_mutex;
QHash<QString, QString>& reportsMap()
{
    static QHash<QString, QString> map;
    return map;
}
// Bumped by release(): a thread's clone made for an older generation is closed, not reused.
QHash<QString, quint64>& generations()
{
    static QHash<QString, quint64> map;
    return map;
}

quint64 generationOf(const QString& connection)
{
    QMutexLocker lock(&s_mutex);
    return generations().value(connection);
}

struct Clone
{
    std::unique_ptr<PooledConnection> connection;
    quint64 generation = 0;
};

// Destroyed when its pool thread ends, in that thread: every clone is closed where it was opened.
struct ThreadClones
{
    std::map<QString, Clone> bySource; // QHash needs copyable values
    ~ThreadClones()
    {
        for (auto& [source, clone] : bySource) {
            clone.connection->close();
        }
    }
};
thread_local ThreadClones t_clones;

// Threads must end (and close their clones) while the application and the SQL drivers exist.
void stopPool()
{
    BackgroundQueries::pool()->waitForDone();
}
} // namespace

namespace BackgroundQueries {
QThreadPool* pool()
{
    static QThreadPool instance;
    static const bool configured = [] {
        instance.setObjectName(QStringLiteral("backgroundQueries"));
        instance.setMaxThreadCount(4);
        qAddPostRoutine(&stopPool);
        return true;
    }();
    Q_UNUSED(configured);
    return &instance;
}

void setReportsConnection(const QString& primary, const QString& reports)
{
    QMutexLocker lock(&s_mutex);
    if (reports.isEmpty() || reports == primary) {
        reportsMap().remove(primary);
    } else {
        reportsMap().insert(primary, reports);
    }
}

QString reportsConnection(const QString& primary)
{
    QMutexLocker lock(&s_mutex);
    return reportsMap().value(primary, primary);
}

bool hasReportsConnection(const QString& primary)
{
    QMutexLocker lock(&s_mutex);
    return reportsMap().contains(primary);
}

void release(const QString& connection)
{
    QMutexLocker lock(&s_mutex);
    ++generations()[connection];
    reportsMap().remove(connection);
}
} // namespace BackgroundQueries

WorkerConnection::WorkerConnection(const QString& sourceConnection)
{
    static QAtomicInteger<quint64> serial;
    const quint64 generation = generationOf(sourceConnection);
    Clone& clone = t_clones.bySource[sourceConnection];
    if (clone.connection && clone.generation != generation) {
        clone.connection->close();
        clone.connection.reset();
    }
    if (!clone.connection) {
        // No index catalog: these clones are never warmed, they only run the jobs given to them.
        clone.connection = std::make_unique<PooledConnection>(
            sourceConnection, QStringLiteral("background-%1").arg(serial.fetchAndAddRelaxed(1)), nullptr);
        clone.generation = generation;
    }
    m_name = clone.connection->connectionName();
    // Opens the clone the first time; afterwards reopens it only if the server dropped the session.
    m_open = clone.connection->ensureOpen(&m_error);
}

QSqlDatabase WorkerConnection::db() const
{
    return QSqlDatabase::database(m_name, false);
}
