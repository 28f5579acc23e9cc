#include "DataIoActions.h"

#include "ExportDialog.h"
#include "ImportDialog.h"
#include "pages/Page.h"

#include <QAction>
#include <QDate>
#include <QDir>
#include <QMenu>
#include <QStandardPaths>

namespace DataIoActions {

namespace {
QAction* addAction(QWidget* window, QMenu* menu, const QString& name, const QString& text,
                   const QKeySequence& shortcut = {})
{
    auto* action = new QAction(text, window);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    menu->addAction(action);
    return action;
}

void showImport(QWidget* window, const std::function<Page*()>& currentPage, const QSqlDatabase& db, ImportKind kind)
{
    auto* dialog = new ImportDialog(db, kind, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &ImportDialog::imported, window, [currentPage] {
        if (Page* page = currentPage()) {
            page->reload();
        }
    });
    dialog->open();
}
} // namespace

void install(QWidget* window, QMenu* file, std::function<Page*()> currentPage, std::function<QSqlDatabase()> database)
{
    QAction* exportAction = addAction(window, file, QStringLiteral("actionExport"), QObject::tr("&Export…"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QAction* importUsers = addAction(window, file, QStringLiteral("actionImportUsers"), QObject::tr("Import &users…"));
    QAction* importEnrollments = addAction(window, file, QStringLiteral("actionImportEnrollments"),
                                           QObject::tr("Import complimentary e&nrollments…"));
    QObject::connect(file, &QMenu::aboutToShow, window,
                     [currentPage, database, exportAction, importUsers, importEnrollments] {
                         const Page* page = currentPage();
                         exportAction->setEnabled(page && page->exportSource() != nullptr);
                         importUsers->setEnabled(database().isOpen());
                         importEnrollments->setEnabled(database().isOpen());
                     });
    QObject::connect(exportAction, &QAction::triggered, window, [window, currentPage] {
        Page* page = currentPage();
        std::unique_ptr<ExportSource> source = page ? page->exportSource() : nullptr;
        if (!source) {
            return;
        }
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString suggested = QDir(folder).filePath(
            QStringLiteral("%1-%2.csv").arg(page->pageId(), QDate::currentDate().toString(Qt::ISODate)));
        auto* dialog = new ExportDialog(std::move(source), page->title(), suggested, window);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();
    });
    QObject::connect(importUsers, &QAction::triggered, window, [window, currentPage, database] {
        showImport(window, currentPage, database(), ImportKind::Users);
    });
    QObject::connect(importEnrollments, &QAction::triggered, window, [window, currentPage, database] {
        showImport(window, currentPage, database(), ImportKind::Enrollments);
    });
}

} // namespace DataIoActions
