#include "DbObjectsCommand.h"

#include "db/Database.h"
#include "reports/RevenueRollup.h"
#include "schema/MigrationRunner.h"
#include "schema/ObjectsBuildJob.h"
#include "schema/ObjectsBuilder.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QThread>

#include <cstdio>

namespace {
const QString mainConnection = QStringLiteral("coursedesk_db_objects");

struct ConnectionGuard
{
    QString name;
    ~ConnectionGuard() { Database::close(name); }
};

// Builds on a thread of its own with its own connection, so that this thread can report progress
// from pg_stat_progress_create_index meanwhile.
int apply(const DatabaseUrl& url, QTextStream& err)
{
    QElapsedTimer clock;
    clock.start();
    // With every object in place the daily revenue rollup starts recording (seconds on millions
    // of rows); reports keep it up to date from then on.
    const auto job = ObjectsBuildJob::forUrl(url, &RevenueRollup::start);
    QString last;
    while (!job->isDone()) {
        QThread::msleep(250);
        const ObjectsBuilder::Progress progress = job->progress(mainConnection);
        const QString line = progress.text();
        if (!progress.index.isEmpty() && line != last) {
            std::fprintf(stderr, "%s\n", qPrintable(line));
            last = line;
        }
    }
    job->wait();
    if (!job->ok()) {
        err << "coursedesk db objects --apply: " << job->error() << "\n";
        return 1;
    }
    err << QStringLiteral("Done in %1 s.\n").arg(clock.elapsed() / 1000.0, 0, 'f', 1);
    return 0;
}
} // namespace

int DbObjectsCommand::run(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("Database URL"),
                                      QStringLiteral("url"));
    const QCommandLineOption printSql(QStringLiteral("print-sql"), QStringLiteral("Print the SQL --apply would run"));
    const QCommandLineOption applyOption(QStringLiteral("apply"), QStringLiteral("Create what is missing"));
    parser.addOptions({database, printSql, applyOption});
    if (!parser.parse(QStringList{QStringLiteral("coursedesk db objects")} + args)) {
        err << "coursedesk db objects: " << parser.errorText() << "\n";
        return 2;
    }
    if (!parser.isSet(database)) {
        err << "coursedesk db objects: --database URL is required.\n";
        return 2;
    }
    if (parser.isSet(printSql) && parser.isSet(applyOption)) {
        err << "coursedesk db objects: choose either --print-sql or --apply.\n";
        return 2;
    }
    QString error;
    const auto url = DatabaseUrl::parse(parser.value(database), &error);
    if (!url) {
        err << "--database: " << error << "\n";
        return 2;
    }
    if (!Database::open(*url, mainConnection, &error)) {
        err << error << "\n";
        return 1;
    }
    ConnectionGuard guard{mainConnection};
    const QSqlDatabase db = QSqlDatabase::database(mainConnection, false);
    const MigrationRunner::Status status = MigrationRunner(db).inspect();
    if (status.state == MigrationRunner::State::Empty || status.state == MigrationRunner::State::Incomplete ||
        status.state == MigrationRunner::State::TooNew || status.state == MigrationRunner::State::Foreign) {
        err << status.message() << "\nNothing was changed.\n";
        return 1;
    }
    ObjectsBuilder builder(db);
    if (parser.isSet(printSql)) {
        for (const QString& statement : builder.plannedSql()) {
            out << statement << ";\n";
        }
        return 0;
    }
    if (parser.isSet(applyOption)) {
        out.flush();
        return apply(*url, err);
    }
    int missing = 0;
    for (const ObjectsBuilder::Item& item : builder.inventory()) {
        const QString what = item.kind == ObjectsBuilder::Item::Kind::Index
                                 ? QStringLiteral("index %1 on %2").arg(item.name, item.table)
                                 : QStringLiteral("table %1").arg(item.name);
        out << QStringLiteral("%1  %2\n").arg(item.state().section(QLatin1Char(' '), 0, 0), -8).arg(what);
        missing += item.exists ? 0 : 1;
    }
    if (RevenueRollup::hasTables(db)) {
        out << (RevenueRollup::isStarted(db)
                    ? QStringLiteral("started   the daily revenue rollup: every report brings it up to date\n")
                    : QStringLiteral("missing   the daily revenue rollup is not started: `--apply` starts it\n"));
        missing += RevenueRollup::isStarted(db) ? 0 : 1;
    }
    out << (missing == 0
                ? QStringLiteral("All of Coursedesk's objects exist.\n")
                : QStringLiteral("%1 missing or invalid; `--print-sql` shows the SQL, `--apply` creates them.\n")
                      .arg(missing));
    return 0;
}
