// Every hostile string of the corpus as the value of every command-line option, on both engines:
// the `coursedesk report`, `db`, `export` and `import` options run in-process against a real
// database, the window's options (--page, --database, --size) through the real parser. Each run
// ends with a clear answer (exit 0, or 1/2 with one message naming the command and the option),
// nothing in the database changes, `export` writes only the file it was given (inside the test's
// folder, never a partial one), and on PostgreSQL the statement log shows the values only as bound
// values. (Hostile text as the cells of an imported file: tst_hostileimport.)
//
// Table-driven: a new command's option is one line in options() below.
#include "CommandLine.h"
#include "HostileSupport.h"
#include "ReconciliationFixture.h"
#include "TestEngines.h"
#include "db/DatabaseUrl.h"
#include "dbadmin/DbCommand.h"
#include "export/ExportCommand.h"
#include "import/ImportCommand.h"
#include "reports/ReportCommand.h"

#include <QDirIterator>
#include <QTemporaryDir>
#include <QTest>

namespace {
// One option of one in-process command. "{db}" is replaced by the test database's URL, "{out}" by
// the folder export may write into, "{file}" by a users file that cannot be imported (its only line
// lacks the email) and "{value}" by the hostile text; `command` runs the arguments and returns the
// exit code.
struct Option
{
    const char* name;
    QStringList args;
    std::function<int(const QStringList&, QTextStream&, QTextStream&)> command;
    // What every refusal of this command says (its name, or the option it names).
    QString refusal = QStringLiteral("coursedesk report");
    // Also run the bare hostile text, not only with the token in front. Off for the options whose
    // every run opens the database and exports (the bare text only matters to the parser there).
    bool bareToo = true;
};

int report(const QStringList& args, QTextStream& out, QTextStream& err)
{
    return ReportCommand::run(args, out, err);
}

int exportCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    return ExportCommand::run(args, out, err);
}

int importCommand(const QStringList& args, QTextStream& out, QTextStream& err)
{
    return ImportCommand::run(args, out, err);
}

// `coursedesk export` of the orders page to a file in the test's folder, with `option` set to
// `value` (appended when the base command does not have it).
QStringList exportArgs(const QString& option, const QString& value, const QString& page = QStringLiteral("orders"))
{
    QStringList args = {QStringLiteral("export"),
                        QStringLiteral("--database"),
                        QStringLiteral("{db}"),
                        QStringLiteral("--page"),
                        page,
                        QStringLiteral("--format"),
                        QStringLiteral("csv"),
                        QStringLiteral("--output"),
                        QStringLiteral("{out}/orders.csv")};
    const qsizetype at = args.indexOf(option);
    if (at >= 0) {
        args[at + 1] = value;
    } else {
        args << option << value;
    }
    return args;
}

QStringList importArgs(const QStringList& extra)
{
    return QStringList{QStringLiteral("import"), QStringLiteral("users"),  QStringLiteral("--database"),
                       QStringLiteral("{db}"),   QStringLiteral("--file"), QStringLiteral("{file}")} +
           extra;
}

QList<Option> options()
{
    const QString v = QStringLiteral("{value}");
    const QString db = QStringLiteral("{db}");
    auto revenue = [&](const QString& option, const QString& value) {
        QStringList args = {QStringLiteral("report"),     QStringLiteral("revenue"),
                            QStringLiteral("--database"), db,
                            QStringLiteral("--from"),     QStringLiteral("2024-01-01"),
                            QStringLiteral("--to"),       QStringLiteral("2024-02-01"),
                            QStringLiteral("--by"),       QStringLiteral("week")};
        const qsizetype at = args.indexOf(option);
        if (at >= 0) {
            args[at + 1] = value;
        } else {
            args << option << value;
        }
        return args;
    };
    return {
        {"report revenue --database", revenue(QStringLiteral("--database"), v), report},
        {"report revenue --from", revenue(QStringLiteral("--from"), v), report},
        {"report revenue --to", revenue(QStringLiteral("--to"), v), report},
        {"report revenue --by", revenue(QStringLiteral("--by"), v), report},
        {"report revenue --currency", revenue(QStringLiteral("--currency"), v), report},
        {"report revenue --course", revenue(QStringLiteral("--course"), v), report},
        {"report revenue --format", revenue(QStringLiteral("--format"), v), report},
        {"report revenue --<name>",
         {QStringLiteral("report"), QStringLiteral("revenue"), QStringLiteral("--") + v, QStringLiteral("x")},
         report},
        {"report revenue --reports-database", revenue(QStringLiteral("--reports-database"), v), report},
        {"report revenue --reports-fallback",
         revenue(QStringLiteral("--reports-database"), db) + QStringList{QStringLiteral("--reports-fallback"), v},
         report, QStringLiteral("coursedesk report revenue: --reports-fallback")},
        {"report revenue --reports-max-lag",
         revenue(QStringLiteral("--reports-database"), db) + QStringList{QStringLiteral("--reports-max-lag"), v},
         report, QStringLiteral("coursedesk report revenue: --reports-max-lag")},
        {"report <name>", {QStringLiteral("report"), v}, report},
        {"report reconcile --database",
         {QStringLiteral("report"), QStringLiteral("reconcile"), QStringLiteral("--database"), v},
         report},
        {"report reconcile --reports-database",
         {QStringLiteral("report"), QStringLiteral("reconcile"), QStringLiteral("--database"), db,
          QStringLiteral("--reports-database"), v},
         report},
        {"report reconcile --format",
         {QStringLiteral("report"), QStringLiteral("reconcile"), QStringLiteral("--database"), db,
          QStringLiteral("--format"), v},
         report},
        {"db objects --database",
         {QStringLiteral("db"), QStringLiteral("objects"), QStringLiteral("--database"), v},
         DbCommand::run,
         QStringLiteral("--database")},
        {"db <command>",
         {QStringLiteral("db"), v, QStringLiteral("--database"), db},
         DbCommand::run,
         QStringLiteral("coursedesk db")},
        // export: each option of the orders page, the payments review's own filter, and the file.
        {"export --database", exportArgs(QStringLiteral("--database"), v), exportCommand,
         QStringLiteral("coursedesk export: cannot open the database")},
        {"export --page", exportArgs(QStringLiteral("--page"), v), exportCommand,
         QStringLiteral("coursedesk export: unknown page")},
        {"export --search", exportArgs(QStringLiteral("--search"), v), exportCommand,
         QStringLiteral("coursedesk export"), false},
        {"export --search (users)", exportArgs(QStringLiteral("--search"), v, QStringLiteral("users")), exportCommand,
         QStringLiteral("coursedesk export"), false},
        {"export --status", exportArgs(QStringLiteral("--status"), v), exportCommand,
         QStringLiteral("coursedesk export: --status")},
        {"export --search (payments-review)",
         exportArgs(QStringLiteral("--search"), v, QStringLiteral("payments-review")), exportCommand,
         QStringLiteral("coursedesk export"), false},
        {"export --status (payments-review)",
         exportArgs(QStringLiteral("--status"), v, QStringLiteral("payments-review")), exportCommand,
         QStringLiteral("coursedesk export: --status")},
        {"export --from", exportArgs(QStringLiteral("--from"), v), exportCommand,
         QStringLiteral("coursedesk export: --from")},
        {"export --to", exportArgs(QStringLiteral("--to"), v), exportCommand,
         QStringLiteral("coursedesk export: --to")},
        {"export --sort", exportArgs(QStringLiteral("--sort"), v), exportCommand,
         QStringLiteral("coursedesk export: --sort"), false},
        {"export --columns", exportArgs(QStringLiteral("--columns"), v), exportCommand,
         QStringLiteral("coursedesk export: The orders page has no column"), false},
        {"export --format", exportArgs(QStringLiteral("--format"), v), exportCommand,
         QStringLiteral("coursedesk export: --format")},
        {"export --output", exportArgs(QStringLiteral("--output"), QStringLiteral("{out}/") + v), exportCommand,
         QStringLiteral("coursedesk export")},
        {"export --bom=<value>", exportArgs(QStringLiteral("--bom=") + v, QStringLiteral("x")), exportCommand,
         QStringLiteral("coursedesk export: Option --bom takes no value")},
        {"export --<name>", exportArgs(QStringLiteral("--") + v, QStringLiteral("x")), exportCommand,
         QStringLiteral("coursedesk export")},
        // import: what to import, the file, the database and every flag; the file is never valid,
        // so nothing could be written even if an option were taken.
        {"import <kind>",
         {QStringLiteral("import"), v, QStringLiteral("--database"), db, QStringLiteral("--file"),
          QStringLiteral("{file}")},
         importCommand,
         QStringLiteral("coursedesk import")},
        {"import --database",
         {QStringLiteral("import"), QStringLiteral("users"), QStringLiteral("--database"), v, QStringLiteral("--file"),
          QStringLiteral("{file}")},
         importCommand,
         QStringLiteral("coursedesk import: cannot open the database")},
        {"import --file", importArgs({}).replaceInStrings(QStringLiteral("{file}"), QStringLiteral("{out}/") + v),
         importCommand, QStringLiteral("coursedesk import")},
        {"import --dry-run=<value>", importArgs({QStringLiteral("--dry-run=") + v}), importCommand,
         QStringLiteral("coursedesk import: Option --dry-run takes no value")},
        {"import --update-existing=<value>", importArgs({QStringLiteral("--update-existing=") + v}), importCommand,
         QStringLiteral("coursedesk import: Option --update-existing takes no value")},
        {"import --generate-passwords=<value>", importArgs({QStringLiteral("--generate-passwords=") + v}),
         importCommand, QStringLiteral("coursedesk import: Option --generate-passwords takes no value")},
        {"import --<name>", importArgs({QStringLiteral("--") + v, QStringLiteral("x")}), importCommand,
         QStringLiteral("coursedesk import")},
        {"import --dry-run --update-existing <kind>",
         {QStringLiteral("import"), v, QStringLiteral("--database"), db, QStringLiteral("--file"),
          QStringLiteral("{file}"), QStringLiteral("--dry-run"), QStringLiteral("--update-existing")},
         importCommand,
         QStringLiteral("coursedesk import")},
    };
}

// The window's own options go through its parser only: opening a window per value is not needed
// to show that the value is refused or taken as given.
struct WindowOption
{
    const char* name;
    QStringList args;
};

QList<WindowOption> windowOptions()
{
    const QString v = QStringLiteral("{value}");
    return {
        {"--page", {QStringLiteral("coursedesk"), QStringLiteral("--page"), v}},
        {"--database", {QStringLiteral("coursedesk"), QStringLiteral("--database"), v}},
        {"--size",
         {QStringLiteral("coursedesk"), QStringLiteral("--size"), v, QStringLiteral("--page"),
          QStringLiteral("orders")}},
        {"--screenshot",
         {QStringLiteral("coursedesk"), QStringLiteral("--screenshot"), v, QStringLiteral("--page"),
          QStringLiteral("orders")}},
    };
}

QStringList substitute(QStringList args, const QString& db, const QString& value, const QString& out = QString(),
                       const QString& file = QString())
{
    for (QString& a : args) {
        if (a == QLatin1String("{db}")) {
            a = db;
        } else if (a == QLatin1String("{file}")) {
            a = file;
        } else {
            // {value} last: the hostile text may itself hold "{out}".
            a.replace(QStringLiteral("{out}"), out);
            a.replace(QStringLiteral("{value}"), value);
        }
    }
    return args;
}

// Every file and folder under `dir`, hidden ones included (a partial export would be one).
QStringList entriesUnder(const QString& dir)
{
    QStringList found;
    QDirIterator it(dir, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        found << it.next();
    }
    found.sort();
    return found;
}

// A path under `out` built from hostile text stays under it once "." and ".." are resolved; one
// that climbs out names a place outside the test, so it is not tried (as a user could write
// anywhere they may, the command's job is only to write exactly there).
bool staysUnder(const QString& out, const QString& arg)
{
    return QDir::cleanPath(arg).startsWith(out + QLatin1Char('/'));
}

// Control characters as \xHH, so that a failure message shows the value (a NUL would end it).
QString printable(const QString& text)
{
    QString shown;
    for (const QChar c : text) {
        shown += c.unicode() < 0x20 ? QStringLiteral("\\x%1").arg(c.unicode(), 2, 16, QLatin1Char('0')) : QString(c);
    }
    return shown;
}

// A hostile --database value is only ever tried when it cannot reach anything outside the test:
// with the token in front it is no URL at all; as given, only if it does not parse as one.
bool safeDatabaseValue(const QString& value)
{
    return !DatabaseUrl::parse(value).has_value();
}
} // namespace

class TestHostileCli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void everyOptionHoldsAgainstTheCorpus()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        const bool pg = db.engine() == Engine::Postgres;
        QString error;
        qint64 logStart = -1;
        QVERIFY2(Hostile::PostgresLog::watch(db, &logStart, &error), qPrintable(error));
        const QString url = db.commandLineUrl();
        const QString before = Hostile::fingerprint(db.db());
        const QStringList corpus = Hostile::corpus();
        QVERIFY(!corpus.isEmpty());
        // export writes only into `out`; the import file sits beside it.
        QTemporaryDir outer;
        QVERIFY(outer.isValid());
        const QString outDir = outer.filePath(QStringLiteral("out"));
        QVERIFY(QDir().mkpath(outDir));
        const QString badFile = outer.filePath(QStringLiteral("bad-users.csv"));
        {
            QFile file(badFile);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("first_name,last_name,email\nAnn,Lee,\n");
        }
        const QStringList outerEntries = {badFile, outDir}; // sorted
        int runs = 0;
        int written = 0;
        int succeeded = 0;
        for (const Option& option : options()) {
            // --database or --reports-database given the hostile text.
            bool isDatabase = false;
            for (qsizetype i = 0; i + 1 < option.args.size(); ++i) {
                isDatabase = isDatabase || (option.args.at(i).endsWith(QLatin1String("database")) &&
                                            option.args.at(i + 1) == QLatin1String("{value}"));
            }
            for (const QString& hostile : corpus) {
                for (const QString& value : {Hostile::token + hostile, hostile}) {
                    if (!option.bareToo && !value.startsWith(Hostile::token)) {
                        continue;
                    }
                    if (isDatabase && !safeDatabaseValue(value)) {
                        continue;
                    }
                    const QStringList args = substitute(option.args, url, value, outDir, badFile);
                    if (std::any_of(args.begin(), args.end(),
                                    [&](const QString& a) { return a.startsWith(outDir) && !staysUnder(outDir, a); })) {
                        continue;
                    }
                    QString out;
                    QString err;
                    QTextStream outStream(&out);
                    QTextStream errStream(&err);
                    const int code = option.command(args, outStream, errStream);
                    const QString what =
                        QStringLiteral("%1 \"%2\"").arg(QLatin1String(option.name), printable(value.left(60)));
                    err = printable(err);
                    QVERIFY2(code == 0 || code == 1 || code == 2,
                             qPrintable(what + QStringLiteral(": exit ") + QString::number(code)));
                    if (code == 0) {
                        ++succeeded;
                        QVERIFY2(err.isEmpty(), qPrintable(what + QStringLiteral(": ") + err));
                    } else {
                        // One clear message naming the command, never a driver's raw words alone.
                        QVERIFY2(err.contains(option.refusal), qPrintable(what + ": " + err));
                        QVERIFY2(!err.contains(QStringLiteral("Unable to fetch row")), qPrintable(what + ": " + err));
                        QVERIFY2(!err.contains(QStringLiteral("No query")), qPrintable(what + ": " + err));
                    }
                    QVERIFY2(!isDatabase || code != 0, qPrintable(what));
                    // Written: exactly the file named by --output, complete; refused: nothing at all.
                    const QStringList entries = entriesUnder(outDir);
                    if (code == 0 && args.first() == QLatin1String("export")) {
                        const QString output = QDir::cleanPath(args.at(args.indexOf(QStringLiteral("--output")) + 1));
                        QVERIFY2(entries == QStringList{output}, qPrintable(what + ": " + entries.join(", ")));
                        QFile file(output);
                        QVERIFY2(file.open(QIODevice::ReadOnly) && file.readAll().endsWith('\n'),
                                 qPrintable(what + ": the file is not complete"));
                        file.close();
                        QVERIFY(file.remove());
                        ++written;
                    } else {
                        QVERIFY2(entries.isEmpty(), qPrintable(what + ": left " + entries.join(", ")));
                    }
                    QCOMPARE(entriesUnder(outer.path()), outerEntries);
                    ++runs;
                }
            }
        }
        QVERIFY(runs > 15000);
        QVERIFY(succeeded > 0);  // e.g. --course with any text: a valid, empty report
        QVERIFY(written > 1000); // e.g. --search with any text: a valid export of no rows
        QCOMPARE(Hostile::fingerprint(db.db()), before);

        if (logStart >= 0) {
            const auto scan = Hostile::PostgresLog::scanSince(db, logStart);
            QVERIFY2(scan, "the server's log did not show the suite's last statement within 10 s");
            QVERIFY2(scan->leaks.isEmpty(), qPrintable(scan->leaks.mid(0, 5).join(QStringLiteral("\n---\n"))));
            QVERIFY2(scan->boundOccurrences > 100, qPrintable(QString::number(scan->boundOccurrences)));
        } else if (pg) {
            qWarning("COURSEDESK_TEST_POSTGRES_LOG is not set: the statement log was not checked");
        }
    }

    void windowOptionsHoldAgainstTheCorpus()
    {
        const QStringList corpus = Hostile::corpus();
        int refused = 0;
        for (const WindowOption& option : windowOptions()) {
            for (const QString& hostile : corpus) {
                for (const QString& value : {Hostile::token + hostile, hostile}) {
                    const CommandLine cl = CommandLine::parse(substitute(option.args, QString(), value));
                    const QString what = QStringLiteral("%1 \"%2\"").arg(QLatin1String(option.name), value.left(60));
                    if (cl.exit) {
                        QVERIFY2(cl.exitCode == 0 || cl.exitCode == 2, qPrintable(what));
                        refused += cl.exitCode == 2 ? 1 : 0;
                        continue;
                    }
                    // Taken: then exactly as given (the window validates the URL when it opens it).
                    if (QLatin1String(option.name) == QLatin1String("--page")) {
                        QVERIFY2(CommandLine::pageNames().contains(cl.page), qPrintable(what));
                    } else if (QLatin1String(option.name) == QLatin1String("--database")) {
                        QCOMPARE(cl.database, value);
                    }
                }
            }
        }
        QVERIFY(refused > 1000);
    }
};

QTEST_GUILESS_MAIN(TestHostileCli)
#include "tst_hostilecli.moc"
