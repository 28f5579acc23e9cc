#include "DataIoActions.h"

#include "ExportDialog.h"
#include "ImportDialog.h"
#include "mainwindow/MainWindow.h"
#include "pages/Page.h"

#include <QAction>
#include <QDate>
#include <QDir>
#include <QMenu>
#include <QStandardPaths>

namespace DataIoActions {

namespace {
QAction* addAction(MainWindow* window, QMenu* menu, const QString& name, const QString& text,
                   const QKeySequence& shortcut = {})
{
    auto* action = new QAction(text, window);
    action->setObjectName(name);
    action->setShortcut(shortcut);
    menu->addAction(action);
    return action;
}

void showImport(MainWindow* window, ImportKind kind)
{
    auto* dialog = new ImportDialog(window->database(), kind, window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &ImportDialog::imported, window, [window] {
        if (Page* page = window->currentPage()) {
            page->reload();
        }
    });
    dialog->open();
}
} // namespace

void install(MainWindow* window, QMenu* file)
{
    QAction* exportAction = addAction(window, file, QStringLiteral("actionExport"), QObject::tr("&Export…"),
                                      QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
    QAction* importUsers = addAction(window, file, QStringLiteral("actionImportUsers"), QObject::tr("Import &users…"));
    QAction* importEnrollments = addAction(window, file, QStringLiteral("actionImportEnrollments"),
                                           QObject::tr("Import complimentary e&nrollments…"));
    QObject::connect(file, &QMenu::aboutToShow, window, [window, exportAction, importUsers, importEnrollments] {
        const Page* page = window->currentPage();
        exportAction->setEnabled(page && page->exportSource() != nullptr);
        importUsers->setEnabled(window->database().isOpen());
        importEnrollments->setEnabled(window->database().isOpen());
    });
    QObject::connect(exportAction, &QAction::triggered, window, [window] {
        Page* page = window->currentPage();
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
    QObject::connect(importUsers, &QAction::triggered, window, [window] { showImport(window, ImportKind::Users); });
    QObject::connect(importEnrollments, &QAction::triggered, window,
                     [window] { showImport(window, ImportKind::Enrollments); });
}

} // namespace DataIoActions
