#pragma once

#include <QMainWindow>
#include <QSqlDatabase>

#include <functional>

class Page;
class QAction;
class QLabel;
class QListWidget;
class QMenu;
class QSplitter;
class QStackedWidget;
struct DatabaseUrl;

// The main window: a navigation list of pages on the left, the current page on the right, and
// the menus. It knows pages only through the Page interface; pages own their behaviour, the
// window routes Save / Revert / Reload to the current one and asks every page before closing.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    // Makes further pages (Dashboard, Payments review, ...) for a connection. Factories run after
    // the table pages each time a database is set.
    using PageFactory = std::function<QList<Page*>(QSqlDatabase db)>;

    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Replaces every page with new ones on `db` (the table pages, then the factories' pages).
    void setDatabase(QSqlDatabase db);
    QSqlDatabase database() const { return m_db; }
    void addPageFactory(PageFactory factory);
    void addPage(Page* page);

    QList<Page*> pages() const { return m_pages; }
    Page* page(const QString& pageId) const;
    Page* currentPage() const;
    bool showPage(const QString& pageId);
    // Opens a table page filtered by `searchText` (reconciliation findings link to their rows).
    void showRows(const QString& pageId, const QString& searchText);

    // Asks about unsaved changes on every page: true when the window may close / switch database.
    bool confirmUnsavedChanges();
    // Opens a connection (asking schema questions through Prompt) and switches to it.
    bool openConnection(const DatabaseUrl& url);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildMenus();
    void rebuildRecentMenu();
    void showConnectionDialog();
    void clearPages();
    void pageChanged(int index);
    void updateNavigationMarks();
    void saveCurrent();
    void showAbout();

    QSqlDatabase m_db;
    QString m_connectionName;
    QList<Page*> m_pages;
    QList<PageFactory> m_factories;
    QListWidget* m_navigation = nullptr;
    QStackedWidget* m_stack = nullptr;
    QSplitter* m_splitter = nullptr;
    QLabel* m_connectionLabel = nullptr;
    QMenu* m_recentMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_recordsMenu = nullptr;
    QList<QAction*> m_pageActions;
    QAction* m_saveAction = nullptr;
    QAction* m_revertAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_addRowAction = nullptr;
    QAction* m_deleteRowAction = nullptr;
    QAction* m_findAction = nullptr;
};
