#pragma once

#include "Page.h"
#include "models/TableSpec.h"

class PlatformTableModel;
class QAction;
class QLabel;
class QLineEdit;
class QSplitter;
class QTableView;
class QTimer;
class QToolBar;

// A page showing one platform table: a search box (server-side, bound values, debounced), the
// table with inline editing, the row count, and Add / Delete / Save / Revert. Edits stay pending
// until Save; anything that would re-read the table (search, sort, reload) asks first.
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

    PlatformTableModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLineEdit* searchEdit() const { return m_search; }

    void addRow();
    void deleteSelectedRows();
    void focusSearch();

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

private:
    void buildUi();
    void applySearch();
    void sortByColumn(int column);
    void updateCountLabel();
    void showSaveFailure();
    QList<int> selectedRows() const;

    TableSpec m_spec;
    PlatformTableModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QLineEdit* m_search = nullptr;
    QLabel* m_countLabel = nullptr;
    QTimer* m_searchTimer = nullptr;
    QSplitter* m_splitter = nullptr;
    QToolBar* m_toolBar = nullptr;
    QAction* m_addAction = nullptr;
    QAction* m_deleteAction = nullptr;
    QAction* m_saveAction = nullptr;
    QAction* m_revertAction = nullptr;
    bool m_loaded = false;
    bool m_ready = false;
    bool m_lastUnsaved = false;
};
