// WindowedTableModel: how rows arrive. Which page to ask for and from where (keyset or anchor),
// the requests to the fetchers and their results, the row count (estimate, then exact), dropping
// pages far from the viewport, the busy state, and waiting for rows (tests, screenshots).
#include "WindowedTableModel.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocale>
#include <QTimer>

#include <algorithm>

void WindowedTableModel::requestCount(bool estimateOnly)
{
    FetchRequest request;
    request.kind = FetchRequest::Kind::Count;
    request.estimateOnly = estimateOnly;
    request.generation = m_generation;
    request.query = m_snapshot;
    m_countFetcher->enqueue(request);
}

PagePlan WindowedTableModel::planFor(int page, bool* needsExactCount) const
{
    using D = WindowedQuery::Direction;
    const int first = page * pageSize;
    PagePlan best;
    best.limit = m_countExact ? std::min(pageSize, m_rowCount - first) : pageSize;
    best.direction = D::Forward;
    best.offset = first; // from the start
    *needsExactCount = false;
    // From a cached page: keyset from its edge, skipping only the rows in between.
    for (auto it = m_pages.constBegin(); it != m_pages.constEnd(); ++it) {
        if (it->rows.isEmpty()) {
            continue;
        }
        const int qFirst = it.key() * pageSize;
        const int qEnd = qFirst + it->rows.size();
        if (qEnd <= first && first - qEnd < best.offset) {
            best.direction = D::Forward;
            best.after = it->rows.constLast().boundary;
            best.offset = first - qEnd;
        } else if (qFirst >= first + best.limit && qFirst - (first + best.limit) < best.offset) {
            best.direction = D::Backward;
            best.after = it->rows.constFirst().boundary;
            best.offset = qFirst - (first + best.limit);
        }
    }
    // From the end, in reverse order (Ctrl+End, dragging the scrollbar to the bottom).
    const int fromEnd = m_rowCount - (first + best.limit);
    if (fromEnd >= 0 && fromEnd < best.offset) {
        *needsExactCount = !m_countExact;
        best.direction = D::Backward;
        best.after.reset();
        best.offset = fromEnd;
    }
    return best;
}

void WindowedTableModel::requestPage(int page, bool prefetch) const
{
    if (page < 0 || m_requested.contains(page) || m_pages.contains(page)) {
        return;
    }
    if (page > 0 && page * pageSize >= m_rowCount) {
        return;
    }
    bool needsExactCount = false;
    const PagePlan plan = planFor(page, &needsExactCount);
    if (needsExactCount) {
        // Rows counted from the end are only where we think they are once the count is exact.
        m_deferred.insert(page);
        return;
    }
    FetchRequest request;
    request.kind = FetchRequest::Kind::Page;
    request.generation = m_generation;
    request.page = page;
    request.plan = plan;
    request.query = m_snapshot;
    request.prefetch = prefetch;
    m_requested.insert(page);
    m_requestedLimit.insert(page, plan.limit);
    if (!prefetch && !m_busy && !m_busyTimer.isActive()) {
        m_busyTimer.start();
    }
    m_pageFetcher->enqueue(request);
}

void WindowedTableModel::onEstimated(quint64 generation, qint64 estimate)
{
    if (generation != m_generation || m_countExact) {
        return;
    }
    // A view lays out millions of rows in tens of ms (QHeaderView keeps an entry per row): the
    // estimate waits until the first rows have been asked for (painted), so they are on screen
    // first and the scrollbar takes its size just after. Without a view the exact count comes anyway.
    if (m_shownGeneration != generation) {
        m_heldEstimate = {generation, estimate};
        return;
    }
    // Never below what is already loaded.
    setRowCount(std::max<qint64>(estimate, m_rowCount), false);
}

void WindowedTableModel::onFetched(const FetchResult& result)
{
    if (result.generation != m_generation) {
        return;
    }
    if (result.kind == FetchRequest::Kind::Count) {
        if (result.count < 0 && result.error.isEmpty()) {
            return; // an estimate-only request
        }
        if (!result.error.isEmpty()) {
            m_lastError = result.error;
            emit fetchFailed(result.error);
            return;
        }
        if (!result.dropped) {
            setRowCount(result.count, true);
            const QSet<int> deferred = std::exchange(m_deferred, {});
            for (int page : deferred) {
                requestPage(page);
            }
        }
        return;
    }
    m_requested.remove(result.page);
    if (m_countAfterFirstPage) {
        m_countAfterFirstPage = false;
        // The exact count scans the table on every core: it starts once the first rows are shown
        // (a view asked for them), or a little later when nothing shows them.
        if (m_shownGeneration == m_generation) {
            requestCount(false);
        } else {
            m_countWhenShown = m_generation;
            QTimer::singleShot(countAfterShownMaxMs, this, [this, generation = m_generation] {
                // A timer of an older generation must leave a newer one's mark alone.
                if (m_countWhenShown == generation) {
                    m_countWhenShown = 0;
                    requestCount(false);
                }
            });
        }
    }
    if (!result.error.isEmpty()) {
        m_lastError = result.error;
        emit fetchFailed(result.error);
        updateBusy();
        return;
    }
    const int first = result.page * pageSize;
    if (result.dropped) {
        // Superseded while the user scrolled on; if its rows are still shown, they ask again.
        if (first < m_rowCount) {
            const int last = std::min(m_rowCount, first + pageSize) - 1;
            emit dataChanged(index(first, 0), index(last, columnCount() - 1));
        }
        updateBusy();
        return;
    }
    Page page;
    page.rows = result.rows;
    page.lastUse = ++m_useClock;
    page.limit = m_requestedLimit.take(result.page);
    if (m_countExact && page.rows.size() == page.limit && page.limit < std::min(pageSize, m_rowCount - first)) {
        // Planned while the count was smaller (a row was added meanwhile): ask again for all of it.
        requestPage(result.page);
        updateBusy();
        return;
    }
    m_pages.insert(result.page, page);
    if (!m_countExact && first + result.rows.size() > m_rowCount) {
        // Before any count arrived: show what we have (a short first page is the exact count).
        setRowCount(first + result.rows.size(), result.page == 0 && result.rows.size() < pageSize);
    }
    if (!result.rows.isEmpty() && first < m_rowCount) {
        const int last = std::min<int>(m_rowCount, first + result.rows.size()) - 1;
        emit dataChanged(index(first, 0), index(last, columnCount() - 1));
    }
    evictPages();
    updateBusy();
}

void WindowedTableModel::setRowCount(qint64 count, bool exact)
{
    const int rows = static_cast<int>(std::min<qint64>(count, std::numeric_limits<int>::max()));
    if (rows > m_rowCount) {
        // A page fetched while the count was smaller ends short of the new rows (a row just saved
        // elsewhere): drop it, so the views ask for it again instead of showing "…" until F5.
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            const int first = it.key() * pageSize;
            const bool cutByOldCount = it->rows.size() == it->limit && it->limit < std::min(pageSize, rows - first);
            it = cutByOldCount ? m_pages.erase(it) : std::next(it);
        }
        beginInsertRows(QModelIndex(), m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        beginRemoveRows(QModelIndex(), rows, m_rowCount - 1);
        m_rowCount = rows;
        for (auto it = m_pages.begin(); it != m_pages.end();) {
            it = it.key() * pageSize >= rows ? m_pages.erase(it) : std::next(it);
        }
        endRemoveRows();
    }
    m_countExact = exact;
    emit countChanged(m_rowCount, m_countExact);
}

void WindowedTableModel::evictPages()
{
    while (m_pages.size() > maxCachedPages) {
        auto oldest = m_pages.begin();
        for (auto it = m_pages.begin(); it != m_pages.end(); ++it) {
            if (it->lastUse < oldest->lastUse) {
                oldest = it;
            }
        }
        m_pages.erase(oldest);
    }
}

void WindowedTableModel::updateBusy()
{
    const bool waiting = !m_requested.isEmpty();
    if (!waiting) {
        m_busyTimer.stop();
    }
    // Only a fetch that has outlived the timer turns the indicator on.
    const bool busy = waiting && (m_busy || !m_busyTimer.isActive());
    if (busy != m_busy) {
        m_busy = busy;
        emit loadingChanged(m_busy);
    }
}

QString WindowedTableModel::countText() const
{
    QString what = spec().title.toLower();
    if (!what.endsWith(QLatin1Char('s'))) {
        what += tr(" rows"); // "1,713 business info rows"; the other titles are plurals already
    }
    const QString number = QLocale(QLocale::English).toString(static_cast<qlonglong>(m_rowCount));
    if (m_countExact) {
        return tr("%1 %2").arg(number, what);
    }
    if (m_rowCount == 0) {
        return tr("Counting %1…").arg(what);
    }
    return m_query.isFiltered() ? tr("%1+ %2 (counting…)").arg(number, what)
                                : tr("about %1 %2 (estimate, counting…)").arg(number, what);
}

bool WindowedTableModel::waitForRows(int first, int last, int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    for (;;) {
        const int end = std::min(last, m_rowCount - 1);
        bool loaded = true;
        for (int page = first / pageSize; page <= end / pageSize && end >= first; ++page) {
            if (!m_pages.contains(page)) {
                loaded = false;
                requestPage(page);
            }
        }
        if (loaded && (m_countExact || end >= first)) {
            return true;
        }
        const qint64 left = timeoutMs - timer.elapsed();
        if (left <= 0) {
            return false;
        }
        QEventLoop loop;
        QTimer::singleShot(std::min<qint64>(left, 100), &loop, &QEventLoop::quit);
        connect(m_pageFetcher, &WindowFetcher::fetched, &loop, &QEventLoop::quit, Qt::QueuedConnection);
        connect(m_countFetcher, &WindowFetcher::fetched, &loop, &QEventLoop::quit, Qt::QueuedConnection);
        loop.exec();
    }
}

bool WindowedTableModel::waitForCount(int timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    while (!m_countExact && timer.elapsed() < timeoutMs) {
        QEventLoop loop;
        QTimer::singleShot(50, &loop, &QEventLoop::quit);
        connect(m_countFetcher, &WindowFetcher::fetched, &loop, &QEventLoop::quit, Qt::QueuedConnection);
        loop.exec();
    }
    return m_countExact;
}
