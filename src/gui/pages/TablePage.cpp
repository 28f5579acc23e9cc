#include "TablePage.h"

#include "Prompt.h"
#include "db/Database.h"
#include "delegates/PlatformItemDelegate.h"
#include "models/DeleteGuard.h"
#include "models/PlatformTableModel.h"

#include <QAction>
#include <QDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QSqlError>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QVBoxLayout>

namespace SqlConnection {
// A dropped connection, or one left closed by a reconnect that failed.
bool lost(const QSqlError& error, const QSqlDatabase& db)
{
    return Database::isConnectionLost(error, db) || !db.isOpen();
}
} // namespace SqlConnection

TablePage::TablePage(const TableSpec& spec, QSqlDatabase db, QWidget* parent) : Page(db, parent), m_spec(spec)
{
    setObjectName(m_spec.pageId + QStringLiteral("Page"));
    m_model = new PlatformTableModel(m_spec, database(), this);
    buildUi();
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

    m_countLabel = new QLabel(this);
    m_countLabel->setObjectName(QStringLiteral("rowCountLabel"));

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
    m_addAction = makeAction(QStringLiteral("addRowAction"), tr("Add"), tr("Add a row (saved with Save)"));
    m_deleteAction =
        makeAction(QStringLiteral("deleteRowAction"), tr("Delete"), tr("Mark the selected rows for deletion"));
    m_toolBar->addSeparator();
    m_saveAction = makeAction(QStringLiteral("saveAction"), tr("Save"), tr("Write every change in one transaction"));
    m_revertAction = makeAction(QStringLiteral("revertAction"), tr("Revert"), tr("Discard unsaved changes"));
    connect(m_addAction, &QAction::triggered, this, &TablePage::addRow);
    connect(m_deleteAction, &QAction::triggered, this, &TablePage::deleteSelectedRows);
    connect(m_saveAction, &QAction::triggered, this, &TablePage::save);
    connect(m_revertAction, &QAction::triggered, this, &TablePage::revert);

    auto* top = new QHBoxLayout;
    top->addWidget(m_search);
    top->addWidget(m_countLabel, 1);
    top->addWidget(m_toolBar);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("tableView"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(new PlatformItemDelegate(m_view));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                            QAbstractItemView::AnyKeyPressed);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 10);
    m_view->verticalHeader()->setMinimumWidth(36);
    m_view->horizontalHeader()->setHighlightSections(false);
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSectionsClickable(true);
    m_view->horizontalHeader()->setStretchLastSection(true);
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const ColumnSpec* spec = m_model->columnSpec(c);
        if (!spec) {
            m_view->setColumnHidden(c, true);
        } else {
            m_view->setColumnWidth(c, spec->width);
        }
    }
    const int sortColumn = m_model->columnOf(m_spec.defaultSort);
    if (sortColumn >= 0) {
        m_view->horizontalHeader()->setSortIndicator(sortColumn, m_spec.defaultDescending ? Qt::DescendingOrder
                                                                                          : Qt::AscendingOrder);
    }

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("pageSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_splitter->addWidget(m_view);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(top);
    layout->addWidget(m_splitter, 1);

    m_searchTimer = new QTimer(this);
    m_searchTimer->setObjectName(QStringLiteral("searchTimer"));
    m_searchTimer->setSingleShot(true);
    m_searchTimer->setInterval(250);
    connect(m_search, &QLineEdit::textChanged, m_searchTimer, qOverload<>(&QTimer::start));
    connect(m_searchTimer, &QTimer::timeout, this, &TablePage::applySearch);
    connect(m_view->horizontalHeader(), &QHeaderView::sectionClicked, this, &TablePage::sortByColumn);
    connect(m_model, &PlatformTableModel::selected, this, &TablePage::updateCountLabel);
    connect(m_model, &QAbstractItemModel::modelReset, this, &TablePage::refreshUnsavedState);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &TablePage::refreshUnsavedState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &TablePage::refreshUnsavedState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &TablePage::refreshUnsavedState);
    connect(m_model, &QAbstractItemModel::headerDataChanged, this, &TablePage::refreshUnsavedState);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { currentRowChanged(current.isValid() ? current.row() : -1); });
    refreshUnsavedState();
}

void TablePage::activate()
{
    if (m_loaded) {
        return;
    }
    m_loaded = true;
    if (!m_model->select()) {
        recoverRead();
    }
    if (m_model->rowCount() > 0) {
        m_view->setCurrentIndex(m_model->index(0, 1));
    } else {
        currentRowChanged(-1);
    }
    // Ready once the view has taken the new rows in (the next turn of the event loop).
    QTimer::singleShot(0, this, [this] {
        m_ready = true;
        emit ready();
    });
}

bool TablePage::hasUnsavedChanges() const
{
    return m_model->hasPendingEdits() || detailsDirty();
}

void TablePage::refreshUnsavedState()
{
    const bool unsaved = hasUnsavedChanges();
    m_saveAction->setEnabled(unsaved);
    m_revertAction->setEnabled(unsaved);
    updateCountLabel();
    if (unsaved != m_lastUnsaved) {
        m_lastUnsaved = unsaved;
        emit unsavedChangesChanged(unsaved);
    }
}

void TablePage::updateCountLabel()
{
    QString text = m_model->matchingRowCount() == 1 ? tr("1 row") : tr("%L1 rows").arg(m_model->matchingRowCount());
    if (!m_model->searchText().isEmpty()) {
        text += tr(" matching \u201C%1\u201D").arg(m_model->searchText());
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
    if (m_search->text().trimmed() == m_model->searchText()) {
        return;
    }
    if (!confirmDiscard(tr("searching"))) {
        return;
    }
    m_model->setSearchText(m_search->text());
    if (m_model->lastError().isValid()) {
        if (SqlConnection::lost(m_model->lastError(), database())) {
            recoverRead();
        } else {
            emit statusMessage(tr("Search failed: %1").arg(m_model->lastError().text()));
        }
    }
    currentRowChanged(m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1);
}

void TablePage::sortByColumn(int column)
{
    // Header clicks go through here rather than QTableView's own sorting, which would re-select
    // (and silently drop pending edits) without asking.
    QHeaderView* header = m_view->horizontalHeader();
    const Qt::SortOrder order = header->sortIndicatorOrder();
    if (!confirmDiscard(tr("sorting"))) {
        return;
    }
    m_model->sort(column, order);
    if (m_model->lastError().isValid() && SqlConnection::lost(m_model->lastError(), database())) {
        recoverRead();
    }
    currentRowChanged(m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1);
}

bool TablePage::save()
{
    m_view->setFocus(); // closes an open editor so its value is committed first
    if (m_model->hasPendingEdits() && !m_model->save()) {
        if (m_model->saveFailure().connectionLost) {
            recoverConnection(tr("your unsaved changes are kept \u2014 save again."),
                              tr("Your changes are kept; try Save again when the server is back."));
        } else {
            showSaveFailure();
        }
        refreshUnsavedState();
        return false;
    }
    if (!saveDetails()) {
        return false;
    }
    emit statusMessage(tr("%1 saved").arg(m_spec.title));
    refreshUnsavedState();
    return true;
}

void TablePage::showSaveFailure()
{
    const auto& failure = m_model->saveFailure();
    if (failure.row >= 0) {
        const int column = failure.column >= 0 ? failure.column : 1;
        m_view->setCurrentIndex(m_model->index(failure.row, column));
        m_view->scrollTo(m_model->index(failure.row, column));
    }
    emit statusMessage(failure.text());
    Prompt::warn(this, tr("Not saved"), failure.text(), tr("Nothing was written; your edits are kept."));
}

bool TablePage::recoverConnection(const QString& kept, const QString& notKept)
{
    const QString name = Database::url(database()).displayName();
    QString reason;
    if (Database::reconnect(database().connectionName(), &reason)) {
        const QString text = tr("The connection to %1 was lost. Coursedesk reconnected; %2").arg(name, kept);
        emit statusMessage(text);
        Prompt::warn(this, tr("Connection lost"), text);
        return true;
    }
    const QString text =
        tr("The connection to %1 was lost and Coursedesk could not reconnect: %2. %3").arg(name, reason, notKept);
    emit statusMessage(text);
    Prompt::warn(this, tr("Connection lost"), text);
    return false;
}

bool TablePage::recoverRead()
{
    if (!SqlConnection::lost(m_model->lastError(), database())) {
        emit statusMessage(tr("Could not read %1: %2").arg(m_spec.title, m_model->lastError().text()));
        return false;
    }
    if (!recoverConnection(tr("%1 is read again.").arg(m_spec.title), tr("Try again when the server is back."))) {
        return false;
    }
    if (!m_model->select()) {
        emit statusMessage(tr("Could not read %1: %2").arg(m_spec.title, m_model->lastError().text()));
        return false;
    }
    return true;
}

void TablePage::revert()
{
    m_model->revertAll();
    revertDetails();
    refreshUnsavedState();
}

void TablePage::reload()
{
    if (!confirmDiscard(tr("reloading"))) {
        return;
    }
    m_loaded = true;
    if (!m_model->select()) {
        recoverRead();
    }
    currentRowChanged(m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1);
}

QList<int> TablePage::selectedRows() const
{
    QList<int> rows;
    for (const QModelIndex& index : m_view->selectionModel()->selectedRows()) {
        rows << index.row();
    }
    if (rows.isEmpty() && m_view->currentIndex().isValid()) {
        rows << m_view->currentIndex().row();
    }
    std::sort(rows.begin(), rows.end());
    return rows;
}

void TablePage::addRow()
{
    // With a form, a new row is made there (MainWindow's Add row, Ctrl+N, lands here too).
    if (m_editorFactory) {
        openEditor(-1);
        return;
    }
    if (!m_model->insertRows(0, 1)) {
        return;
    }
    // Platform defaults, so the new row reads like one the platform would make.
    int firstEditable = -1;
    for (int c = 0; c < m_model->columnCount(); ++c) {
        const ColumnSpec* spec = m_model->columnSpec(c);
        if (spec && spec->kind == ColumnSpec::Kind::Enum) {
            m_model->setData(m_model->index(0, c), PlatformValues::values(spec->enumKind).first());
        } else if (spec && spec->name == QLatin1String("currency")) {
            m_model->setData(m_model->index(0, c), QStringLiteral("INR"));
        }
        if (firstEditable < 0 && (m_model->flags(m_model->index(0, c)) & Qt::ItemIsEditable) &&
            !m_view->isColumnHidden(c)) {
            firstEditable = c;
        }
    }
    m_view->scrollToTop();
    if (firstEditable >= 0) {
        m_view->setCurrentIndex(m_model->index(0, firstEditable));
        m_view->edit(m_model->index(0, firstEditable));
    }
}

void TablePage::deleteSelectedRows()
{
    const QList<int> rows = selectedRows();
    if (rows.isEmpty()) {
        return;
    }
    for (int row : rows) {
        const QString why = DeleteGuard::blockers(database(), m_spec.table, m_model->keyValue(row));
        if (!why.isEmpty()) {
            Prompt::warn(this, tr("Cannot delete"), why);
            return;
        }
    }
    const QString what = rows.size() == 1 ? tr("this row") : tr("these %1 rows").arg(rows.size());
    QString question = tr("Delete %1 from %2? They are removed when you save.").arg(what, m_spec.title);
    if (const QString consequences = deleteConsequences(rows); !consequences.isEmpty()) {
        question += QLatin1Char(' ') + consequences;
    }
    if (Prompt::ask(this, tr("Delete rows"), question, Prompt::Yes | Prompt::No, Prompt::No) != Prompt::Yes) {
        return;
    }
    for (auto it = rows.crbegin(); it != rows.crend(); ++it) {
        m_model->removeRows(*it, 1);
    }
    refreshUnsavedState();
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
    // New… takes Add's place: both would do the same.
    m_toolBar->insertAction(m_addAction, m_newAction);
    m_toolBar->insertAction(m_addAction, m_editAction);
    m_addAction->setVisible(false);
    addAction(m_editAction);
    connect(m_editAction, &QAction::triggered, this, [this] { openEditor(currentRow()); });
    connect(m_newAction, &QAction::triggered, this, &TablePage::addRow);
    // Enter and double-click both arrive as activated(); double-click no longer edits inline.
    m_view->setEditTriggers(QAbstractItemView::EditKeyPressed | QAbstractItemView::AnyKeyPressed);
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) { openEditor(index.row()); });
}

void TablePage::openEditor(int row)
{
    if (!m_editorFactory || (row >= 0 && m_model->isInsertedRow(row))) {
        return;
    }
    if (row < -1 || row >= m_model->rowCount()) {
        return;
    }
    // The form works on the saved row: pending inline edits would be neither shown nor kept.
    // Saving them re-reads the table, so the row is found again by its key.
    const QVariant key = row >= 0 ? m_model->keyValue(row) : QVariant();
    if (!confirmDiscard(tr("opening the form"))) {
        return;
    }
    if (key.isValid() && m_model->keyValue(row) != key) {
        row = -2;
        for (int r = 0; r < m_model->rowCount() && row == -2; ++r) {
            if (m_model->keyValue(r) == key) {
                row = r;
            }
        }
        if (row < 0) {
            return;
        }
    }
    QDialog* dialog = m_editorFactory(this, row);
    if (!dialog) {
        return;
    }
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
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    m_toolBar->addAction(action);
    return action;
}

int TablePage::currentRow() const
{
    return m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
}

void TablePage::reloadAndSelect(const QVariant& key)
{
    if (m_model->isDirty() || detailsDirty()) {
        return; // a form only opens on a clean page; never drop edits made since
    }
    m_loaded = true;
    if (!m_model->select() && !recoverRead()) {
        return;
    }
    int found = -1;
    for (int r = 0; r < m_model->rowCount() && found < 0; ++r) {
        if (m_model->keyValue(r).toString() == key.toString()) {
            found = r;
        }
    }
    const int column = qMax(1, m_view->currentIndex().column());
    if (found >= 0) {
        m_view->setCurrentIndex(m_model->index(found, column));
        m_view->scrollTo(m_model->index(found, column));
    }
    // Detail panels re-read too (a form may have changed a course's features).
    currentRowChanged(-1);
    currentRowChanged(currentRow());
    refreshUnsavedState();
}
