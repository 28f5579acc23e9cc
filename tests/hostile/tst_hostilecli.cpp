// Every hostile string of the corpus as the value of every command-line option, on both engines:
// the `coursedesk report` options run in-process against a real database, the window's options
// (--page, --database, --size) through the real parser. Each run ends with a clear answer (exit 0,
// or 1/2 with one message naming the command), nothing in the database changes, and on PostgreSQL
// the statement log shows the values only as bound values.
//
// Table-driven: a new command's option is one line in options() below.
#include "CommandLine.h"
#include "HostileSupport.h"
#include "ReconciliationFixture.h"
#include "TestEngines.h"
#include "db/DatabaseUrl.h"
#include "dbadmin/DbCommand.h"
#include "reports/ReportCommand.h"

#include <QTest>

namespace {
// One option of one in-process command. "{db}" is replaced by the test database's URL and
// "{value}" by the hostile text; `command` runs the arguments and returns the exit code.
struct Option
{
    const char* name;
    QStringList args;
    std::function<int(const QStringList&, QTextStream&, QTextStream&)> command;
    // What every refusal of this command says (its name, or the option it names).
    QString refusal = QStringLiteral("coursedesk report");
};

int report(const QStringList& args, QTextStream& out, QTextStream& err)
{
    return ReportCommand::run(args, out, err);
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
        {"report <name>", {QStringLiteral("report"), v}, report},
        {"report reconcile --database",
         {QStringLiteral("report"), QStringLiteral("reconcile"), QStringLiteral("--database"), v},
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

QStringList substitute(QStringList args, const QString& db, const QString& value)
{
    for (QString& a : args) {
        if (a == QLatin1String("{db}")) {
            a = db;
        } else {
            a.replace(QStringLiteral("{value}"), value);
        }
    }
    return args;
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
        const bool checkLog = pg && !Hostile::PostgresLog::path().isEmpty();
        QString error;
        if (checkLog) {
            QVERIFY2(Hostile::PostgresLog::enable(db, &error), qPrintable(error));
        }
        const qint64 logStart = checkLog ? Hostile::PostgresLog::size() : 0;
        const QString url =
            db.engine() == Engine::Sqlite ? QStringLiteral("sqlite://") + db.url().path : db.url().toString(true);
        const QString before = Hostile::fingerprint(db.db());
        const QStringList corpus = Hostile::corpus();
        QVERIFY(!corpus.isEmpty());
        int runs = 0;
        int succeeded = 0;
        for (const Option& option : options()) {
            const bool isDatabase =
                option.args.contains(QStringLiteral("--database")) &&
                option.args.at(option.args.indexOf(QStringLiteral("--database")) + 1) == QLatin1String("{value}");
            for (const QString& hostile : corpus) {
                for (const QString& value : {Hostile::token + hostile, hostile}) {
                    if (isDatabase && !safeDatabaseValue(value)) {
                        continue;
                    }
                    const QStringList args = substitute(option.args, url, value);
                    QString out;
                    QString err;
                    QTextStream outStream(&out);
                    QTextStream errStream(&err);
                    const int code = option.command(args, outStream, errStream);
                    const QString what = QStringLiteral("%1 \"%2\"").arg(QLatin1String(option.name), value.left(60));
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
                    ++runs;
                }
            }
        }
        QVERIFY(runs > 5000);
        QVERIFY(succeeded > 0); // e.g. --course with any text: a valid, empty report
        QCOMPARE(Hostile::fingerprint(db.db()), before);

        if (checkLog) {
            const QString marker = QStringLiteral("hostile-cli-done-%1").arg(QDateTime::currentMSecsSinceEpoch());
            QSqlQuery(db.db()).exec(QStringLiteral("SELECT '%1'").arg(marker));
            QTRY_VERIFY_WITH_TIMEOUT(Hostile::PostgresLog::readFrom(logStart).contains(marker), 10000);
            const auto scan = Hostile::PostgresLog::scan(logStart);
            QVERIFY2(scan.leaks.isEmpty(), qPrintable(scan.leaks.mid(0, 5).join(QStringLiteral("\n---\n"))));
            QVERIFY2(scan.boundOccurrences > 100, qPrintable(QString::number(scan.boundOccurrences)));
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
