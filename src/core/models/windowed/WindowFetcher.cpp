#include "WindowFetcher.h"

#include "PooledConnection.h"
#include "db/Database.h"
#include "db/SqlTime.h"

#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <algorithm>

namespace {
// A statement stopped by pg_cancel_backend (SQLSTATE 57014) or sqlite3_interrupt (SQLITE_INTERRUPT).
bool wasCancelled(const QSqlError& error, const QSqlDatabase& db)
{
    const QString code = error.nativeErrorCode();
    return Database::isPostgres(db) ? code == QLatin1String("57014") : code == QLatin1String("9");
}

// A failed statement's message; QPSQL reports none once it has closed a lost connection.
QString errorText(const QSqlError& error)
{
    return error.text().trimmed().isEmpty() ? QStringLiteral("The database connection is closed.") : error.text();
}

FetchResult droppedResult(const FetchRequest& request)
{
    FetchResult result;
    result.kind = request.kind;
    result.generation = request.generation;
    result.page = request.page;
    result.dropped = true;
    return result;
}
} // namespace

bool WindowFetcher::exec(QSqlQuery& query, const WindowedQuery::Statement& statement)
{
    query.setForwardOnly(true);
    if (statement.binds.isEmpty()) {
        return query.exec(statement.sql);
    }
    if (!query.prepare(statement.sql)) {
        return false;
    }
    for (const QVariant& value : statement.binds) {
        query.addBindValue(value);
    }
    return query.exec();
}

WindowFetcher::WindowFetcher(PooledConnection* connection, QString sourceConnection)
    : m_connection(connection), m_source(std::move(sourceConnection)), m_ownerThread(QThread::currentThread())
{
    moveToThread(connection->thread());
}

WindowFetcher::~WindowFetcher() = default;

void WindowFetcher::enqueue(const FetchRequest& request)
{
    QList<FetchRequest> dropped;
    {
        QMutexLocker lock(&m_mutex);
        if (request.kind == FetchRequest::Kind::Count) {
            // Only the newest count matters.
            m_pending.removeIf([](const FetchRequest& r) { return r.kind == FetchRequest::Kind::Count; });
        }
        if (request.prefetch) {
            m_pending.prepend(request); // served last (newest first), dropped first
        } else {
            m_pending.append(request);
        }
        while (m_pending.size() > maxPending) {
            dropped << m_pending.takeFirst();
        }
        if (!m_scheduled) {
            m_scheduled = true;
            QMetaObject::invokeMethod(this, &WindowFetcher::drain, Qt::QueuedConnection);
        }
    }
    for (const FetchRequest& r : std::as_const(dropped)) {
        emit fetched(droppedResult(r));
    }
}

void WindowFetcher::dropOlderThan(quint64 generation)
{
    QMutexLocker lock(&m_mutex);
    m_pending.removeIf([generation](const FetchRequest& r) { return r.generation < generation; });
    // A full COUNT(*), or a page no index serves, can run for seconds and holds a pooled thread
    // that other models share.
    // Under the lock the count is still running (drain() clears it under the same lock), so the
    // cancel cannot hit a later statement of this fetcher.
    if (m_runningCount && *m_runningCount < generation && !m_cancelled && QThread::currentThread() == m_ownerThread) {
        m_cancelled = true;
        m_connection->cancelRunning(m_source);
    }
}

bool WindowFetcher::cancelRequested()
{
    QMutexLocker lock(&m_mutex);
    return m_cancelled;
}

void WindowFetcher::drain()
{
    for (;;) {
        FetchRequest request;
        {
            QMutexLocker lock(&m_mutex);
            if (m_pending.isEmpty()) {
                m_scheduled = false;
                return;
            }
            request = m_pending.takeLast(); // newest first: it is what the user looks at now
            // Counts and pages alike: a page of a sort or search no index serves scans the table.
            m_runningCount = request.generation;
            m_cancelled = false;
        }
        FetchResult result = run(request);
        {
            QMutexLocker lock(&m_mutex);
            if (m_cancelled) {
                result = droppedResult(request); // superseded: stopped on purpose, not an error
            }
            m_runningCount.reset();
            m_cancelled = false;
        }
        emit fetched(result);
    }
}

FetchResult WindowFetcher::run(const FetchRequest& request)
{
    auto once = [&](QSqlError* failure) {
        return request.kind == FetchRequest::Kind::Count ? runCount(request, failure) : runPage(request, failure);
    };
    QSqlError failure;
    FetchResult result = once(&failure);
    if (result.error.isEmpty() || cancelRequested()) {
        return result;
    }
    bool lost = false;
    bool cancelled = false;
    {
        // No copy of the connection may be alive when reopen() removes it.
        const QSqlDatabase db = QSqlDatabase::database(m_connection->connectionName(), false);
        lost = Database::isConnectionLost(failure, db) || !db.isOpen();
        cancelled = wasCancelled(failure, db);
    }
    if (lost) {
        // The server dropped the pooled session (restart, idle timeout, terminated backend): open
        // it again once and retry once before the user sees an error.
        QString error;
        if (!m_connection->reopen(&error)) {
            result.error = error;
            return result;
        }
        return once(&failure);
    }
    if (cancelled) {
        // A cancel meant for another model's count on this shared connection, arriving late.
        return once(&failure);
    }
    return result;
}

FetchResult WindowFetcher::runPage(const FetchRequest& request, QSqlError* failure)
{
    FetchResult result;
    result.kind = request.kind;
    result.generation = request.generation;
    result.page = request.page;
    if (!m_connection->ensureOpen(&result.error)) {
        return result;
    }
    const QSqlDatabase db = QSqlDatabase::database(m_connection->connectionName(), false);
    const WindowedQuery& q = *request.query;
    PagePlan plan = request.plan;
    if (plan.offset > 0) {
        // Far from any known row: find the row just before the page with the narrow query, then
        // fetch the page itself by keyset, so the joins run for the page's rows only.
        QSqlQuery anchor(db);
        if (!exec(anchor, q.anchor(plan.direction, plan.after, plan.offset - 1))) {
            *failure = anchor.lastError();
            result.error = errorText(*failure);
            return result;
        }
        if (!anchor.next()) {
            return result; // past the end (the count moved): an empty page
        }
        plan.after = WindowedQuery::decodeAnchor(anchor);
        plan.offset = 0;
    }
    QSqlQuery query(db);
    if (!exec(query, q.page(plan.direction, plan.after, 0, plan.limit))) {
        *failure = query.lastError();
        result.error = errorText(*failure);
        return result;
    }
    const SqlTime time = SqlTime::forConnection(db);
    result.rows.reserve(plan.limit);
    while (query.next()) {
        result.rows.append(q.decode(query, time));
    }
    if (query.lastError().isValid()) {
        *failure = query.lastError();
        result.error = errorText(*failure);
        result.rows.clear();
        return result;
    }
    if (plan.direction == WindowedQuery::Direction::Backward) {
        std::reverse(result.rows.begin(), result.rows.end());
    }
    return result;
}

FetchResult WindowFetcher::runCount(const FetchRequest& request, QSqlError* failure)
{
    FetchResult result;
    result.kind = request.kind;
    result.generation = request.generation;
    if (!m_connection->ensureOpen(&result.error)) {
        return result;
    }
    const QSqlDatabase db = QSqlDatabase::database(m_connection->connectionName(), false);
    const WindowedQuery& q = *request.query;
    if (!q.isFiltered()) {
        // The planner's estimate first, so the scrollbar has the right size at once.
        QSqlQuery query(db);
        bool ok = exec(query, q.estimate()) && query.next();
        if (!ok && Database::isConnectionLost(query.lastError(), db)) {
            *failure = query.lastError();
            result.error = errorText(*failure);
            return result;
        }
        qint64 estimate = ok ? query.value(0).toString().section(QLatin1Char(' '), 0, 0).toLongLong(&ok) : -1;
        if (!ok && db.driverName() == QLatin1String("QSQLITE")) {
            QSqlQuery fallback(db);
            ok = exec(fallback, q.estimateFallback()) && fallback.next();
            estimate = ok ? fallback.value(0).toLongLong() : -1;
        }
        if (ok && estimate >= 0) {
            emit estimated(request.generation, estimate);
        }
    }
    if (request.estimateOnly) {
        return result; // count -1: nothing exact yet
    }
    QSqlQuery query(db);
    if (!exec(query, q.count()) || !query.next()) {
        *failure = query.lastError();
        result.error = errorText(*failure);
        return result;
    }
    result.count = query.value(0).toLongLong();
    return result;
}
