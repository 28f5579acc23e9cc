#pragma once

#include "WindowedQuery.h"

#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>
#include <QVector>

#include <memory>
#include <optional>

// How to reach one page: from a boundary (or the start of a direction), skip `offset`, take `limit`.
struct PagePlan
{
    WindowedQuery::Direction direction = WindowedQuery::Direction::Forward;
    std::optional<KeysetBoundary> after;
    int offset = 0;
    int limit = 0;
};

struct FetchRequest
{
    enum class Kind { Page, Count };
    Kind kind = Kind::Page;
    quint64 generation = 0;
    int page = -1;
    PagePlan plan;
    std::shared_ptr<const WindowedQuery> query;
    bool estimateOnly = false; // Count: only the planner's estimate
    bool prefetch = false;     // Page: served after everything the user is looking at
};

struct FetchResult
{
    FetchRequest::Kind kind = FetchRequest::Kind::Page;
    quint64 generation = 0;
    int page = -1;
    QVector<WindowRow> rows; // in displayed order
    qint64 count = -1;       // Count: the exact count; -1 on error
    bool dropped = false;    // superseded by newer requests before it ran
    QString error;
};

class PooledConnection;
class QSqlError;
class QSqlQuery;
class QThread;

// Runs one windowed model's queries on a pooled worker thread, with that thread's open clone of the
// model's connection (see FetcherPool), so that the GUI thread never waits for the database.
// Several models' fetchers may share a thread; each model has its own fetcher, so results go back
// to the model that asked. Requests are served newest first and only the newest few are kept:
// scrolling past a page makes its request obsolete.
class WindowFetcher : public QObject
{
    Q_OBJECT
public:
    // Moves itself to `connection`'s thread. `sourceConnection` is the model's own connection,
    // used from the model's thread to cancel a superseded count. Delete with deleteLater().
    WindowFetcher(PooledConnection* connection, QString sourceConnection);
    ~WindowFetcher() override;

    // Thread-safe; may be called from the GUI thread.
    void enqueue(const FetchRequest& request);
    // Drops pending requests of older generations and cancels a running count or page of one (its
    // result comes back as dropped, not as an error). Cancelling needs the model's thread.
    void dropOlderThan(quint64 generation);

    // Prepares, binds and runs a statement forward-only.
    static bool exec(QSqlQuery& query, const WindowedQuery::Statement& statement);

    static constexpr int maxPending = 6;

signals:
    void fetched(const FetchResult& result);
    void estimated(quint64 generation, qint64 estimate);

private:
    void drain();
    FetchResult run(const FetchRequest& request);
    FetchResult runPage(const FetchRequest& request, QSqlError* failure);
    FetchResult runCount(const FetchRequest& request, QSqlError* failure);
    bool cancelRequested();

    PooledConnection* m_connection;
    QString m_source;
    QThread* m_ownerThread;
    QMutex m_mutex;
    QList<FetchRequest> m_pending; // oldest first
    bool m_scheduled = false;
    // The request being run, for dropOlderThan() (all under m_mutex).
    std::optional<quint64> m_runningCount; // generation of the running request (count or page)
    bool m_cancelled = false;
};
