#pragma once

struct CommandLine;
class QApplication;

// The GUI start: choose the connection (--database, --demo, the first launch's demo, or the
// connection dialog), open it, show the main window on the requested page, and for
// --screenshot render it once the page is ready and exit.
int runGui(QApplication& app, const CommandLine& commandLine);
