#include "WindowedTableModel.h"

#include "FetcherPool.h"
#include "db/Database.h"
#include "money/Money.h"
#include "schema/IndexCatalog.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QLocale>

WindowedTableModel::WindowedTableModel(const TableSpec& spec, QString connectionName, QObject* parent)
    : QAbstractTableModel(parent), m_connection(std::move(connectionName)),
      m_query(spec, Database::engine(QSqlDatabase::database(m_connection, false)),
              IndexCatalog::forConnection(m_connection))
{
    // The connection's pooled threads, already holding warm clones when the app warmed the pool.
    m_workers = FetcherPool::acquire(m_connection);
    m_pageFetcher = new WindowFetcher(m_workers->pages(), m_connection);
    m_countFetcher = new WindowFetcher(m_workers->counts(), m_connection);
    // Queued even when a fetcher reports from the GUI thread (a dropped request): results must
    // never re-enter the model in the middle of data().
    connect(m_pageFetcher, &WindowFetcher::fetched, this, &WindowedTableModel::onFetched, Qt::QueuedConnection);
    connect(m_countFetcher, &WindowFetcher::fetched, this, &WindowedTableModel::onFetched, Qt::QueuedConnection);
    connect(m_countFetcher, &WindowFetcher::estimated, this, &WindowedTableModel::onEstimated, Qt::QueuedConnection);
    m_busyTimer.setSingleShot(true);
    m_busyTimer.setInterval(busyDelayMs);
    connect(&m_busyTimer, &QTimer::timeout, this, &WindowedTableModel::updateBusy);
    reselect(false);
}

WindowedTableModel::~WindowedTableModel()
{
    // The pooled threads serve other models too: nothing waits here. Pending requests go, a
    // running count is cancelled, and each fetcher is deleted in its own thread once the request
    // it may be running is done; what it emits meanwhile no longer reaches this model.
    for (WindowFetcher* fetcher : {m_pageFetcher, m_countFetcher}) {
        fetcher->dropOlderThan(std::numeric_limits<quint64>::max());
        fetcher->disconnect(this);
        fetcher->deleteLater();
    }
    // m_workers goes last: if this was the pool's last user, the threads finish (and process the
    // deferred deletes) before the pool is gone.
}

int WindowedTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int WindowedTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : spec().columns.size();
}

const WindowRow* WindowedTableModel::rowAt(int row) const
{
    const int page = row / pageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end()) {
        requestPage(page);
        return nullptr;
    }
    it->lastUse = ++m_useClock;
    if (m_shownGeneration != m_generation) {
        // The first loaded row asked for (a view painting it): after this paint, the held estimate
        // and the exact count may come.
        m_shownGeneration = m_generation;
        auto* self = const_cast<WindowedTableModel*>(this); // queued: never changes rows inside data()
        QMetaObject::invokeMethod(
            self,
            [self, generation = m_generation] {
                if (self->m_heldEstimate.first == generation) {
                    const auto held = std::exchange(self->m_heldEstimate, {});
                    self->onEstimated(held.first, held.second);
                }
                if (self->m_countWhenShown == generation) {
                    self->m_countWhenShown = 0;
                    self->requestCount(false);
                }
            },
            Qt::QueuedConnection);
    }
    const int offset = row - page * pageSize;
    // Near a page edge: fetch the neighbour in the background so scrolling does not wait.
    if (offset >= pageSize - pageSize / 4) {
        requestPage(page + 1, true);
    } else if (offset < pageSize / 4 && page > 0) {
        requestPage(page - 1, true);
    }
    return offset < it->rows.size() ? &it->rows.at(offset) : nullptr;
}

bool WindowedTableModel::isRowLoaded(int row) const
{
    const auto it = m_pages.constFind(row / pageSize);
    return it != m_pages.constEnd() && row - (row / pageSize) * pageSize < it->rows.size();
}

QVariant WindowedTableModel::keyAt(int row) const
{
    const WindowRow* r = rowAt(row);
    return r ? r->key : QVariant();
}

QVariant WindowedTableModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_rowCount || index.column() >= columnCount()) {
        return QVariant();
    }
    const int column = index.column();
    const ColumnSpec& c = spec().columns.at(column);
    if (role == Qt::TextAlignmentRole) {
        return c.kind == ColumnSpec::Kind::Money ? QVariant(Qt::AlignRight | Qt::AlignVCenter) : QVariant();
    }
    if (role == ColumnKindRole) {
        return static_cast<int>(c.kind);
    }
    const WindowRow* row = rowAt(index.row());
    if (role == LoadedRole) {
        return row != nullptr;
    }
    if (!row) {
        return role == Qt::DisplayRole ? QVariant(QStringLiteral("…")) : QVariant();
    }
    // Painting asks for ~10 roles per cell: no key-to-text conversion while nothing is edited.
    const auto edit = m_edits.isEmpty() ? m_edits.constEnd() : m_edits.constFind(keyString(row->key));
    const bool edited = edit != m_edits.constEnd() && edit->values.contains(column);
    switch (role) {
    case Qt::DisplayRole:
        if (c.kind == ColumnSpec::Kind::Secret) {
            return QVariant();
        }
        return edited ? editedDisplay(*row, column, *edit) : row->display.at(column);
    case Qt::EditRole:
        return edited ? edit->values.value(column) : row->edit.at(column);
    case KeyRole:
        return row->key;
    case UnknownValueRole:
        return !edited && row->unknownValue.at(column);
    case CellStateRole:
        if (edit == m_edits.constEnd()) {
            return PlatformTableModel::Clean;
        }
        return edit->deleted ? PlatformTableModel::DeletedRow
                             : (edited ? PlatformTableModel::ChangedCell : PlatformTableModel::ChangedRow);
    case Qt::ToolTipRole:
        if (!edited && row->unknownValue.at(column)) {
            if (c.kind == ColumnSpec::Kind::Money) {
                return tr("Damaged amount: it %1.").arg(Money::sqlAmountDamage(row->edit.at(column)));
            }
            if (row->edit.at(column).isNull()) {
                return tr("Missing value: the platform requires %1 on every row.").arg(c.header);
            }
            return tr("“%1” is not a value the platform knows; its backend will fail on this row.")
                .arg(row->edit.at(column).toString());
        }
        if (c.isWorkflowOwned()) {
            return c.workflowOnly; // why the cell does not open an editor
        }
        if (const QString why = readOnlyReason(index.row()); !why.isEmpty()) {
            return why;
        }
        return QVariant();
    default:
        return QVariant();
    }
}

QVariant WindowedTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (role != Qt::DisplayRole) {
        return QVariant();
    }
    if (orientation == Qt::Horizontal) {
        return section >= 0 && section < columnCount() ? spec().columns.at(section).header : QVariant();
    }
    return section + 1;
}

Qt::ItemFlags WindowedTableModel::flags(const QModelIndex& index) const
{
    if (!index.isValid()) {
        return Qt::NoItemFlags;
    }
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    const ColumnSpec& c = spec().columns.at(index.column());
    // Money state changes only through its workflows, and a refunded payment or a cancelled order
    // is history: neither is edited in a cell (the write service refuses it too).
    if (c.editable && !c.isWorkflowOwned() && c.kind != ColumnSpec::Kind::Key && c.kind != ColumnSpec::Kind::Secret &&
        isRowLoaded(index.row()) && !isDeletedRow(index.row()) && readOnlyReason(index.row()).isEmpty()) {
        f |= Qt::ItemIsEditable;
    }
    return f;
}

QString WindowedTableModel::readOnlyReason(int row) const
{
    const WindowRow* r = rowAt(row);
    if (!r || spec().readOnlyStates.isEmpty()) {
        return QString();
    }
    QHash<QString, QVariant> values;
    for (const TableSpec::ReadOnlyState& state : spec().readOnlyStates) {
        const int c = spec().indexOf(state.column);
        values.insert(state.column, c >= 0 ? r->edit.at(c) : QVariant());
    }
    const TableSpec::ReadOnlyState* state = spec().readOnlyState(values);
    return state ? state->message : QString();
}

void WindowedTableModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= columnCount() || (column == m_query.sortColumn() && order == m_query.sortOrder())) {
        return;
    }
    if (spec().columns.at(column).kind == ColumnSpec::Kind::Secret) {
        return;
    }
    m_query.setSort(column, order);
    reselect(true); // same rows, other order: the count stays
}

void WindowedTableModel::resetSort()
{
    if (m_query.isDefaultSort()) {
        return;
    }
    m_query.resetSort();
    reselect(true);
}

void WindowedTableModel::setFilters(const QList<ColumnFilter>& filters)
{
    m_query.setFilters(filters);
    reselect(false);
}

void WindowedTableModel::setSearchText(const QString& text)
{
    if (text.trimmed() == m_query.searchText()) {
        return;
    }
    m_query.setSearchText(text);
    reselect(false);
}

void WindowedTableModel::refresh()
{
    // Rows may have moved: drop the cache but keep the row count and the view's selection, and
    // let the views re-request what they show.
    ++m_generation;
    m_snapshot = std::make_shared<const WindowedQuery>(m_query);
    m_pageFetcher->dropOlderThan(m_generation);
    m_countFetcher->dropOlderThan(m_generation);
    m_pages.clear();
    m_requested.clear();
    m_deferred.clear();
    updateBusy();
    // Rows may have been added or deleted meanwhile: count again (the rows stay until it is back).
    requestCount(false);
    if (m_rowCount > 0) {
        emit dataChanged(index(0, 0), index(m_rowCount - 1, columnCount() - 1));
    } else {
        requestPage(0); // the views ask for nothing while rowCount() is 0
    }
}

void WindowedTableModel::reselect(bool keepCount)
{
    beginResetModel();
    ++m_generation;
    m_snapshot = std::make_shared<const WindowedQuery>(m_query);
    m_pageFetcher->dropOlderThan(m_generation);
    m_countFetcher->dropOlderThan(m_generation);
    m_pages.clear();
    m_requested.clear();
    m_deferred.clear();
    if (!keepCount || !m_countExact) {
        m_rowCount = 0;
        m_countExact = false;
    }
    endResetModel();
    if (!m_countExact) {
        // The estimate at once; the exact COUNT(*) (a full scan that takes both cores on
        // PostgreSQL) only once the first rows are on screen.
        requestCount(true);
        m_countAfterFirstPage = true;
    }
    requestPage(0); // the views ask for nothing while rowCount() is 0
    emit countChanged(m_rowCount, m_countExact);
    updatePlanNote();
}

void WindowedTableModel::updatePlanNote()
{
    QString note;
    const WindowedQuery::Cost cost = m_query.cost();
    const qint64 rows = m_query.catalog() ? m_query.catalog()->rowEstimate(cost.scannedTable) : -1;
    if (!cost.served && rows >= noteAboveRows) {
        const QString scanned =
            tr("%1 %2").arg(QLocale(QLocale::English).toString(static_cast<qlonglong>(rows)), spec().title.toLower());
        const QString what = cost.task == WindowedQuery::Cost::Task::Sort
                                 ? tr("Sorting by %1").arg(spec().columns.at(m_query.sortColumn()).header.toLower())
                                 : tr("Searching for \u201C%1\u201D").arg(m_query.searchText());
        QString fix;
        if (cost.wouldServe.isEmpty()) {
            fix = tr("no index can serve it");
        } else {
            QStringList named;
            for (const QString& index : cost.wouldServe) {
                named << (index.startsWith(QLatin1String("an index")) ? index : tr("the index %1").arg(index));
            }
            fix = tr("%1 would make it instant").arg(named.join(tr(" and ")));
        }
        note = tr("%1 scans %2; %3.").arg(what, scanned, fix);
    }
    if (note != m_planNote) {
        m_planNote = note;
        emit planNoteChanged(m_planNote);
    }
}

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
