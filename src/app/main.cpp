#include "CommandLine.h"
#include "Startup.h"
#include "dbadmin/DbCommand.h"
#include "export/ExportCommand.h"
#include "import/ImportCommand.h"
#include "reports/ReportCommand.h"

#include <QApplication>
#include <QCoreApplication>
#include <QIcon>
#include <QTextStream>

#include <utility>

int main(int argc, char* argv[])
{
    QCoreApplication::setApplicationName(QStringLiteral("coursedesk"));
    QCoreApplication::setApplicationVersion(QStringLiteral(COURSEDESK_VERSION));

    // The subcommands run before any QApplication exists: no display is needed.
    using Subcommand = int (*)(const QStringList&, QTextStream&, QTextStream&);
    const std::pair<const char*, Subcommand> subcommands[] = {
        {"report", &ReportCommand::run},
        {"export", &ExportCommand::run},
        {"import", &ImportCommand::run},
        {"db", &DbCommand::run},
    };
    for (const auto& [name, run] : subcommands) {
        if (argc > 1 && qstrcmp(argv[1], name) == 0) {
            QCoreApplication app(argc, argv);
            QTextStream out(stdout);
            QTextStream err(stderr);
            return run(app.arguments().mid(1), out, err);
        }
    }

    QStringList arguments;
    for (int i = 0; i < argc; ++i) {
        arguments << QString::fromLocal8Bit(argv[i]);
    }
    const CommandLine commandLine = CommandLine::parse(arguments);
    if (commandLine.exit) {
        return commandLine.exitCode;
    }
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("Coursedesk"));
    QApplication::setOrganizationName(QStringLiteral("Coursedesk"));
    QApplication::setDesktopFileName(QStringLiteral(COURSEDESK_APP_ID));
    // PNGs at every size: drawing the SVG would need Qt's SVG icon engine at run time.
    QIcon icon;
    for (int size : {16, 24, 32, 48, 64, 128, 256, 512}) {
        icon.addFile(QStringLiteral(":/icons/coursedesk-%1.png").arg(size), QSize(size, size));
    }
    QApplication::setWindowIcon(icon);
    return runGui(app, commandLine);
}
