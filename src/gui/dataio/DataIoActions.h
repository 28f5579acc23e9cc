#pragma once

#include <QSqlDatabase>

#include <functional>

class Page;
class QMenu;
class QWidget;

// The File menu's data actions: Export… (the current page, Ctrl+Shift+E), Import users…, Import
// enrollments…. Kept out of MainWindow: the pages say what they export (Page::exportSource()).
// The window is reached only through the two functions, so this folder does not include it.
namespace DataIoActions {
void install(QWidget* window, QMenu* fileMenu, std::function<Page*()> currentPage,
             std::function<QSqlDatabase()> database);
}
