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

// Runs a windowed model's queries on its own thread with its own connection (a clone of the
// model's), so that the GUI thread never waits for the database. Requests are served newest first
// and only the newest few are kept: scrolling past a page makes its request obsolete.
class WindowFetcher : public QObject
{
    Q_OBJECT
public:
    WindowFetcher(QString sourceConnection, QString connectionName);
    ~WindowFetcher() override;

    // Thread-safe; may be called from the GUI thread.
    void enqueue(const FetchRequest& request);
    void dropOlderThan(quint64 generation);
    // Runs in the fetcher's thread when it finishes (connected with Qt::DirectConnection).
    void closeConnection();

    static constexpr int maxPending = 6;

signals:
    void fetched(const FetchResult& result);
    void estimated(quint64 generation, qint64 estimate);

private:
    void drain();
    bool ensureOpen(QString* error);
    FetchResult runPage(const FetchRequest& request);
    FetchResult runCount(const FetchRequest& request);

    QString m_source;
    QString m_connection;
    bool m_open = false;
    QMutex m_mutex;
    QList<FetchRequest> m_pending; // oldest first
    bool m_scheduled = false;
};
