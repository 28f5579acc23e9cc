// WindowedTableModel: the model itself (rows, data, flags, headers), sort, search and filters,
// and starting a new selection. How rows arrive: WindowedTableModelFetch.cpp.
#include "WindowedTableModel.h"

#include "FetcherPool.h"
#include "db/Database.h"
#include "money/Money.h"
#include "schema/IndexCatalog.h"

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
