#include "WindowFetcher.h"

#include "db/Database.h"
#include "db/SqlTime.h"

#include <QMutexLocker>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {
bool run(QSqlQuery& query, const WindowedQuery::Statement& statement)
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
} // namespace

WindowFetcher::WindowFetcher(QString sourceConnection, QString connectionName)
    : m_source(std::move(sourceConnection)), m_connection(std::move(connectionName))
{
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
        FetchResult result;
        result.kind = r.kind;
        result.generation = r.generation;
        result.page = r.page;
        result.dropped = true;
        emit fetched(result);
    }
}

void WindowFetcher::dropOlderThan(quint64 generation)
{
    QMutexLocker lock(&m_mutex);
    m_pending.removeIf([generation](const FetchRequest& r) { return r.generation < generation; });
}

bool WindowFetcher::ensureOpen(QString* error)
{
    if (m_open) {
        return true;
    }
    m_open = Database::openClone(m_source, m_connection, error);
    if (m_open && Database::isPostgres(QSqlDatabase::database(m_connection, false))) {
        // Keyset bounds change on every page: plan each execution with its values rather than
        // letting PostgreSQL settle on a generic plan after five runs.
        QSqlQuery(QSqlDatabase::database(m_connection, false))
            .exec(QStringLiteral("SET plan_cache_mode = force_custom_plan"));
    }
    return m_open;
}

void WindowFetcher::closeConnection()
{
    if (m_open) {
        Database::close(m_connection);
        m_open = false;
    }
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
        }
        FetchResult result = request.kind == FetchRequest::Kind::Count ? runCount(request) : runPage(request);
        emit fetched(result);
    }
}

FetchResult WindowFetcher::runPage(const FetchRequest& request)
{
    FetchResult result;
    result.kind = request.kind;
    result.generation = request.generation;
    result.page = request.page;
    if (!ensureOpen(&result.error)) {
        return result;
    }
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const WindowedQuery& q = *request.query;
    PagePlan plan = request.plan;
    if (plan.offset > 0) {
        // Far from any known row: find the row just before the page with the narrow query, then
        // fetch the page itself by keyset, so the joins run for the page's rows only.
        QSqlQuery anchor(db);
        if (!run(anchor, q.anchor(plan.direction, plan.after, plan.offset - 1))) {
            result.error = anchor.lastError().text();
            return result;
        }
        if (!anchor.next()) {
            return result; // past the end (the count moved): an empty page
        }
        plan.after = WindowedQuery::decodeAnchor(anchor);
        plan.offset = 0;
    }
    QSqlQuery query(db);
    if (!run(query, q.page(plan.direction, plan.after, 0, plan.limit))) {
        result.error = query.lastError().text();
        return result;
    }
    const SqlTime time = SqlTime::forConnection(db);
    result.rows.reserve(plan.limit);
    while (query.next()) {
        result.rows.append(q.decode(query, time));
    }
    if (plan.direction == WindowedQuery::Direction::Backward) {
        std::reverse(result.rows.begin(), result.rows.end());
    }
    return result;
}

FetchResult WindowFetcher::runCount(const FetchRequest& request)
{
    FetchResult result;
    result.kind = request.kind;
    result.generation = request.generation;
    if (!ensureOpen(&result.error)) {
        return result;
    }
    const QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const WindowedQuery& q = *request.query;
    if (!q.isFiltered()) {
        // The planner's estimate first, so the scrollbar has the right size at once.
        QSqlQuery query(db);
        bool ok = run(query, q.estimate()) && query.next();
        qint64 estimate = ok ? query.value(0).toString().section(QLatin1Char(' '), 0, 0).toLongLong(&ok) : -1;
        if (!ok && db.driverName() == QLatin1String("QSQLITE")) {
            QSqlQuery fallback(db);
            ok = run(fallback, q.estimateFallback()) && fallback.next();
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
    if (!run(query, q.count()) || !query.next()) {
        result.error = query.lastError().text();
        return result;
    }
    result.count = query.value(0).toLongLong();
    return result;
}
