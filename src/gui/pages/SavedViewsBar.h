#pragma once

#include "views/SavedViewStore.h"

#include <QWidget>

#include <memory>

class QAction;
class QComboBox;
class QLabel;
class QToolButton;
class TablePage;

// Named views of a table page (search + filters + sort + columns): pick one to apply it; Save
// view as…, Update, Rename…, Delete… (asks first). Kept in coursedesk_saved_views when the
// database has it (everyone on the database shares them), otherwise on this computer; the label
// beside the list says which.
class SavedViewsBar : public QWidget
{
    Q_OBJECT
public:
    explicit SavedViewsBar(TablePage* page, QWidget* parent = nullptr);

    // Reads the list (when the page is first shown).
    void load();
    SavedViewStore::Location location() const;
    QComboBox* viewCombo() const { return m_combo; }
    QString currentView() const;

    bool applyView(const QString& name);
    bool saveViewAs();
    bool updateView();
    bool renameView();
    bool deleteView();

private:
    void refreshList(const QString& select);
    void updateActions();
    void fail(const QString& title, const QString& message);

    TablePage* m_page = nullptr;
    std::unique_ptr<SavedViewStore> m_store;
    QComboBox* m_combo = nullptr;
    QToolButton* m_button = nullptr;
    QLabel* m_where = nullptr;
    QAction* m_saveAs = nullptr;
    QAction* m_update = nullptr;
    QAction* m_rename = nullptr;
    QAction* m_delete = nullptr;
    bool m_filling = false;
};
