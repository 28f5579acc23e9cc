#pragma once

#include "export/ExportSource.h"

#include <QAction>
#include <QList>
#include <QSqlDatabase>
#include <QWidget>

#include <memory>

// One page of the main window (Orders, Users, Dashboard, ...). A page owns its behaviour: its
// model, actions, search, saving. MainWindow only lists pages and routes Save / Revert / Reload.
class Page : public QWidget
{
    Q_OBJECT
public:
    explicit Page(QSqlDatabase db, QWidget* parent = nullptr) : QWidget(parent), m_db(std::move(db)) {}

    virtual QString pageId() const = 0; // "orders": the --page name and the objectName suffix
    virtual QString title() const = 0;  // "Orders": the navigation entry

    virtual bool hasUnsavedChanges() const { return false; }
    virtual bool save() { return true; } // false: the page showed what failed, edits kept
    virtual void revert() {}
    virtual void reload() {}
    // Called when the page becomes visible; pages load lazily.
    virtual void activate() {}
    // True once the first rows / charts are shown (--screenshot waits for it).
    virtual bool isReady() const { return true; }

    // The page's commands for the window's menu bar (its Records menu), separators included.
    virtual QList<QAction*> menuActions() const { return {}; }

    QSqlDatabase database() const { return m_db; }

    // What File > Export writes: the rows the page shows now (all that match its search, filters
    // and sort, with its visible columns), read on the export's worker thread. nullptr: the page
    // has nothing to export.
    virtual std::unique_ptr<ExportSource> exportSource() const { return nullptr; }

signals:
    void ready();
    void unsavedChangesChanged(bool unsaved);
    void statusMessage(const QString& text);

private:
    QSqlDatabase m_db;
};
