#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

// What the command line asked for. parse() handles --help and --version itself (it prints and
// sets `exitCode`), before any QApplication exists, so both work without a display.
struct CommandLine
{
    QString database;        // --database URL
    QString reportsDatabase; // --reports-database URL: a read replica for reports and finance pages
    bool demo = false;       // --demo
    QString page;            // --page NAME
    QString screenshot;      // --screenshot FILE
    QSize screenshotSize{1600, 900};

    bool exit = false; // nothing more to do: return exitCode
    int exitCode = 0;

    static CommandLine parse(const QStringList& arguments);
    static QStringList pageNames();
};
