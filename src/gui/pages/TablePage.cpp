#include "TablePage.h"

#include "EditHistory.h"
#include "PrivilegeGuard.h"
#include "db/Database.h"
#include "delegates/PlatformItemDelegate.h"
#include "domain/PlatformValues.h"
#include "export/TableExportSource.h"
#include "forms/Prompt.h"
#include "models/PlatformTableModel.h"
#include "models/windowed/WindowedTableModel.h"
#include "services/DeleteGuard.h"

#include <QAction>
#include <QComboBox>
#include <QDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QSplitter>
#include <QSqlError>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

TablePage::TablePage(const TableSpec& spec, QSqlDatabase db, QWidget* parent)
    : Page(db, parent), m_spec(spec), m_privileges(Privileges::of(db))
{
    setObjectName(m_spec.pageId + QStringLiteral("Page"));
    buildUi();
    applyPrivileges();
}

void TablePage::applyPrivileges()
{
    using A = Privileges::Action;
    const QList<Privileges::Need> audit{{QStringLiteral("coursedesk_audit_log"), A::Insert}};
    PrivilegeGuard::apply(m_deleteAction, m_privileges, QList<Privileges::Need>{{m_spec.table, A::Delete}} + audit);
    if (!refusal(A::Update).isEmpty()) {
        // No inline editing; Save and Revert could only ever fail.
        m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
        if (!refusal(A::Insert).isEmpty() && !refusal(A::Delete).isEmpty()) {
            PrivilegeGuard::apply(m_saveAction, m_privileges, {{m_spec.table, A::Update}});
            PrivilegeGuard::apply(m_revertAction, m_privileges, {{m_spec.table, A::Update}});
        }
    }
    if (m_editAction) {
        PrivilegeGuard::apply(m_editAction, m_privileges, QList<Privileges::Need>{{m_spec.table, A::Update}} + audit);
        PrivilegeGuard::apply(m_newAction, m_privileges, QList<Privileges::Need>{{m_spec.table, A::Insert}} + audit);
    }
}

QString TablePage::guardWindowActions(QAction* newAction, QAction* deleteAction) const
{
    using A = Privileges::Action;
    PrivilegeGuard::apply(newAction, m_privileges, {{m_spec.table, A::Insert}});
    PrivilegeGuard::apply(deleteAction, m_privileges, {{m_spec.table, A::Delete}});
    return refusal(A::Update);
}

void TablePage::buildUi()
{
    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("searchEdit"));
    m_search->setClearButtonEnabled(true);
    QStringList searchable;
    for (const ColumnSpec& c : std::as_const(m_spec.columns)) {
        if (c.searchable) {
            searchable << c.header.toLower();
        }
    }
    m_search->setPlaceholderText(tr("Search %1…").arg(searchable.join(QStringLiteral(", "))));
    m_search->setMinimumWidth(320);

    for (int c = 0; c < m_spec.columns.size() && m_filterColumn < 0; ++c) {
        if (m_spec.columns.at(c).kind == ColumnSpec::Kind::Enum) {
            m_filterColumn = c;
        }
    }
    if (m_filterColumn >= 0) {
        const ColumnSpec& column = m_spec.columns.at(m_filterColumn);
        m_filter = new QComboBox(this);
        m_filter->setObjectName(QStringLiteral("filterCombo"));
        m_filter->setToolTip(tr("Show only rows with this %1").arg(column.header.toLower()));
        m_filter->addItem(tr("Any %1").arg(column.header.toLower()), QVariant());
        // Only the platform's own values: the filter is a bound equality on the raw value.
        for (const QString& value : PlatformValues::values(column.enumKind)) {
            m_filter->addItem(PlatformValues::label(column.enumKind, value), value);
        }
        m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        connect(m_filter, &QComboBox::currentIndexChanged, this, &TablePage::applyFilter);
    }

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("rowCountLabel"));
    // Shown only once a fetch has taken longer than WindowedTableModel::busyDelayMs.
    m_busy = new QProgressBar(this);
    m_busy->setObjectName(QStringLiteral("busyIndicator"));
    m_busy->setRange(0, 0);
    m_busy->setMaximumWidth(90);
    m_busy->setTextVisible(false);
    m_busy->setToolTip(tr("Loading rows…"));
    m_busy->setVisible(false);

    m_toolBar = new QToolBar(this);
    m_toolBar->setObjectName(QStringLiteral("pageToolBar"));
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    auto makeAction = [this](const QString& name, const QString& text, const QString& tip) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setToolTip(tip);
        m_toolBar->addAction(action);
        return action;
    };
    m_deleteAction =
        makeAction(QStringLiteral("deleteRowAction"), tr("Delete"), tr("Mark the selected rows for deletion"));
    m_toolBar->addSeparator();
    m_saveAction = makeAction(QStringLiteral("saveAction"), tr("Save"), tr("Write every change in one transaction"));
    m_revertAction = makeAction(QStringLiteral("revertAction"), tr("Revert"), tr("Discard unsaved changes"));
    connect(m_deleteAction, &QAction::triggered, this, &TablePage::deleteSelectedRows);
    connect(m_saveAction, &QAction::triggered, this, &TablePage::save);
    connect(m_revertAction, &QAction::triggered, this, &TablePage::revert);

    auto* top = new QHBoxLayout;
    top->addWidget(m_search);
    if (m_filter) {
        top->addWidget(m_filter);
    }
    top->addWidget(m_countLabel, 1);
    top->addWidget(m_busy);
    // The toolbar has a row of its own: beside the search box a page with several workflows
    // would push some of them into the toolbar's overflow menu at 1280x800.
    // The bar takes the whole row (its buttons stay left): held at its size hint, a bar whose
    // actions are added or reordered later can show the overflow button with nothing in it.
    auto* commands = new QHBoxLayout;
    commands->addWidget(m_toolBar, 1);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("tableView"));
    m_view->setItemDelegate(new PlatformItemDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    // Fixed row heights: with millions of rows the header must never measure sections.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->verticalHeader()->setMinimumWidth(36);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_view, &QWidget::customContextMenuRequested, this, &TablePage::showContextMenu);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("pageSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(top);
    layout->addLayout(commands);
    layout->addWidget(m_splitter, 1);
    buildViewTools(layout, top);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setObjectName(QStringLiteral("searchTimer"));
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &TablePage::applySearch);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this, &TablePage::sortByColumn);
    refreshUnsavedState();
}

void TablePage::createModel()
{
    m_model = new WindowedTableModel(m_spec, database().connectionName(), this);
    m_model->setObjectName(m_spec.pageId + QStringLiteral("Model"));
    // The model starts in its default order: the spec's where an index serves it, else the
    // primary key, newest first (the platform's own database has no created_at index).
    m_view->setModel(m_model);
    for (int c = 0; c < m_spec.columns.size(); ++c) {
        const ColumnSpec& column = m_spec.columns.at(c);
        m_view->setColumnHidden(c, column.kind == ColumnSpec::Kind::Secret);
        m_view->setColumnWidth(c, column.width);
    }
    m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    attachViewTools();
    // Search text or a filter chosen before the page was first shown.
    m_model->setSearchText(m_search->text());
    if (m_filter && m_filter->currentIndex() > 0) {
        applyFilter();
    }
    connect(m_model, &WindowedTableModel::countChanged, this, &TablePage::updateCountLabel);
    // A sort or search that no index serves scans the table in the background: the status bar says
    // so (and which index would make it instant), and Stop scan cancels it on the server.
    QAction* stopScan = addPageAction(QStringLiteral("stopScanAction"), tr("Stop scan"),
                                      tr("Stop the scan: back to the default order, or no search"));
    stopScan->setEnabled(false);
    connect(m_model, &WindowedTableModel::planNoteChanged, this, [this, stopScan](const QString& note) {
        stopScan->setEnabled(!note.isEmpty());
        if (!note.isEmpty()) {
            emit statusMessage(note);
        }
    });
    connect(stopScan, &QAction::triggered, this, [this] {
        if (!m_model->query().searchText().isEmpty()) {
            m_search->clear();
            applySearch();
        }
        m_model->resetSort();
        m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
        emit statusMessage(tr("Scan stopped."));
    });
    connect(m_model, &WindowedTableModel::loadingChanged, m_busy, &QWidget::setVisible);
    connect(m_model, &WindowedTableModel::fetchFailed, this,
            [this](const QString& error) { emit statusMessage(tr("Could not read %1: %2").arg(m_spec.title, error)); });
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TablePage::onRowsArrived);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TablePage::refreshUnsavedState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TablePage::refreshUnsavedState);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) {
                m_currentKey = currentKey();
                currentRowChanged(current.isValid() ? current.row() : -1);
            });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &TablePage::updateActionStates);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TablePage::updateActionStates);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TablePage::updateActionStates);
}

void TablePage::activate()
{
    if (m_model) {
        return;
    }
    createModel();
    refreshUnsavedState();
    // Ready once the first rows are in and counted (or the table turned out empty).
    auto checkReady = [this] {
        if (m_ready || !m_model->isCountExact() || (m_model->totalCount() > 0 && !m_model->isRowLoaded(0))) {
            return;
        }
        m_ready = true;
        if (m_model->rowCount() > 0 && !m_view->currentIndex().isValid()) {
            m_view->setCurrentIndex(m_model->index(0, 1));
        } else {
            currentRowChanged(currentRow());
        }
        emit ready();
    };
    connect(m_model, &QAbstractItemModel::dataChanged, this, checkReady);
    connect(m_model, &WindowedTableModel::countChanged, this, checkReady);
}

void TablePage::onRowsArrived(const QModelIndex& topLeft, const QModelIndex& bottomRight)
{
    if (!m_selectKey.isValid()) {
        return;
    }
    // Only the cached windows are searched: a reload announces every row (millions) at once.
    if (const int row = m_model->loadedRowOf(m_selectKey); row >= 0) {
        m_selectKey = QVariant();
        const int column = qMax(1, m_view->currentIndex().column());
        m_view->setCurrentIndex(m_model->index(row, column));
        m_view->scrollTo(m_model->index(row, column));
        notifyCurrentRow();
        return;
    }
    // The rows around the current one are back and the row is not among them (it moved far away
    // under the sort, or a search hides it): leave the selection where it is.
    const int current = currentRow();
    if (current < 0 || (current >= topLeft.row() && current <= bottomRight.row() && m_model->isRowLoaded(current))) {
        m_selectKey = QVariant();
        notifyCurrentRow();
    }
}

void TablePage::notifyCurrentRow()
{
    // Detail panels read again even when the current row number did not change.
    m_currentKey = currentKey();
    currentRowChanged(-1);
    currentRowChanged(currentRow());
}

bool TablePage::hasUnsavedChanges() const
{
    return (m_model && m_model->isDirty()) || detailsDirty();
}

void TablePage::refreshUnsavedState()
{
    const bool unsaved = hasUnsavedChanges();
    m_saveAction->setEnabled(unsaved);
    m_revertAction->setEnabled(unsaved);
    if (unsaved != m_lastUnsaved) {
        m_lastUnsaved = unsaved;
        emit unsavedChangesChanged(unsaved);
    }
    updateCountLabel();
}

void TablePage::updateCountLabel()
{
    if (!m_model) {
        m_countLabel->clear();
        return;
    }
    QString text = m_model->countText(); // "1,999,873 orders"
    if (m_filter && m_filter->currentIndex() > 0) {
        text += tr(", %1 %2").arg(m_spec.columns.at(m_filterColumn).header.toLower(), m_filter->currentText());
    }
    if (!m_model->query().searchText().isEmpty()) {
        text += m_model->query().searchMode() == WindowedQuery::SearchMode::Contains
                    ? tr(" containing \u201C%1\u201D").arg(m_model->query().searchText())
                    : tr(" matching \u201C%1\u201D").arg(m_model->query().searchText());
    }
    if (m_lastUnsaved) {
        text += tr(" \u2014 unsaved changes");
    }
    m_countLabel->setText(text);
}

bool TablePage::confirmDiscard(const QString& reason)
{
    if (!hasUnsavedChanges()) {
        return true;
    }
    const auto answer = Prompt::ask(this, tr("Unsaved changes"),
                                    tr("%1 has unsaved changes. Save them before %2?").arg(m_spec.title, reason),
                                    Prompt::Save | Prompt::Discard | Prompt::Cancel, Prompt::Save);
    if (answer == Prompt::Save) {
        return save();
    }
    if (answer == Prompt::Discard) {
        revert();
        return true;
    }
    return false;
}

void TablePage::applySearch()
{
    if (!m_model) {
        return;
    }
    // Pending edits are kept by key: a search does not touch them, so nothing to ask.
    m_selectKey = currentKey(); // current again if the search still shows it
    m_model->setSearchText(m_search->text());
    updateCountLabel();
    currentRowChanged(-1);
}

void TablePage::applyFilter()
{
    if (!m_model) {
        return;
    }
    QList<ColumnFilter> filters = filterBarFilters();
    const QVariant value = m_filter ? m_filter->currentData() : QVariant();
    if (value.isValid()) {
        filters << ColumnFilter{m_spec.columns.at(m_filterColumn).name, ColumnFilter::Match::Equals, value};
    }
    m_selectKey = currentKey();
    m_model->setFilters(filters);
    updateCountLabel();
    currentRowChanged(-1);
}

void TablePage::sortByColumn(int column)
{
    // Header clicks go through here rather than QTableView's own sorting: the order comes from
    // the indicator the header has just flipped, and the model sorts on the server.
    if (!m_model) {
        return;
    }
    m_selectKey = currentKey();
    m_model->sort(column, m_view->horizontalHeader()->sortIndicatorOrder());
    currentRowChanged(-1);
}

void TablePage::focusSearch()
{
    m_search->setFocus();
    m_search->selectAll();
}

void TablePage::setEditorFactory(EditorFactory factory)
{
    m_editorFactory = std::move(factory);
    if (m_editAction) {
        return;
    }
    m_editAction = new QAction(tr("Edit…"), this);
    m_editAction->setObjectName(QStringLiteral("editRowAction"));
    m_editAction->setToolTip(tr("Open the current row in a form (Enter, double-click)"));
    m_editAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_editAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_newAction = new QAction(tr("New…"), this);
    m_newAction->setObjectName(QStringLiteral("newRowAction"));
    // Ctrl+N is MainWindow's Add row, which comes to addRow() and from there to the form; a second
    // Ctrl+N here would make the shortcut ambiguous and neither would fire.
    m_newAction->setToolTip(tr("Create a row in a form (Ctrl+N)"));
    m_toolBar->insertAction(m_deleteAction, m_newAction);
    m_toolBar->insertAction(m_deleteAction, m_editAction);
    addAction(m_editAction);
    connect(m_editAction, &QAction::triggered, this, [this] { openEditor(currentRow()); });
    connect(m_newAction, &QAction::triggered, this, &TablePage::addRow);
    // Enter and double-click both arrive as activated(); double-click no longer edits inline.
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    applyPrivileges();
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) { openEditor(index.row()); });
}

void TablePage::openEditor(int row)
{
    if (!m_editorFactory || !m_model || row < -1 || row >= m_model->rowCount()) {
        return;
    }
    if (row >= 0 && !m_model->isRowLoaded(row)) {
        return; // still a placeholder: nothing to open yet
    }
    openRecord(row >= 0 ? m_model->keyAt(row) : QVariant());
}

void TablePage::openRecord(const QVariant& key)
{
    if (!m_editorFactory) {
        return;
    }
    if (const QString no = refusal(key.isValid() ? Privileges::Action::Update : Privileges::Action::Insert);
        !no.isEmpty()) {
        emit statusMessage(no);
        return;
    }
    // The form shows and writes the saved row: pending inline edits would be neither shown nor
    // kept, so they are saved (or dropped) first.
    if (!confirmDiscard(tr("opening the form"))) {
        return;
    }
    // QDataWidgetMapper needs a model row: the form gets a PlatformTableModel of this row alone
    // (bound key), never the whole table.
    auto* rowModel = new PlatformTableModel(m_spec, database());
    rowModel->setObjectName(QStringLiteral("formRowModel"));
    rowModel->setKeyFilter(key.isValid() ? QVariantList{key} : QVariantList{});
    if (key.isValid() && (!rowModel->select() || rowModel->rowCount() != 1)) {
        const QString why = rowModel->lastError().isValid()
                                ? rowModel->lastError().text()
                                : tr("Someone else deleted this row; reload to see the table as it is now.");
        delete rowModel;
        Prompt::warn(this, tr("Cannot open the row"), why);
        return;
    }
    QDialog* dialog = m_editorFactory(this, rowModel, key.isValid() ? 0 : -1);
    if (!dialog) {
        delete rowModel;
        return;
    }
    rowModel->setParent(dialog);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QAction* TablePage::addPageAction(const QString& name, const QString& text, const QString& tip,
                                  const QKeySequence& shortcut)
{
    auto* action = new QAction(text, this);
    action->setObjectName(name);
    action->setToolTip(tip);
    if (!shortcut.isEmpty()) {
        action->setShortcut(shortcut);
        // Window-wide while the page is shown (also from the navigation list or the menu bar);
        // a hidden page's toolbar is hidden too, so its shortcuts do not clash with this one's.
        action->setShortcutContext(Qt::WindowShortcut);
        action->setToolTip(QStringLiteral("%1 (%2)").arg(tip, shortcut.toString(QKeySequence::NativeText)));
    }
    m_toolBar->addAction(action);
    PrivilegeGuard::apply(action, m_privileges, PrivilegeGuard::needsOf(name));
    return action;
}

int TablePage::currentRow() const
{
    return m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
}

QVariant TablePage::currentKey() const
{
    const int row = currentRow();
    if (row < 0 || !m_model) {
        return QVariant();
    }
    // While its window is being read again (after a reload), the current row keeps its key.
    return m_model->isRowLoaded(row) ? m_model->keyAt(row) : m_currentKey;
}

void TablePage::reloadAndSelect(const QVariant& key)
{
    if (!m_model) {
        activate();
    }
    // Re-reads the rows (a form or workflow wrote); the row with `key` becomes current once it
    // is loaded again (onRowsArrived). Pending inline edits are kept.
    // Detail panels read again then too (a form may have changed a course's features).
    m_selectKey = key.isValid() ? key : currentKey();
    m_model->refresh();
    refreshUnsavedState();
}

std::unique_ptr<ExportSource> TablePage::exportSource() const
{
    QList<int> columns;
    const QHeaderView* header = m_view ? m_view->horizontalHeader() : nullptr;
    for (int visual = 0; header && visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical)) {
            columns << logical;
        }
    }
    const WindowedQuery query = m_model ? m_model->query() : WindowedQuery(m_spec, Database::engine(database()));
    return std::make_unique<TableExportSource>(database().connectionName(), query, columns, true);
}
