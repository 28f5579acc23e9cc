#pragma once

class MainWindow;
class QMenu;

// The File menu's data actions: Export… (the current page, Ctrl+Shift+E), Import users…, Import
// enrollments…. Kept out of MainWindow: the pages say what they export (Page::exportSource()).
namespace DataIoActions {
void install(MainWindow* window, QMenu* fileMenu);
}
