#pragma once

#include "FetcherPool.h"
#include "WindowFetcher.h"
#include "WindowedQuery.h"
#include "models/PlatformTableModel.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QString>
#include <QTimer>

#include <memory>

// A table page's model that stays instant at any table size: it holds only the rows in and near
// the viewport, fetched 200 at a time on a worker thread, and knows the total from a separate
// count. Editing follows QSqlTableModel::OnManualSubmit: setData() records, submitAll() writes.
//
// Why purpose-built instead of a QSqlRelationalTableModel subclass. Measured by bench/ (2 cores,
// 1M users / 2M orders, Release, 2026-11-25; full table in bench/README.md):
//   - QSqlQueryModel's storage is the driver's result set. QPSQL reads a non-forward-only result
//     whole into client memory and the models refuse forward-only queries: stock select() on
//     orders took 3.2 s (first page) and 3.5 s per re-sort, 677 MB-1.3 GB, against 77 ms painted
//     (24 ms per sort) here at 54 MB. select(), the row cache and fetchMore() are private to
//     QSqlQueryModel: no override lets a subclass replace that storage with windows.
//   - On SQLite rowCount() is "fetched so far" (no QuerySize) and reaching the last row fetches
//     and caches every row in between: stock Ctrl+End 23 s and 1.7 GB, here 18 ms (reverse keyset).
//   - Its relation lookup loads each whole referenced table: the stock user combo took 11 s on
//     PostgreSQL / 2.6 s on SQLite, the type-ahead here 0.2-2.6 ms (RelationLookup).
//   - setFilter()/setSort() take raw SQL; we need bound values.
// What we keep of QSqlRelationalTableModel, by using it where it does not scale-hurt:
//   - OnManualSubmit editing: setData() records by primary key (so edits survive sorting,
//     searching and page eviction), removeRows() marks, revertAll() forgets, and submitAll()
//     writes through a PlatformTableModel (QSqlRelationalTableModel) scoped to the edited keys:
//     the same validation, constraint messages, updated_at stamping and single transaction as
//     before, on a handful of rows. It first compares every loaded column with the row now
//     (RowSnapshot), so a row someone else changed is never overwritten unseen.
//   - Forms: TablePage gives each form a PlatformTableModel of its one row for QDataWidgetMapper.
//   - Roles: EditRole = raw value / foreign key, DisplayRole = text, and PlatformTableModel's
//     UnknownValue / CellState / ColumnKind roles, so one delegate paints and edits both; relation
//     cells are edited with a type-ahead (RelationCellEditor) instead of a whole-table combo.
class WindowedTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // The first three are PlatformTableModel's, so one delegate paints both models.
    enum Role {
        UnknownValueRole = PlatformTableModel::UnknownValueRole, // an enum value outside the platform's list
        CellStateRole = PlatformTableModel::CellStateRole,       // PlatformTableModel::CellState
        ColumnKindRole = PlatformTableModel::ColumnKindRole,     // int(ColumnSpec::Kind)
        KeyRole = Qt::UserRole + 16,                             // the row's primary key
        LoadedRole,                                              // false while the row shows a placeholder
        RelationDisplayRole,                                     // setData(): the text for a new foreign key
    };
    using SaveFailure = PlatformTableModel::SaveFailure;
    static constexpr int pageSize = 200;
    // 30 pages x 200 rows: memory stays flat however far the user scrolls.
    static constexpr int maxCachedPages = 30;
    static constexpr int busyDelayMs = 150;

    // `connectionName` is an open Database connection; the model clones it for its workers.
    WindowedTableModel(const TableSpec& spec, QString connectionName, QObject* parent = nullptr);
    ~WindowedTableModel() override;

    const TableSpec& spec() const { return m_query.spec(); }
    int fieldIndex(const QString& name) const { return spec().indexOf(name); }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    int sortColumn() const { return m_query.sortColumn(); }
    Qt::SortOrder sortOrder() const { return m_query.sortOrder(); }
    void setFilters(const QList<ColumnFilter>& filters);
    void setSearchText(const QString& text);
    void setSearchMode(WindowedQuery::SearchMode mode); // WindowedTableModelViews.cpp
    const WindowedQuery& query() const { return m_query; }
    QSqlDatabase database() const { return QSqlDatabase::database(m_connection, false); }
    // Forgets every cached row and fetches the visible ones again (keeps pending edits).
    void refresh();
    // Empty, or what the current sort or search costs when no index serves it: "Sorting by amount
    // scans 2,000,000 orders; the index coursedesk_orders_amount_id would make it instant."
    QString planNote() const { return m_planNote; }
    // Back to the default order (an index or the primary key serves it); a sort still running
    // is cancelled on the server.
    void resetSort();

    // The count: exact once the background COUNT(*) is back; before that the planner's estimate.
    qint64 totalCount() const { return m_rowCount; }
    bool isCountExact() const { return m_countExact; }
    // "1,999,873 orders", or "about 2,000,000 orders (counting…)" while the count runs.
    QString countText() const;
    bool isLoading() const { return m_busy; }
    bool isRowLoaded(int row) const;
    QVariant keyAt(int row) const;
    // Why a loaded row is read-only (a refunded payment), empty when it is not.
    QString readOnlyReason(int row) const;
    // The row showing `key` among the cached windows, -1 when it is not loaded (never a query).
    int loadedRowOf(const QVariant& key) const;

    // Blocks (running the event loop) until rows [first, last] are loaded: for tests, the
    // benchmark and "go to row" actions. False on timeout.
    bool waitForRows(int first, int last, int timeoutMs = 10000);
    bool waitForCount(int timeoutMs = 30000);

    // Editing, OnManualSubmit.
    bool isDirty() const { return !m_edits.isEmpty(); }
    bool isDirty(const QModelIndex& index) const;
    // Like QSqlTableModel: the rows stay, marked, until submitAll() deletes them.
    bool removeRows(int row, int count, const QModelIndex& parent = QModelIndex()) override;
    bool isDeletedRow(int row) const;
    // Keys of every row with pending changes (edited or marked for deletion), loaded or not.
    QVariantList pendingKeys() const;
    // Writes every pending change through the write service in one transaction: each row is
    // locked and compared with the values this model loaded (a row someone else changed is a
    // conflict, unless its key is in `overwrite`), validated by the table's rules, and audited.
    // On failure nothing is written, every edit is kept and saveFailure() says why.
    bool submitAll(const QVariantList& overwrite = {});
    // Drops the pending edits of one row and reads it again (the answer to a conflict).
    void discardEdits(const QVariant& key);
    void revertAll();
    QString lastError() const { return m_lastError; }
    const SaveFailure& saveFailure() const { return m_failure; }

    // Undo of pending edits (WindowedTableModelViews.cpp): every pending edit as one value, and
    // putting such a value back (the cells it touches repaint). Nothing is written.
    struct PendingEdits;
    std::shared_ptr<const PendingEdits> pendingEdits() const;
    void restorePendingEdits(const std::shared_ptr<const PendingEdits>& edits);
    static bool samePendingEdits(const PendingEdits& a, const PendingEdits& b);
    // The loaded row's values as the database holds them, by column name (relations: the key;
    // timestamps: the stored-zone text); empty when the row is not loaded.
    QHash<QString, QVariant> loadedValues(int row) const;
    // How messages name a loaded row: its email / order number / payment id, else its key.
    QString rowLabel(int row) const;

signals:
    // True only once a fetch has taken longer than busyDelayMs: show a spinner.
    void loadingChanged(bool loading);
    void countChanged(qint64 count, bool exact);
    void fetchFailed(const QString& error);
    void planNoteChanged(const QString& note);

private:
    struct Page
    {
        QVector<WindowRow> rows;
        quint64 lastUse = 0;
        int limit = pageSize; // rows asked for (fewer near the end of the counted rows)
    };
    struct Edit
    {
        QVariant key;
        QHash<int, QVariant> values;
        QHash<int, QString> relationDisplay;
        QVector<QVariant> original; // the row as loaded: what submitAll() checks for conflicts
        QString label;              // "asha@x.in", "ORD…": how messages name the row
        bool deleted = false;
    };
    Edit& editFor(const WindowRow& row);

    void reselect(bool keepCount);
    void updatePlanNote();
    void requestPage(int page, bool prefetch = false) const;
    PagePlan planFor(int page, bool* needsExactCount) const;
    void requestCount(bool estimateOnly);
    void onFetched(const FetchResult& result);
    void onEstimated(quint64 generation, qint64 estimate);
    void setRowCount(qint64 count, bool exact);
    void evictPages();
    void updateBusy();
    const WindowRow* rowAt(int row) const;
    QString editedDisplay(const WindowRow& row, int column, const Edit& edit) const;
    static QString keyString(const QVariant& key) { return key.toString(); }

    QString m_connection;
    WindowedQuery m_query;
    std::shared_ptr<const WindowedQuery> m_snapshot; // what the workers run for this generation
    quint64 m_generation = 1;
    int m_rowCount = 0;
    bool m_countExact = false;
    bool m_countAfterFirstPage = false; // the exact count waits for the first rows (it competes for CPU)
    mutable QHash<int, Page> m_pages;
    mutable QSet<int> m_requested;
    mutable QHash<int, int> m_requestedLimit; // page -> rows asked for
    mutable QSet<int> m_deferred;             // pages reachable only from the end, waiting for the exact count
    mutable quint64 m_useClock = 0;
    QHash<QString, Edit> m_edits;
    QString m_lastError;
    SaveFailure m_failure;
    QString m_planNote;
    // Tables smaller than this sort and search in memory-speed time: no note about indexes.
    static constexpr qint64 noteAboveRows = 10000;

    // Keeps the pooled threads alive while this model's fetchers live on them.
    std::shared_ptr<FetcherPool::Workers> m_workers;
    WindowFetcher* m_pageFetcher = nullptr;  // this model's, on the pool's page thread
    WindowFetcher* m_countFetcher = nullptr; // on the pool's count thread
    // The estimate and the exact count wait for the first rows to be shown (see onEstimated()).
    static constexpr int countAfterShownMaxMs = 100;
    mutable quint64 m_shownGeneration = 0;
    std::pair<quint64, qint64> m_heldEstimate{0, -1}; // (generation, rows)
    quint64 m_countWhenShown = 0;                     // generation whose exact count waits
    mutable QTimer m_busyTimer;
    bool m_busy = false;
};
