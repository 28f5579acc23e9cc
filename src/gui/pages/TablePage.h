#pragma once

#include "Page.h"
#include "domain/TableSpec.h"

#include <QKeySequence>

#include <functional>

class BulkActions;
class CellClipboard;
class ColumnChooser;
class EditHistory;
class FilterBar;
class PlatformTableModel;
class SavedViewsBar;
struct ColumnFilter;
struct ViewState;
class QAction;
class QComboBox;
class QMenu;
class QProgressBar;
class WindowedTableModel;
class QDialog;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class QToolBar;

// A page showing one platform table of any size: a search box (server-side, bound values,
// debounced), the table (a WindowedTableModel: only the rows near the viewport are in memory)
// with inline editing, the row count, a busy indicator, and New / Edit / Delete / Save / Revert.
// Edits are kept by primary key until Save, so searching, sorting and reloading keep them too.
// Forms get a PlatformTableModel of their one row (QDataWidgetMapper needs a row of a model).
class TablePage : public Page
{
    Q_OBJECT
public:
    explicit TablePage(const TableSpec& spec, QSqlDatabase db, QWidget* parent = nullptr);

    QString pageId() const override { return m_spec.pageId; }
    QString title() const override { return m_spec.title; }
    bool hasUnsavedChanges() const override;
    bool save() override;
    void revert() override;
    void reload() override;
    void activate() override;
    bool isReady() const override { return m_ready; }
    // Its search, filters, sort and visible columns (in their on-screen order).
    std::unique_ptr<ExportSource> exportSource() const override;

    // Created when the page is first shown (activate()); nullptr before.
    WindowedTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* searchEdit() const { return m_search; }
    // "All statuses", "Paid", ...: a server-side filter on the table's first status-like column
    // (nullptr for a table without one).
    QComboBox* filterCombo() const { return m_filter; }

    const TableSpec& spec() const { return m_spec; }
    // Views, filters, columns, bulk actions, clipboard and undo (TablePageViews.cpp and the
    // classes it wires in); nullptr before the page is built / first shown.
    FilterBar* filterBar() const { return m_filterBar; }
    QComboBox* searchModeCombo() const { return m_searchMode; }
    ColumnChooser* columnChooser() const { return m_columns; }
    SavedViewsBar* savedViewsBar() const { return m_savedViews; }
    BulkActions* bulkActions() const { return m_bulk; }
    CellClipboard* cellClipboard() const { return m_clipboard; }
    EditHistory* editHistory() const { return m_history; }
    // What the page shows (search, filters, sort, columns), and showing a saved one.
    ViewState viewState() const;
    void applyViewState(const ViewState& state);
    // Rows with a selected cell (or the current row), ascending.
    QList<int> selectedRows() const;

    void addRow();
    void deleteSelectedRows();
    void focusSearch();
    // Shows the rows matching `searchText` with nothing else hiding them: the status filter goes
    // back to "Any" (reconciliation findings link to their rows this way).
    void showMatching(const QString& searchText);

    // Edit forms: a factory makes the form for a row (-1: a new record). Once set, Enter,
    // double-click and Edit… (Ctrl+E) open the current row's form; New… and addRow() (the
    // window's Add row, Ctrl+N) open an empty one; double-click no longer edits the cell inline.
    // `rowModel` holds the row alone (row 0), or nothing for a new record (row -1); the dialog
    // takes it over.
    using EditorFactory = std::function<QDialog*(TablePage* page, PlatformTableModel* rowModel, int row)>;
    void setEditorFactory(EditorFactory factory);
    void openEditor(int row);
    // Opens the form of the row with primary key `key`, wherever it is in the table (History).
    void openRecord(const QVariant& key);
    // A workflow action on the page's toolbar (Record payment…, Refund…).
    QAction* addPageAction(const QString& name, const QString& text, const QString& tip,
                           const QKeySequence& shortcut = QKeySequence());
    int currentRow() const;
    // The primary key of the current row (invalid while it is a placeholder or none is current).
    QVariant currentKey() const;
    // Re-reads the table and makes the row with `key` current (after a form or workflow wrote).
    void reloadAndSelect(const QVariant& key);

    // TablePageActions.cpp: the page's commands in the window's Records menu and the table's
    // right-click menu, each enabled by what is selected.
    // The toolbar's actions (New…, Edit…, Delete, Save, Revert, the workflows), for menus.
    QList<QAction*> menuActions() const override;
    // `action` is enabled only while the current row is loaded and `condition` holds for it.
    using RowCondition = std::function<bool(const TablePage* page, int row)>;
    void setActionCondition(QAction* action, RowCondition condition);
    // A condition: the current row's raw `column` value is one of `values` ("status", {"COMPLETED"}).
    static RowCondition valueIn(const QString& column, const QStringList& values);
    // The raw value (EditRole) of `column` in `row`, invalid while the row is not loaded.
    QVariant rawValue(int row, const QString& column) const;
    // The right-click menu of the table (the caller owns it).
    QMenu* createContextMenu();
    void updateActionStates();

protected:
    // Asks what to do with pending edits before they would be lost: true when it is fine to go on
    // (saved, discarded, or nothing pending).
    bool confirmDiscard(const QString& reason);
    // The vertical splitter holding the table; pages add detail panels below it.
    QSplitter* splitter() const { return m_splitter; }
    // Called when the current row changes (after loading too): detail panels follow it.
    virtual void currentRowChanged(int row) { Q_UNUSED(row); }
    virtual bool detailsDirty() const { return false; }
    virtual bool saveDetails() { return true; }
    virtual void revertDetails() {}
    void refreshUnsavedState();
    // What else a delete takes with it, for the confirmation ("Its 6 features ... go with it.").
    virtual QString deleteConsequences(const QList<int>& rows) const
    {
        Q_UNUSED(rows);
        return QString();
    }

private:
    void buildUi();
    void createModel();
    void onRowsArrived(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    void notifyCurrentRow();
    void applySearch();
    void applyFilter();
    void sortByColumn(int column);
    void updateCountLabel();
    void showSaveFailure();
    // The connection dropped: reconnect it (same name, so every model keeps working) and tell the
    // user in words. `kept` ends the sentence after a reconnect. True when the connection is back.
    bool recoverConnection(const QString& kept, const QString& notKept);
    // TablePageViews.cpp: builds the filter bar, search mode, saved views, bulk menu, clipboard
    // and undo; attachViewTools() connects them to the model once it exists.
    void buildViewTools(class QVBoxLayout* layout, class QHBoxLayout* top);
    void attachViewTools();
    void applySearchMode();
    QList<ColumnFilter> filterBarFilters() const;
    // Adds copy, paste, undo, redo and the bulk actions to the table's right-click menu.
    void addViewToolActions(QMenu* menu);
    QString searchCost() const;
    void showContextMenu(const QPoint& position);

    TableSpec m_spec;
    WindowedTableModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_search = nullptr;
    QComboBox* m_filter = nullptr;
    int m_filterColumn = -1;
    QLabel* m_countLabel = nullptr;
    QProgressBar* m_busy = nullptr;
    QTimer* m_searchTimer = nullptr;
    QSplitter* m_splitter = nullptr;
    QToolBar* m_toolBar = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_revertAction = nullptr;
    EditorFactory m_editorFactory;
    QAction* m_editAction = nullptr;
    QAction* m_newAction = nullptr;
    bool m_loaded = false;
    bool m_ready = false;
    bool m_lastUnsaved = false;
    QVariant m_selectKey;  // reloadAndSelect(): the row to make current once it is loaded
    QVariant m_currentKey; // the current row's key, kept while its window is read again
    FilterBar* m_filterBar = nullptr;
    QComboBox* m_searchMode = nullptr;
    ColumnChooser* m_columns = nullptr;
    SavedViewsBar* m_savedViews = nullptr;
    BulkActions* m_bulk = nullptr;
    CellClipboard* m_clipboard = nullptr;
    EditHistory* m_history = nullptr;
    qint64 m_tableRows = -1; // the whole table's size (estimate), for the "contains" cost
    QList<QPair<QAction*, RowCondition>> m_conditions;
};
