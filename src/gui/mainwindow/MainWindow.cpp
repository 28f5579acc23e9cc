#include "MainWindow.h"
#include "dataio/DataIoActions.h"

#include "background/BackgroundQueries.h"
#include "connection/ConnectionDialog.h"
#include "connection/DatabaseOpener.h"
#include "connection/DemoConnection.h"
#include "connection/RecentConnections.h"
#include "db/Database.h"
#include "db/Privileges.h"
#include "forms/Prompt.h"
#include "models/windowed/FetcherPool.h"
#include "pages/Page.h"
#include "pages/TablePage.h"
#include "pages/TablePages.h"

#include "about/AboutDialog.h"
#include "dashboard/DashboardPage.h"
#include "finance/FinancePages.h"
#include "finance/ReconciliationPage.h"
#include "history/HistoryPage.h"
#include "history/HistoryPanel.h"

#include <QCloseEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>

namespace {
int s_connectionSerial = 0;
}

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent)
{
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(QStringLiteral("Coursedesk"));

    m_navigation = new QListWidget(this);
    m_navigation->setObjectName(QStringLiteral("navigationList"));
    m_navigation->setMinimumWidth(140);
    m_navigation->setFrameShape(QFrame::NoFrame);
    m_navigation->setStyleSheet(
        QStringLiteral("QListWidget { padding-top: 6px; } QListWidget::item { padding: 7px 10px; }"));
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("pageStack"));

    auto* splitter = m_splitter = new QSplitter(this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_navigation);
    splitter->addWidget(m_stack);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({180, 1100});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    statusBar()->setObjectName(QStringLiteral("statusBar"));
    statusBar()->addPermanentWidget(m_connectionLabel);

    connect(m_navigation, &QListWidget::currentRowChanged, this, &MainWindow::pageChanged);
    buildMenus();
    // Pages beyond the tables; each gets the connection the table pages use.
    addPageFactory([](QSqlDatabase db) { return QList<Page*>{new DashboardPage(db)}; });
    addPageFactory(&createFinancePages);
    addPageFactory([](QSqlDatabase db) { return QList<Page*>{new HistoryPage(db)}; });
    HistoryPanel::install(); // the History tab of every record form

    resize(1280, 800);
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("mainWindow/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("mainWindow/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("mainWindow/splitter")).toByteArray());
}

MainWindow::~MainWindow()
{
    clearPages();
    if (!m_connectionName.isEmpty()) {
        m_db = QSqlDatabase();
        FetcherPool::release(m_connectionName);
        BackgroundQueries::release(m_connectionName);
        Database::close(m_connectionName);
    }
}

void MainWindow::buildMenus()
{
    auto action = [this](QMenu* menu, const QString& name, const QString& text, const QKeySequence& shortcut = {}) {
        auto* a = new QAction(text, this);
        a->setObjectName(name);
        a->setShortcut(shortcut);
        menu->addAction(a);
        return a;
    };
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->setObjectName(QStringLiteral("fileMenu"));
    QAction* open = action(file, QStringLiteral("actionOpenConnection"), tr("&Open connection…"), QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Recent connections"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
    file->addSeparator();
    m_saveAction = action(file, QStringLiteral("actionSave"), tr("&Save"), QKeySequence::Save);
    m_revertAction = action(file, QStringLiteral("actionRevert"), tr("&Revert"));
    m_reloadAction = action(file, QStringLiteral("actionReload"), tr("Re&load"), QKeySequence(Qt::Key_F5));
    file->addSeparator();
    DataIoActions::install(
        this, file, [this] { return currentPage(); }, [this] { return database(); });
    file->addSeparator();
    QAction* quit = action(file, QStringLiteral("actionQuit"), tr("&Quit"), QKeySequence::Quit);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    edit->setObjectName(QStringLiteral("editMenu"));
    m_addRowAction = action(edit, QStringLiteral("actionAddRow"), tr("&New…"), QKeySequence(Qt::CTRL | Qt::Key_N));
    m_deleteRowAction =
        action(edit, QStringLiteral("actionDeleteRow"), tr("&Delete rows"), QKeySequence(Qt::CTRL | Qt::Key_Delete));
    edit->addSeparator();
    m_findAction = action(edit, QStringLiteral("actionFind"), tr("&Find"), QKeySequence::Find);

    m_viewMenu = menuBar()->addMenu(tr("&View"));
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    // The current page's own commands (Edit…, Refund…, Suspend…): filled when the page changes.
    m_recordsMenu = menuBar()->addMenu(tr("&Records"));
    m_recordsMenu->setObjectName(QStringLiteral("recordsMenu"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->setObjectName(QStringLiteral("helpMenu"));
    QAction* about = action(help, QStringLiteral("actionAbout"), tr("&About Coursedesk"));

    for (QMenu* menu : menuBar()->findChildren<QMenu*>()) {
        menu->menuAction()->setObjectName(menu->objectName() + QStringLiteral("Action"));
    }

    connect(open, &QAction::triggered, this, &MainWindow::showConnectionDialog);
    connect(m_saveAction, &QAction::triggered, this, &MainWindow::saveCurrent);
    connect(m_revertAction, &QAction::triggered, this, [this] {
        if (Page* p = currentPage()) {
            p->revert();
        }
    });
    connect(m_reloadAction, &QAction::triggered, this, [this] {
        if (Page* p = currentPage()) {
            p->reload();
        }
    });
    connect(quit, &QAction::triggered, this, &QWidget::close);
    connect(m_addRowAction, &QAction::triggered, this, [this] {
        if (auto* p = qobject_cast<TablePage*>(currentPage())) {
            p->addRow();
        }
    });
    connect(m_deleteRowAction, &QAction::triggered, this, [this] {
        if (auto* p = qobject_cast<TablePage*>(currentPage())) {
            p->deleteSelectedRows();
        }
    });
    connect(m_findAction, &QAction::triggered, this, [this] {
        if (auto* p = qobject_cast<TablePage*>(currentPage())) {
            p->focusSearch();
        }
    });
    connect(about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::rebuildRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = RecentConnections::list();
    for (int i = 0; i < recent.size(); ++i) {
        QAction* a = m_recentMenu->addAction(recent.at(i));
        a->setObjectName(QStringLiteral("recentConnectionAction%1").arg(i));
        connect(a, &QAction::triggered, this, [this, url = recent.at(i)] {
            // The opener asks for a PostgreSQL password itself when the server wants one.
            if (const auto parsed = DatabaseUrl::parse(url)) {
                openConnection(*parsed);
            }
        });
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::showConnectionDialog()
{
    ConnectionDialog dialog(this);
    if (dialog.exec() != QDialog::Accepted) {
        return;
    }
    if (dialog.demoRequested()) {
        QString error;
        const auto demo = DemoConnection::ensure(&error);
        if (!demo) {
            Prompt::warn(this, tr("Demo database"), error);
            return;
        }
        openConnection(*demo);
    } else if (const auto url = dialog.url()) {
        openConnection(*url);
    }
}

bool MainWindow::openConnection(const DatabaseUrl& url)
{
    if (!confirmUnsavedChanges()) {
        return false;
    }
    const QString name = QStringLiteral("%1_%2").arg(Database::defaultConnectionName()).arg(++s_connectionSerial);
    QString error;
    if (!DatabaseOpener::open(url, name, this, &error)) {
        if (!error.isEmpty()) {
            Prompt::warn(this, tr("Could not open the database"), error);
        }
        return false;
    }
    RecentConnections::add(url.toString(false));
    const QString old = m_connectionName;
    m_connectionName = name;
    setDatabase(QSqlDatabase::database(name, false));
    if (!old.isEmpty()) {
        FetcherPool::release(old);
        BackgroundQueries::release(old);
        Database::close(old);
    }
    return true;
}

void MainWindow::clearPages()
{
    m_navigation->blockSignals(true);
    m_navigation->clear();
    m_navigation->blockSignals(false);
    qDeleteAll(m_pageActions);
    m_pageActions.clear();
    for (Page* p : std::as_const(m_pages)) {
        m_stack->removeWidget(p);
        delete p; // now, not later: the connection it holds is about to be closed
    }
    m_pages.clear();
}

void MainWindow::setDatabase(QSqlDatabase db)
{
    const QString previous = currentPage() ? currentPage()->pageId() : QString();
    clearPages();
    m_db = db;
    const DatabaseUrl url = Database::url(db);
    m_connectionLabel->setText(Privileges::of(db).readOnly() ? tr("%1 (read-only)").arg(url.displayName())
                                                             : url.displayName());
    setWindowTitle(QStringLiteral("%1 \u2014 Coursedesk").arg(url.displayName()));
    for (Page* p : createTablePages(db)) {
        addPage(p);
    }
    for (const PageFactory& factory : std::as_const(m_factories)) {
        for (Page* p : factory(db)) {
            addPage(p);
        }
    }
    if (previous.isEmpty() || !showPage(previous)) {
        if (!m_pages.isEmpty()) {
            m_navigation->setCurrentRow(0);
        }
    }
}

void MainWindow::addPageFactory(PageFactory factory)
{
    m_factories << factory;
    if (m_db.isValid()) {
        for (Page* p : factory(m_db)) {
            addPage(p);
        }
    }
}

void MainWindow::addPage(Page* page)
{
    m_pages << page;
    m_stack->addWidget(page);
    auto* item = new QListWidgetItem(page->title(), m_navigation);
    item->setData(Qt::UserRole, page->pageId());
    auto* a = new QAction(page->title(), this);
    a->setObjectName(QStringLiteral("showPageAction_") + page->pageId());
    if (m_pages.size() <= 9) {
        a->setShortcut(QKeySequence(Qt::CTRL | Qt::Key(Qt::Key_0 + int(m_pages.size()))));
    }
    m_viewMenu->addAction(a);
    m_pageActions << a;
    connect(a, &QAction::triggered, this, [this, id = page->pageId()] { showPage(id); });
    connect(page, &Page::unsavedChangesChanged, this, &MainWindow::updateNavigationMarks);
    if (auto* reconciliation = qobject_cast<ReconciliationPage*>(page)) {
        connect(reconciliation, &ReconciliationPage::showRows, this, &MainWindow::showRows);
    }
    if (auto* history = qobject_cast<HistoryPage*>(page)) {
        connect(history, &HistoryPage::openRecord, this, [this](const QString& pageId, const QVariant& key) {
            if (showPage(pageId)) {
                if (auto* table = qobject_cast<TablePage*>(currentPage())) {
                    table->openRecord(key);
                }
            }
        });
    }
    connect(page, &Page::statusMessage, this, [this](const QString& text) { statusBar()->showMessage(text, 8000); });
}

Page* MainWindow::page(const QString& pageId) const
{
    for (Page* p : m_pages) {
        if (p->pageId() == pageId) {
            return p;
        }
    }
    return nullptr;
}

Page* MainWindow::currentPage() const
{
    return qobject_cast<Page*>(m_stack->currentWidget());
}

bool MainWindow::showPage(const QString& pageId)
{
    const int index = m_pages.indexOf(page(pageId));
    if (index < 0) {
        return false;
    }
    m_navigation->setCurrentRow(index);
    return true;
}

void MainWindow::showRows(const QString& pageId, const QString& searchText)
{
    if (!showPage(pageId)) {
        return;
    }
    if (auto* table = qobject_cast<TablePage*>(currentPage())) {
        table->showMatching(searchText); // no status filter left to hide the row
    }
}

void MainWindow::pageChanged(int index)
{
    if (index < 0 || index >= m_pages.size()) {
        return;
    }
    Page* p = m_pages.at(index);
    m_stack->setCurrentWidget(p);
    p->activate();
    const bool table = qobject_cast<TablePage*>(p) != nullptr;
    for (QAction* a : {m_addRowAction, m_deleteRowAction, m_findAction}) {
        a->setEnabled(table);
    }
    m_recordsMenu->clear();
    m_recordsMenu->addActions(p->menuActions());
    m_recordsMenu->setEnabled(!m_recordsMenu->isEmpty());
    // What the role may not do on this page stays disabled; the status bar says why.
    if (auto* t = qobject_cast<TablePage*>(p)) {
        if (const QString readOnly = t->guardWindowActions(m_addRowAction, m_deleteRowAction); !readOnly.isEmpty()) {
            statusBar()->showMessage(readOnly);
        }
    }
}

void MainWindow::updateNavigationMarks()
{
    for (int i = 0; i < m_pages.size(); ++i) {
        Page* p = m_pages.at(i);
        m_navigation->item(i)->setText(p->hasUnsavedChanges() ? p->title() + QStringLiteral(" \u2022") : p->title());
    }
}

void MainWindow::saveCurrent()
{
    if (Page* p = currentPage()) {
        p->save();
    }
}

bool MainWindow::confirmUnsavedChanges()
{
    QStringList titles;
    QList<Page*> dirty;
    for (Page* p : std::as_const(m_pages)) {
        if (p->hasUnsavedChanges()) {
            titles << p->title();
            dirty << p;
        }
    }
    if (dirty.isEmpty()) {
        return true;
    }
    const auto answer = Prompt::ask(this, tr("Unsaved changes"),
                                    tr("Unsaved changes in: %1. Save them?").arg(titles.join(QStringLiteral(", "))),
                                    Prompt::Save | Prompt::Discard | Prompt::Cancel, Prompt::Save);
    if (answer == Prompt::Cancel) {
        return false;
    }
    if (answer == Prompt::Save) {
        for (Page* p : std::as_const(dirty)) {
            if (!p->save()) {
                showPage(p->pageId());
                return false;
            }
        }
    }
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!confirmUnsavedChanges()) {
        event->ignore();
        return;
    }
    QSettings settings;
    settings.setValue(QStringLiteral("mainWindow/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("mainWindow/state"), saveState());
    settings.setValue(QStringLiteral("mainWindow/splitter"), m_splitter->saveState());
    event->accept();
}

void MainWindow::showAbout()
{
    AboutDialog(m_db, this).exec();
}
