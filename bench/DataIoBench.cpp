#include "DataIoBench.h"

#include "db/Database.h"
#include "domain/TableSpec.h"
#include "export/ExportJob.h"
#include "export/TableExportSource.h"
#include "import/ImportFile.h"
#include "import/ImportPlanner.h"
#include "import/ImportWriter.h"
#include "import/PasswordHasher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>

#include <cstdio>

namespace {
// Peak resident set (VmHWM) of this process, in MB.
double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

void result(const char* name, double value)
{
    std::printf("RESULT %s %.1f\n", name, value);
    std::fflush(stdout);
}

QMap<QString, QString> options(const QStringList& args)
{
    QMap<QString, QString> o;
    for (qsizetype i = 0; i + 1 < args.size(); i += 2) {
        o.insert(args.at(i).mid(2), args.at(i + 1));
    }
    return o;
}

bool open(const QString& url, QString* error)
{
    const auto parsed = DatabaseUrl::parse(url, error);
    return parsed && Database::open(*parsed, QStringLiteral("bench"), error);
}

int exportOrders(const QMap<QString, QString>& o)
{
    QString error;
    if (!open(o.value(QStringLiteral("database")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const QSqlDatabase db = QSqlDatabase::database(QStringLiteral("bench"));
    // The Orders page as it opens: every column, newest first.
    const WindowedQuery query(*TableSpec::forPage(QStringLiteral("orders")), Database::engine(db));
    TableExportSource source(QStringLiteral("bench"), query, {}, false);
    // --path client: PostgreSQL without COPY (value by value through QPSQL), to compare files.
    source.setServerCopy(o.value(QStringLiteral("path")) != QLatin1String("client"));
    ExportOptions options;
    const QString format = o.value(QStringLiteral("format"), QStringLiteral("csv"));
    options.format = format == QLatin1String("xlsx") ? ExportOptions::Format::Xlsx : ExportOptions::Format::Csv;
    options.title = QStringLiteral("Orders");
    QElapsedTimer timer;
    timer.start();
    const auto r = ExportJob::run(source, options, o.value(QStringLiteral("output")));
    const double ms = static_cast<double>(timer.elapsed());
    if (!r.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(r.message));
        return 1;
    }
    std::fprintf(stderr, "%s\n", qPrintable(r.message));
    result(qPrintable(QStringLiteral("export_%1_ms").arg(format)), ms);
    result(qPrintable(QStringLiteral("export_%1_rows").arg(format)), static_cast<double>(r.rows));
    result(qPrintable(QStringLiteral("export_%1_rss_mb").arg(format)), peakRssMb());
    return 0;
}

int importUsers(const QMap<QString, QString>& o)
{
    QString error;
    if (!open(o.value(QStringLiteral("database")), &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    const QSqlDatabase db = QSqlDatabase::database(QStringLiteral("bench"));
    QElapsedTimer timer;
    timer.start();
    ImportSheet sheet;
    if (!ImportFile::read(o.value(QStringLiteral("file")), &sheet, &error)) {
        std::fprintf(stderr, "%s\n", qPrintable(error));
        return 1;
    }
    ImportOptions options;
    options.sourceName = QStringLiteral("bench.csv");
    ImportPlan plan = ImportPlanner::plan(db, sheet, ImportFields::match(ImportKind::Users, sheet.header), options);
    const double planned = static_cast<double>(timer.elapsed());
    if (!plan.ok()) {
        std::fprintf(stderr, "%s\n", qPrintable(plan.report().left(2000)));
        return 1;
    }
    PasswordHasher hasher(&plan);
    hasher.start().waitForFinished();
    const auto r = ImportWriter::apply(db, plan);
    const double ms = static_cast<double>(timer.elapsed());
    if (!r.ok) {
        std::fprintf(stderr, "%s\n", qPrintable(r.message));
        return 1;
    }
    std::fprintf(stderr, "%s\n", qPrintable(r.message));
    result("import_users_read_validate_ms", planned);
    result("import_users_ms", ms);
    return 0;
}

int usersCsv(const QMap<QString, QString>& o)
{
    const int count = o.value(QStringLiteral("count"), QStringLiteral("10000")).toInt();
    const QString prefix = o.value(QStringLiteral("prefix"), QStringLiteral("imported"));
    QFile file(o.value(QStringLiteral("output")));
    if (!file.open(QIODevice::WriteOnly)) {
        return 1;
    }
    file.write("First name,Last name,Email,Phone,Address,City,State,Pincode\r\n");
    for (int i = 0; i < count; ++i) {
        file.write(
            QStringLiteral("Imported,User %1,%2%1@bench.example.in,9%3,%1 Import Road,Pune,Maharashtra,411001\r\n")
                .arg(QString::number(i), prefix, QString::number(700000000 + i))
                .toUtf8());
    }
    return 0;
}
} // namespace

namespace DataIoBench {
int run(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(2);
    const QString command = args.value(0);
    const auto o = options(args.mid(1));
    if (command == QLatin1String("export")) {
        return exportOrders(o);
    }
    if (command == QLatin1String("import")) {
        return importUsers(o);
    }
    if (command == QLatin1String("users-csv")) {
        return usersCsv(o);
    }
    std::fprintf(stderr, "dataio export|import|users-csv ...\n");
    return 2;
}
} // namespace DataIoBench
