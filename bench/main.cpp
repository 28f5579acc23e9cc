// coursedesk_bench generate --database URL [--users N --courses N --orders N --no-indexes | --platform-only]
// coursedesk_bench run --database URL [--cap SECONDS] [--skip-stock]
// coursedesk_bench pages --database URL [--app PATH] [--runs N]   (whole-process page opening)
// (internal) coursedesk_bench measure --database URL --variant windowed|raw|stock [--task T]
#include "AppRuns.h"
#include "DataIoBench.h"
#include "DatasetGenerator.h"
#include "FinanceBench.h"
#include "Measure.h"
#include "db/Database.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDateTime>
#include <QElapsedTimer>
#include <QMap>
#include <QProcess>
#include <QSqlQuery>
#include <QSysInfo>
#include <QThread>

#include <cstdio>

namespace {
struct Figure
{
    double value = -1; // ms or MB; -1 = missing
    bool capped = false;
};
using Figures = QMap<QString, Figure>;

// Runs one measuring process; a stuck or slow one is killed at `capSeconds`.
Figures measure(const QStringList& arguments, int capSeconds, const QStringList& expected)
{
    QProcess process;
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(QCoreApplication::applicationFilePath(), arguments);
    const bool finished = process.waitForFinished(capSeconds * 1000);
    if (!finished) {
        process.kill();
        process.waitForFinished();
    }
    Figures figures;
    for (const QByteArray& line : process.readAllStandardOutput().split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (parts.value(0) == "RESULT" && parts.size() >= 3) {
            figures.insert(QString::fromLatin1(parts.at(1)), {parts.at(2).toDouble(), false});
        } else if (!line.isEmpty()) {
            std::fprintf(stderr, "  %s\n", line.constData());
        }
    }
    if (!finished) {
        for (const QString& task : expected) {
            if (!figures.contains(task)) {
                figures.insert(task, {static_cast<double>(capSeconds) * 1000.0, true});
            }
        }
    }
    return figures;
}

QString show(const Figure& f, bool mb)
{
    if (f.value < 0) {
        return QStringLiteral("–");
    }
    if (f.capped) {
        return QStringLiteral("> %1 s (capped)").arg(f.value / 1000.0, 0, 'f', 0);
    }
    if (mb) {
        return QStringLiteral("%1 MB").arg(f.value, 0, 'f', 0);
    }
    return f.value >= 1000 ? QStringLiteral("%1 s").arg(f.value / 1000.0, 0, 'f', 2)
                           : QStringLiteral("%1 ms").arg(f.value, 0, 'f', 1);
}

QString ratio(const Figure& a, const Figure& b)
{
    if (a.value <= 0 || b.value <= 0) {
        return QStringLiteral("–");
    }
    return QStringLiteral("%1%2×")
        .arg(a.capped || b.capped ? QStringLiteral(">") : QString())
        .arg(a.value / b.value, 0, 'f', 1);
}

int run(const QString& url, qint64 users, qint64 orders, int cap, bool skipStock)
{
    const QStringList common = {QStringLiteral("measure"), QStringLiteral("--database"), url,
                                QStringLiteral("--users"), QString::number(users),       QStringLiteral("--orders"),
                                QString::number(orders)};
    std::fprintf(stderr, "windowed model...\n");
    const Figures windowed =
        measure(common + QStringList{QStringLiteral("--variant"), QStringLiteral("windowed")}, 600, Measure::tasks());
    std::fprintf(stderr, "raw SQL...\n");
    const Figures raw =
        measure(common + QStringList{QStringLiteral("--variant"), QStringLiteral("raw")}, 600, Measure::tasks());
    Figures stock;
    if (!skipStock) {
        for (const QString& task : Measure::tasks()) {
            if (task == QLatin1String("count") || task.startsWith(QLatin1String("rss"))) {
                continue;
            }
            std::fprintf(stderr, "stock QSqlRelationalTableModel: %s...\n", qPrintable(task));
            const Figures f = measure(common + QStringList{QStringLiteral("--variant"), QStringLiteral("stock"),
                                                           QStringLiteral("--task"), task},
                                      cap, {task, QStringLiteral("rss")});
            stock.insert(task, f.value(task));
            if (task == QLatin1String("last_row")) {
                stock.insert(QStringLiteral("rss_end"), f.value(QStringLiteral("rss")));
            }
            Figure peak = stock.value(QStringLiteral("rss"));
            if (f.value(QStringLiteral("rss")).value > peak.value) {
                peak = f.value(QStringLiteral("rss"));
            }
            stock.insert(QStringLiteral("rss"), peak);
        }
    }
    std::printf("\n| Measure | Windowed model | Raw SQL (limit) | Windowed ÷ raw | Stock QSqlRelationalTableModel "
                "| Stock ÷ windowed | Target | Met |\n|---|---|---|---|---|---|---|---|\n");
    for (const QString& task : Measure::tasks()) {
        const bool mb = task.startsWith(QLatin1String("rss"));
        const Figure w = windowed.value(task);
        const double target = Measure::targetMs(task);
        QString targetText = QStringLiteral("–");
        QString met = QStringLiteral("–");
        if (target > 0) {
            targetText = mb ? QStringLiteral("≤ %1 MB").arg(target) : QStringLiteral("< %1 ms").arg(target);
            bool ok = w.value >= 0 && !w.capped && (mb ? w.value <= target : w.value < target);
            if (task == QLatin1String("first_page")) {
                targetText += QStringLiteral(", ≤ 1.5× raw");
                ok = ok && w.value <= 1.5 * raw.value(task).value;
            }
            met = ok ? QStringLiteral("yes") : QStringLiteral("**no**");
        }
        std::printf("| %s | %s | %s | %s | %s | %s | %s | %s |\n", qPrintable(Measure::taskTitle(task)),
                    qPrintable(show(w, mb)), qPrintable(show(raw.value(task), mb)),
                    qPrintable(ratio(w, raw.value(task))), qPrintable(show(stock.value(task), mb)),
                    qPrintable(ratio(stock.value(task), w)), qPrintable(targetText), qPrintable(met));
    }
    return 0;
}

qint64 maxId(const QString& connection, const QString& table)
{
    QSqlQuery query(QSqlDatabase::database(connection, false));
    return query.exec(QStringLiteral("SELECT COALESCE(max(id), 0) FROM ") + table) && query.next()
               ? query.value(0).toLongLong()
               : 0;
}
} // namespace

int main(int argc, char** argv)
{
    if (argc > 1 && qstrcmp(argv[1], "dataio") == 0) {
        return DataIoBench::run(argc, argv); // export / import figures, see DataIoBench.h
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Coursedesk large-table generator and benchmark"));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("command"), QStringLiteral("generate | run | pages"));
    const QCommandLineOption databaseOption(QStringLiteral("database"), QStringLiteral("Database URL"),
                                            QStringLiteral("url"));
    const QCommandLineOption usersOption(QStringLiteral("users"), QStringLiteral("Users (generate)"),
                                         QStringLiteral("n"), QStringLiteral("1000000"));
    const QCommandLineOption coursesOption(QStringLiteral("courses"), QStringLiteral("Courses (generate)"),
                                           QStringLiteral("n"), QStringLiteral("200"));
    const QCommandLineOption ordersOption(QStringLiteral("orders"), QStringLiteral("Orders (generate)"),
                                          QStringLiteral("n"), QStringLiteral("2000000"));
    const QCommandLineOption noIndexesOption(QStringLiteral("no-indexes"),
                                             QStringLiteral("Skip migration 003's indexes"));
    const QCommandLineOption platformOnlyOption(
        QStringLiteral("platform-only"),
        QStringLiteral("Create only the platform's schema (no Coursedesk table, no Coursedesk index)"));
    const QCommandLineOption capOption(QStringLiteral("cap"),
                                       QStringLiteral("Seconds before a stock measurement is cut"), QStringLiteral("s"),
                                       QStringLiteral("60"));
    const QCommandLineOption skipStockOption(QStringLiteral("skip-stock"),
                                             QStringLiteral("Do not run the stock model"));
    const QCommandLineOption variantOption(QStringLiteral("variant"), QStringLiteral("(internal)"),
                                           QStringLiteral("v"));
    const QCommandLineOption taskOption(QStringLiteral("task"), QStringLiteral("(internal)"), QStringLiteral("t"));
    const QCommandLineOption appOption(QStringLiteral("app"), QStringLiteral("coursedesk executable (pages)"),
                                       QStringLiteral("path"));
    const QCommandLineOption runsOption(QStringLiteral("runs"), QStringLiteral("Runs per page (pages)"),
                                        QStringLiteral("n"), QStringLiteral("3"));
    parser.addOptions({databaseOption, usersOption, coursesOption, ordersOption, noIndexesOption, platformOnlyOption,
                       capOption, skipStockOption, variantOption, taskOption, appOption, runsOption});
    parser.process(app);
    const QString command = parser.positionalArguments().value(0);
    QString error;
    const auto url = DatabaseUrl::parse(parser.value(databaseOption), &error);
    if (!url) {
        std::fprintf(stderr, "--database: %s\n", qPrintable(error));
        return 2;
    }
    const QString connection = Database::defaultConnectionName();
    // Only `generate` makes a new SQLite file; every measurement opens an existing one.
    if (!Database::open(*url, connection, &error,
                        command == QLatin1String("generate") ? Database::OpenMode::CreateIfMissing
                                                             : Database::OpenMode::Existing)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 2;
    }
    if (command == QLatin1String("generate")) {
        DatasetSizes sizes;
        sizes.users = parser.value(usersOption).toLongLong();
        sizes.courses = parser.value(coursesOption).toInt();
        sizes.orders = parser.value(ordersOption).toLongLong();
        sizes.indexes = !parser.isSet(noIndexesOption);
        sizes.platformOnly = parser.isSet(platformOnlyOption);
        const bool ok =
            DatasetGenerator::generate(QSqlDatabase::database(connection, false), sizes, &error,
                                       [](const QString& line) { std::fprintf(stderr, "%s\n", qPrintable(line)); });
        if (!ok) {
            std::fprintf(stderr, "generate failed: %s\n", qPrintable(error));
        }
        return ok ? 0 : 1;
    }
    if (command == QLatin1String("finance")) {
        return FinanceBench::run(connection);
    }
    const qint64 users =
        parser.isSet(usersOption) ? parser.value(usersOption).toLongLong() : maxId(connection, QStringLiteral("users"));
    const qint64 orders = parser.isSet(ordersOption) ? parser.value(ordersOption).toLongLong()
                                                     : maxId(connection, QStringLiteral("orders"));
    if (command == QLatin1String("run")) {
        std::printf("Coursedesk table benchmark — %s, %s, %lld users, %lld orders, %d cores, %s\n",
                    qPrintable(Database::serverVersion(QSqlDatabase::database(connection, false))),
                    qPrintable(QSysInfo::prettyProductName()), static_cast<long long>(users),
                    static_cast<long long>(orders), QThread::idealThreadCount(),
                    qPrintable(QDateTime::currentDateTime().toString(Qt::ISODate)));
        return run(parser.value(databaseOption), users, orders, parser.value(capOption).toInt(),
                   parser.isSet(skipStockOption));
    }
    if (command == QLatin1String("pages")) {
        const QString app = parser.isSet(appOption)
                                ? parser.value(appOption)
                                : QCoreApplication::applicationDirPath() + QStringLiteral("/../src/app/coursedesk");
        return AppRuns::run(connection, parser.value(databaseOption), app, parser.value(runsOption).toInt());
    }
    if (command == QLatin1String("measure")) {
        Measure::Options options;
        options.connection = connection;
        const QString variant = parser.value(variantOption);
        options.variant = variant == QLatin1String("raw")     ? Measure::Variant::Raw
                          : variant == QLatin1String("stock") ? Measure::Variant::Stock
                                                              : Measure::Variant::Windowed;
        options.task = parser.value(taskOption);
        options.users = users;
        options.orders = orders;
        return Measure::run(options);
    }
    parser.showHelp(2);
}
