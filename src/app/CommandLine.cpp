#include "CommandLine.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

QStringList CommandLine::pageNames()
{
    return {QStringLiteral("users"),     QStringLiteral("courses"),         QStringLiteral("orders"),
            QStringLiteral("payments"),  QStringLiteral("enrollments"),     QStringLiteral("business"),
            QStringLiteral("dashboard"), QStringLiteral("payments-review"), QStringLiteral("reconciliation"),
            QStringLiteral("history")};
}

CommandLine CommandLine::parse(const QStringList& arguments)
{
    CommandLine result;
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Coursedesk: back office for the learning platform's database.\n\n"
                       "Commands for scripts (no display needed; each has its own --help):\n"
                       "  coursedesk report ...   revenue and reconciliation reports\n"
                       "  coursedesk export ...   a page's rows as CSV or XLSX\n"
                       "  coursedesk import ...   users or complimentary enrollments from CSV or XLSX\n"
                       "  coursedesk db ...       Coursedesk's objects and recommended role grants"));
    const QCommandLineOption help = parser.addHelpOption();
    const QCommandLineOption version = parser.addVersionOption();
    const QCommandLineOption database(
        QStringLiteral("database"),
        QStringLiteral("Open URL: sqlite:///path/file.db or postgresql://user@host:5432/db"), QStringLiteral("URL"));
    const QCommandLineOption reportsDatabase(
        QStringLiteral("reports-database"),
        QStringLiteral("Run the dashboard, payments review, reconciliation and reports on URL, a read replica of "
                       "--database (writes still go to --database)."),
        QStringLiteral("URL"));
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QStringLiteral("Open the demo database (created on first use)."));
    const QCommandLineOption page(QStringLiteral("page"),
                                  QStringLiteral("Show page NAME: %1.").arg(pageNames().join(QStringLiteral(", "))),
                                  QStringLiteral("NAME"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Render the main window once the page shows its rows, write it "
                                                       "to FILE (PNG) and exit."),
                                        QStringLiteral("FILE"));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QStringLiteral("Window size for --screenshot, WIDTHxHEIGHT (default 1600x900)."),
                                  QStringLiteral("WxH"));
    parser.addOptions({database, reportsDatabase, demo, page, screenshot, size});

    QTextStream out(stdout);
    QTextStream err(stderr);
    if (!parser.parse(arguments)) {
        err << parser.errorText() << "\n";
        result.exit = true;
        result.exitCode = 2;
        return result;
    }
    if (parser.isSet(help)) {
        out << parser.helpText().replace(QStringLiteral("<executable_name>"), QStringLiteral("coursedesk"));
        result.exit = true;
        return result;
    }
    if (parser.isSet(version)) {
        out << QCoreApplication::applicationName() << " " << QCoreApplication::applicationVersion() << "\n";
        result.exit = true;
        return result;
    }
    result.database = parser.value(database);
    result.reportsDatabase = parser.value(reportsDatabase);
    result.demo = parser.isSet(demo);
    result.page = parser.value(page).toLower();
    result.screenshot = parser.value(screenshot);
    if (parser.isSet(size)) {
        const QStringList parts = parser.value(size).toLower().split(QLatin1Char('x'));
        const int w = parts.value(0).toInt();
        const int h = parts.value(1).toInt();
        if (parts.size() != 2 || w < 320 || h < 240 || w > 8000 || h > 8000) {
            err << "--size must be WIDTHxHEIGHT between 320x240 and 8000x8000, not \"" << parser.value(size) << "\"\n";
            result.exit = true;
            result.exitCode = 2;
            return result;
        }
        result.screenshotSize = QSize(w, h);
    }
    if (!result.page.isEmpty() && !pageNames().contains(result.page)) {
        err << "Unknown page \"" << result.page << "\". Pages: " << pageNames().join(QStringLiteral(", ")) << "\n";
        result.exit = true;
        result.exitCode = 2;
    } else if (parser.isSet(database) && result.database.trimmed().isEmpty()) {
        // An empty value is a mistake (an unset variable in a script), never "open the demo".
        err << "--database needs a URL: sqlite:///path/file.db or postgresql://user@host:5432/db\n";
        result.exit = true;
        result.exitCode = 2;
    } else if (!result.database.isEmpty() && result.demo) {
        err << "Give either --database or --demo, not both.\n";
        result.exit = true;
        result.exitCode = 2;
    } else if (!parser.positionalArguments().isEmpty()) {
        err << "Unexpected argument \"" << parser.positionalArguments().first() << "\". See --help.\n";
        result.exit = true;
        result.exitCode = 2;
    }
    return result;
}
