// TablePage: the tools around the table that make it a working view — per-column filters, the
// search mode, columns, saved views, bulk actions on the selection, copy / paste and undo. Each
// lives in its own class; this file builds them into the page and connects them to its model.
#include "TablePage.h"

#include "BulkActions.h"
#include "CellClipboard.h"
#include "ColumnChooser.h"
#include "EditHistory.h"
#include "FilterBar.h"
#include "SavedViewsBar.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "models/windowed/WindowedTableModel.h"
#include "views/LocalViewSettings.h"
#include "views/ViewState.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QSqlQuery>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {
// The table's size without counting it: the planner's estimate (pg_class / sqlite_stat1), else
// SQLite's max(rowid). O(1) on both engines.
qint64 estimateRows(const QSqlDatabase& db, const TableSpec& spec)
{
    const WindowedQuery query(spec, Database::engine(db));
    for (const auto& statement : {query.estimate(), query.estimateFallback()}) {
        QSqlQuery q(db);
        if (!q.prepare(statement.sql)) {
            continue;
        }
        for (const QVariant& v : statement.binds) {
            q.addBindValue(v);
        }
        if (q.exec() && q.next() && !q.value(0).isNull()) {
            // sqlite_stat1.stat is "rows idx..." text: its first number is the row count.
            const qint64 rows = q.value(0).toString().section(QLatin1Char(' '), 0, 0).toLongLong();
            if (rows > 0) {
                return rows;
            }
        }
        if (Database::engine(db) == Engine::Postgres) {
            break; // no fallback statement for PostgreSQL
        }
    }
    return -1;
}
} // namespace

void TablePage::buildViewTools(QVBoxLayout* layout, QHBoxLayout* top)
{
    m_history = new EditHistory(this);
    // The page's delegate records every inline edit as an undo step.
    QAbstractItemDelegate* old = m_view->itemDelegate();
    m_view->setItemDelegate(new RecordingItemDelegate(m_history, m_view));
    delete old;
    // Cells, not only rows, can be selected: copy and paste work on blocks of cells. Row actions
    // (delete, bulk) act on every row with a selected cell.
    m_view->setSelectionBehavior(QAbstractItemView::SelectItems);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    addAction(m_history->undoAction());
    addAction(m_history->redoAction());

    m_searchMode = new QComboBox(this);
    m_searchMode->setObjectName(QStringLiteral("searchModeCombo"));
    m_searchMode->addItem(tr("Starts with"), int(WindowedQuery::SearchMode::Prefix));
    m_searchMode->addItem(tr("Contains"), int(WindowedQuery::SearchMode::Contains));
    m_searchMode->setItemData(0, tr("Matches the start of a value: fast on any table size (uses indexes)"),
                              Qt::ToolTipRole);
    m_searchMode->setToolTip(tr("How the search matches"));
    top->insertWidget(top->indexOf(m_search) + 1, m_searchMode);
    connect(m_searchMode, &QComboBox::currentIndexChanged, this, &TablePage::applySearchMode);

    m_filterBar = new FilterBar(m_spec, this);
    connect(m_filterBar, &FilterBar::changed, this, &TablePage::applyFilter);
    connect(m_filterBar, &FilterBar::problemChanged, this, [this](const QString& problem) {
        if (!problem.isEmpty()) {
            emit statusMessage(problem);
        }
    });
    m_savedViews = new SavedViewsBar(this, this);
    m_bulk = new BulkActions(this);
    auto* selection = new QToolButton(this);
    selection->setObjectName(QStringLiteral("selectionButton"));
    selection->setText(tr("Selection ▾"));
    selection->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    selection->setToolTip(tr("Act on the selected rows"));
    selection->setPopupMode(QToolButton::InstantPopup);
    selection->setMenu(m_bulk->menu());

    // Saved views beside the search (what is shown), filters and the selection's actions below:
    // both rows fit 1280 px with the toolbar on its own row.
    top->addWidget(m_savedViews);
    auto* second = new QHBoxLayout;
    second->addWidget(m_filterBar);
    second->addStretch(1);
    second->addWidget(selection);
    layout->insertLayout(1, second);

    m_clipboard = new CellClipboard(m_view, m_history, this);
    connect(m_clipboard, &CellClipboard::message, this, &TablePage::statusMessage);
    // Saved or reverted: what was pending is gone, so is its history.
    connect(this, &Page::unsavedChangesChanged, this, [this](bool unsaved) {
        if (!unsaved && !m_history->isApplying()) {
            m_history->clear();
        }
    });
}

void TablePage::attachViewTools()
{
    m_history->setModel(m_model);
    m_clipboard->setModel(m_model);
    m_columns = new ColumnChooser(m_spec, LocalViewSettings::databaseIdentity(Database::url(database())), m_view, this);
    m_columns->restore();
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, m_bulk, &BulkActions::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, m_bulk, &BulkActions::updateActions);
    m_bulk->updateActions();
    m_savedViews->load();
    m_tableRows = estimateRows(database(), m_spec);
    // Without planner statistics (a table never analysed) the first exact unfiltered count says it.
    connect(m_model, &WindowedTableModel::countChanged, this, [this](qint64 count, bool exact) {
        if (m_tableRows < 0 && exact && !m_model->query().isFiltered()) {
            m_tableRows = count;
            m_searchMode->setItemData(1, searchCost(), Qt::ToolTipRole);
        }
    });
    const QString cost = searchCost();
    m_searchMode->setItemData(1, cost, Qt::ToolTipRole);
    applySearchMode();
    if (!m_filterBar->filters().isEmpty()) {
        applyFilter();
    }
}

QString TablePage::searchCost() const
{
    QString what = m_spec.title.toLower();
    if (!what.endsWith(QLatin1Char('s'))) {
        what += tr(" rows");
    }
    if (m_tableRows < 0) {
        return tr("Contains scans every row of %1: slow on big tables").arg(what);
    }
    return tr("Contains scans every row: ~%1 %2")
        .arg(QLocale(QLocale::English).toString(static_cast<qlonglong>(m_tableRows)), what);
}

void TablePage::applySearchMode()
{
    const bool contains = m_searchMode->currentData().toInt() == int(WindowedQuery::SearchMode::Contains);
    m_searchMode->setToolTip(contains ? searchCost() : tr("How the search matches: from the start of a value"));
    if (!m_model) {
        return;
    }
    m_selectKey = currentKey();
    m_model->setSearchMode(contains ? WindowedQuery::SearchMode::Contains : WindowedQuery::SearchMode::Prefix);
    if (contains) {
        emit statusMessage(searchCost());
    }
    updateCountLabel();
}

QList<ColumnFilter> TablePage::filterBarFilters() const
{
    if (!m_filterBar) {
        return {};
    }
    ViewState state;
    state.filters = m_filterBar->filters();
    return state.columnFilters(m_spec, SqlTime::forConnection(database()));
}

QList<int> TablePage::selectedRows() const
{
    QList<int> rows;
    if (m_view->selectionModel()) {
        for (const QItemSelectionRange& range : m_view->selectionModel()->selection()) {
            for (int r = range.top(); r <= range.bottom(); ++r) {
                rows << r;
            }
        }
    }
    if (rows.isEmpty() && m_view->currentIndex().isValid()) {
        rows << m_view->currentIndex().row();
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    return rows;
}

ViewState TablePage::viewState() const
{
    ViewState state;
    state.search = m_search->text().trimmed();
    state.contains = m_searchMode->currentData().toInt() == int(WindowedQuery::SearchMode::Contains);
    if (m_filter && m_filter->currentIndex() > 0) {
        ViewState::Filter status;
        status.column = m_spec.columns.at(m_filterColumn).name;
        status.kind = ViewState::Filter::Kind::Equals;
        status.value = m_filter->currentData().toString();
        state.filters << status;
    }
    state.filters << m_filterBar->filters();
    if (m_model) {
        state.sortColumn = m_spec.columns.at(m_model->sortColumn()).name;
        state.sortOrder = m_model->sortOrder();
    }
    if (m_columns) {
        state.columns = m_columns->visibleColumns();
    }
    return state;
}

void TablePage::applyViewState(const ViewState& state)
{
    if (!m_model) {
        activate();
    }
    // Everything is set quietly first, then the model reads once.
    const QSignalBlocker blockSearch(m_search);
    const QSignalBlocker blockMode(m_searchMode);
    m_search->setText(state.search);
    m_searchTimer->stop();
    m_searchMode->setCurrentIndex(state.contains ? 1 : 0);
    m_model->setSearchMode(state.contains ? WindowedQuery::SearchMode::Contains : WindowedQuery::SearchMode::Prefix);
    m_searchMode->setToolTip(state.contains ? searchCost() : tr("How the search matches: from the start of a value"));
    if (m_filter) {
        const QSignalBlocker blockFilter(m_filter);
        m_filter->setCurrentIndex(0);
        for (const ViewState::Filter& f : state.filters) {
            if (f.kind == ViewState::Filter::Kind::Equals && f.column == m_spec.columns.at(m_filterColumn).name) {
                m_filter->setCurrentIndex(std::max(0, m_filter->findData(f.value)));
            }
        }
    }
    m_filterBar->setFilters(state.filters);
    const int sortColumn = m_spec.indexOf(state.sortColumn.isEmpty() ? m_spec.defaultSort : state.sortColumn);
    const Qt::SortOrder order = state.sortColumn.isEmpty()
                                    ? (m_spec.defaultDescending ? Qt::DescendingOrder : Qt::AscendingOrder)
                                    : state.sortOrder;
    if (sortColumn >= 0) {
        m_model->sort(sortColumn, order);
        m_view->horizontalHeader()->setSortIndicator(sortColumn, order);
    }
    m_columns->setVisibleColumns(state.columns);
    m_model->setSearchText(state.search);
    applyFilter();
}

void TablePage::addViewToolActions(QMenu* menu)
{
    menu->addSeparator();
    menu->addAction(m_clipboard->copyAction());
    menu->addAction(m_clipboard->pasteAction());
    menu->addAction(m_history->undoAction());
    menu->addAction(m_history->redoAction());
    menu->addSeparator();
    menu->addActions(m_bulk->actions());
}
