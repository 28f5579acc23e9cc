#include "AppRuns.h"

#include "db/Database.h"
#include "models/TableSpec.h"
#include "models/windowed/WindowedQuery.h"
#include "schema/IndexCatalog.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLocale>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

namespace {
struct Run
{
    double seconds = -1;
    double rssMb = -1;
    bool ok = false;
};

// One `coursedesk` process under /usr/bin/time: wall clock and peak RSS.
Run runApp(const QString& app, const QStringList& arguments)
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral("/usr/bin/time"),
                  QStringList{QStringLiteral("-f"), QStringLiteral("TIME %e %M"), app} + arguments);
    Run run;
    if (!process.waitForFinished(120000)) {
        process.kill();
        process.waitForFinished();
        return run;
    }
    run.seconds = clock.elapsed() / 1000.0;
    for (const QByteArray& line : process.readAllStandardError().split('\n')) {
        if (line.startsWith("TIME ")) {
            run.rssMb = line.split(' ').value(2).toDouble() / 1024.0;
        }
    }
    run.ok = process.exitCode() == 0;
    return run;
}

Run median(QList<Run> runs)
{
    std::sort(runs.begin(), runs.end(), [](const Run& a, const Run& b) { return a.seconds < b.seconds; });
    Run m = runs.at(runs.size() / 2);
    for (const Run& r : runs) {
        m.rssMb = std::max(m.rssMb, r.rssMb); // the worst peak
        m.ok = m.ok && r.ok;
    }
    return m;
}

// The page's first 200 rows by plain SQL, in the order the page plans (same statement as the model).
double plainFirstPageMs(const QString& connection, const TableSpec& spec,
                        const std::shared_ptr<const IndexCatalog>& catalog)
{
    const QSqlDatabase db = QSqlDatabase::database(connection, false);
    const WindowedQuery query(spec, Database::engine(db), catalog);
    const WindowedQuery::Statement statement = query.page(WindowedQuery::Direction::Forward, std::nullopt, 0, 200);
    auto once = [&] {
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(statement.sql);
        for (const QVariant& v : statement.binds) {
            q.addBindValue(v);
        }
        QElapsedTimer t;
        t.start();
        q.exec();
        while (q.next()) {
        }
        return t.nsecsElapsed() / 1e6;
    };
    once(); // warm, as the app's pool is
    QList<double> times{once(), once(), once()};
    std::sort(times.begin(), times.end());
    return times.at(1);
}
} // namespace

int AppRuns::run(const QString& connection, const QString& url, const QString& app, int runs)
{
    QTemporaryDir dir;
    const auto catalog =
        std::make_shared<const IndexCatalog>(IndexCatalog::read(QSqlDatabase::database(connection, false)));
    std::printf("\n| Page | Rows | Whole process (median of %d) | Peak RSS | Plain SQL, first page | Order used |\n"
                "|---|---|---|---|---|---|\n",
                runs);
    QStringList pages;
    for (const TableSpec& spec : TableSpec::all()) {
        // Features and marketplaces are shown inside the courses page, not as pages of their own.
        if (!spec.table.startsWith(QLatin1String("course_"))) {
            pages << spec.pageId;
        }
    }
    pages << QStringLiteral("dashboard");
    for (const QString& page : std::as_const(pages)) {
        QList<Run> results;
        for (int i = 0; i < runs; ++i) {
            results << runApp(app, {QStringLiteral("--database"), url, QStringLiteral("--page"), page,
                                    QStringLiteral("--screenshot"), dir.filePath(page + QStringLiteral(".png"))});
        }
        const Run m = median(results);
        const TableSpec* spec = nullptr;
        for (const TableSpec& s : TableSpec::all()) {
            if (s.pageId == page) {
                spec = &s;
            }
        }
        QString rows = QStringLiteral("–");
        QString plain = QStringLiteral("–");
        QString order = QStringLiteral("–");
        if (spec) {
            rows = QLocale(QLocale::English).toString(static_cast<qlonglong>(catalog->rowEstimate(spec->table)));
            plain = QStringLiteral("%1 ms").arg(plainFirstPageMs(connection, *spec, catalog), 0, 'f', 1);
            const WindowedQuery q(*spec, catalog->engine(), catalog);
            order = spec->columns.at(q.sortColumn()).name +
                    (q.sortOrder() == Qt::DescendingOrder ? QStringLiteral(" desc") : QStringLiteral(" asc"));
        }
        std::printf("| %s | %s | %s | %s | %s | %s |\n", qPrintable(page), qPrintable(rows),
                    m.ok ? qPrintable(QStringLiteral("%1 s").arg(m.seconds, 0, 'f', 2)) : "failed",
                    qPrintable(QStringLiteral("%1 MB").arg(m.rssMb, 0, 'f', 0)), qPrintable(plain), qPrintable(order));
        std::fflush(stdout);
    }
    // The two-year revenue report by month, as a script runs it (branch finance's single-pass SQL).
    QList<Run> report;
    for (int i = 0; i < runs; ++i) {
        report << runApp(app, {QStringLiteral("report"), QStringLiteral("revenue"), QStringLiteral("--database"), url,
                               QStringLiteral("--from"), QStringLiteral("2025-01-01"), QStringLiteral("--to"),
                               QStringLiteral("2026-12-31"), QStringLiteral("--by"), QStringLiteral("month"),
                               QStringLiteral("--currency"), QStringLiteral("INR")});
    }
    const Run m = median(report);
    std::printf("| report revenue, 2025-01-01 to 2026-12-31 by month | – | %s | %s | – | – |\n",
                m.ok ? qPrintable(QStringLiteral("%1 s").arg(m.seconds, 0, 'f', 2)) : "failed",
                qPrintable(QStringLiteral("%1 MB").arg(m.rssMb, 0, 'f', 0)));
    return 0;
}
