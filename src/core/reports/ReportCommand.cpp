#include "ReportCommand.h"

#include "Csv.h"
#include "QueryCancel.h"
#include "Reconciliation.h"
#include "ReportOutput.h"
#include "RevenueReport.h"
#include "background/BackgroundQueries.h"
#include "background/ReportsDatabase.h"
#include "db/Database.h"
#include "domain/PlatformValues.h"

#include <QFileInfo>
#include <QMap>
#include <QUuid>

#include <atomic>
#include <csignal>

namespace {
enum Exit { Ok = 0, Failed = 1, BadArguments = 2, Interrupted = 130 };

// Ctrl+C while a report runs: the running statement is cancelled on the server (a plain exit
// would leave PostgreSQL working on it) and the command ends with "cancelled". A second Ctrl+C
// ends the process at once.
std::atomic<QueryCancel*> runningCancel = nullptr;
std::atomic_bool interrupted = false;

extern "C" void onInterrupt(int)
{
    interrupted.store(true);
    std::signal(SIGINT, SIG_DFL);
    if (QueryCancel* cancel = runningCancel.load()) {
        cancel->cancel();
    }
}

// Installs the handler for the lifetime of one report run.
class InterruptScope
{
public:
    explicit InterruptScope(QueryCancel* cancel)
    {
        interrupted.store(false);
        runningCancel.store(cancel);
        m_previous = std::signal(SIGINT, onInterrupt);
    }
    ~InterruptScope()
    {
        std::signal(SIGINT, m_previous == SIG_ERR ? SIG_DFL : m_previous);
        runningCancel.store(nullptr);
    }
    InterruptScope(const InterruptScope&) = delete;
    InterruptScope& operator=(const InterruptScope&) = delete;

private:
    void (*m_previous)(int) = SIG_DFL;
};

// --name value / --name=value pairs; anything else is an error.
bool parseOptions(const QStringList& args, const QStringList& known, QMap<QString, QString>* options, QString* error)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString name = args.at(i);
        if (!name.startsWith(QStringLiteral("--"))) {
            *error = QStringLiteral("Unexpected argument \"%1\"").arg(name);
            return false;
        }
        name = name.mid(2);
        QString value;
        const qsizetype eq = name.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
        } else if (i + 1 < args.size()) {
            value = args.at(++i);
        } else {
            *error = QStringLiteral("Option --%1 needs a value").arg(name);
            return false;
        }
        if (!known.contains(name)) {
            *error = QStringLiteral("Unknown option --%1").arg(name);
            return false;
        }
        options->insert(name, value);
    }
    return true;
}

bool parseDate(const QString& text, const QString& name, QDate* out, QString* error)
{
    *out = QDate::fromString(text, Qt::ISODate);
    if (!out->isValid() || text.size() != 10) {
        *error = QStringLiteral("--%1 must be a date like 2024-01-31, not \"%2\"").arg(name, text);
        return false;
    }
    return true;
}

// Opens the database for this run; the connection is closed when this goes away.
class Connection
{
public:
    bool open(const QString& text, QString* error)
    {
        const auto url = DatabaseUrl::parse(text, error);
        if (!url) {
            return false;
        }
        // Database::open would create a missing SQLite file: a report never should.
        if (url->engine == Engine::Sqlite && !QFileInfo::exists(url->path)) {
            *error = QStringLiteral("No database file at %1").arg(url->path);
            return false;
        }
        m_name = QStringLiteral("coursedesk-report-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        return Database::open(*url, m_name, error);
    }
    ~Connection()
    {
        if (!m_name.isEmpty()) {
            Database::close(m_name);
        }
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QString name() const { return m_name; }

private:
    QString m_name;
};

// The options every report takes to read from a replica.
const QStringList replicaOptions = {QStringLiteral("reports-database"), QStringLiteral("reports-fallback"),
                                    QStringLiteral("reports-max-lag")};

// Checked before anything is opened: exit 2 with the option named.
bool checkReplicaOptions(const QMap<QString, QString>& o, QString* error)
{
    if (o.contains(QStringLiteral("reports-fallback")) &&
        o.value(QStringLiteral("reports-fallback")) != QLatin1String("primary")) {
        *error = QStringLiteral("--reports-fallback takes \"primary\", not \"%1\"")
                     .arg(o.value(QStringLiteral("reports-fallback")));
        return false;
    }
    if (o.contains(QStringLiteral("reports-max-lag"))) {
        bool ok = false;
        const int lag = o.value(QStringLiteral("reports-max-lag")).toInt(&ok);
        if (!ok || lag < 0 || lag > 86400) {
            *error = QStringLiteral("--reports-max-lag must be seconds from 0 to 86400, not \"%1\"")
                         .arg(o.value(QStringLiteral("reports-max-lag")));
            return false;
        }
    }
    if ((o.contains(QStringLiteral("reports-fallback")) || o.contains(QStringLiteral("reports-max-lag"))) &&
        !o.contains(QStringLiteral("reports-database"))) {
        *error = QStringLiteral("--reports-fallback and --reports-max-lag go with --reports-database");
        return false;
    }
    if (o.contains(QStringLiteral("reports-database"))) {
        const auto url = DatabaseUrl::parse(o.value(QStringLiteral("reports-database")), error);
        if (!url) {
            *error = QStringLiteral("--reports-database: ") + *error;
            return false;
        }
    }
    return true;
}

// Where a report reads: the replica named by --reports-database when it is reachable and caught
// up (the window's checks, ReportsDatabase), else the primary when --reports-fallback primary
// says so; otherwise the run stops with the replica's problem and the way out. Detaches on exit.
class ReadConnection
{
public:
    ReadConnection(const Connection& primary, const QString& command) : m_primary(primary), m_command(command) {}
    ~ReadConnection()
    {
        if (m_attached) {
            ReportsDatabase::detach(m_primary.name());
        }
    }
    ReadConnection(const ReadConnection&) = delete;
    ReadConnection& operator=(const ReadConnection&) = delete;

    bool open(const QMap<QString, QString>& o, QTextStream& err)
    {
        if (!o.contains(QStringLiteral("reports-database"))) {
            return true;
        }
        const DatabaseUrl url = *DatabaseUrl::parse(o.value(QStringLiteral("reports-database")));
        ReportsDatabase::Status status;
        if (url.engine == Engine::Sqlite && !QFileInfo::exists(url.path)) {
            // Database::open would create it.
            status.message = QStringLiteral("The reports database %1 is not reachable: no such file\nThe dashboard, "
                                            "payments review, reconciliation and reports can run on the primary "
                                            "database instead.")
                                 .arg(url.displayName());
        } else {
            const int maxLag =
                o.value(QStringLiteral("reports-max-lag"), QString::number(ReportsDatabase::maxLagSeconds)).toInt();
            status = ReportsDatabase::attach(m_primary.name(), url, m_primary.name() + QStringLiteral("-reports"),
                                             false, maxLag);
            m_attached = status.usable;
        }
        if (status.usable) {
            return true;
        }
        const bool fallback = o.contains(QStringLiteral("reports-fallback"));
        for (const QString& line : status.message.split(QLatin1Char('\n'))) {
            err << m_command << ": " << line << "\n";
        }
        err << m_command << ": "
            << (fallback ? QStringLiteral("reading from the primary database (--reports-fallback primary)")
                         : QStringLiteral("nothing was run; run without --reports-database, or add "
                                          "--reports-fallback primary, to read from the primary"))
            << "\n";
        return fallback;
    }
    QSqlDatabase db() const
    {
        return QSqlDatabase::database(BackgroundQueries::reportsConnection(m_primary.name()), false);
    }

private:
    const Connection& m_primary;
    QString m_command;
    bool m_attached = false;
};

int revenue(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QMap<QString, QString> o;
    QString error;
    const QStringList known =
        QStringList{QStringLiteral("database"), QStringLiteral("from"),   QStringLiteral("to"),    QStringLiteral("by"),
                    QStringLiteral("currency"), QStringLiteral("course"), QStringLiteral("format")} +
        replicaOptions;
    if (!parseOptions(args, known, &o, &error)) {
        err << "coursedesk report revenue: " << error << "\n" << ReportCommand::usage();
        return BadArguments;
    }
    for (const char* required : {"database", "from", "to", "by"}) {
        if (!o.contains(QLatin1String(required))) {
            err << "coursedesk report revenue: --" << required << " is required\n" << ReportCommand::usage();
            return BadArguments;
        }
    }
    RevenueFilter filter;
    if (!parseDate(o.value(QStringLiteral("from")), QStringLiteral("from"), &filter.from, &error) ||
        !parseDate(o.value(QStringLiteral("to")), QStringLiteral("to"), &filter.to, &error)) {
        err << "coursedesk report revenue: " << error << "\n";
        return BadArguments;
    }
    if (filter.to < filter.from) {
        err << "coursedesk report revenue: --from " << filter.from.toString(Qt::ISODate) << " is after --to "
            << filter.to.toString(Qt::ISODate) << " (the period is [from, to))\n";
        return BadArguments;
    }
    if (!ReportPeriod::parseGranularity(o.value(QStringLiteral("by")), &filter.granularity)) {
        err << "coursedesk report revenue: --by must be day, week or month, not \"" << o.value(QStringLiteral("by"))
            << "\"\n";
        return BadArguments;
    }
    // Refused before any query runs: an unbounded bucket list grows with the period (9999 years of
    // days is 3.6 million buckets) in memory and in the output.
    const QString bounds = filter.period().boundsError(filter.granularity);
    if (!bounds.isEmpty()) {
        err << "coursedesk report revenue: " << bounds << "\n";
        return BadArguments;
    }
    filter.currency = o.value(QStringLiteral("currency")).toUpper();
    if (!filter.currency.isEmpty() && !PlatformValues::isKnownCurrency(filter.currency)) {
        err << "coursedesk report revenue: unknown currency \"" << o.value(QStringLiteral("currency"))
            << "\" (known: " << PlatformValues::currencies().join(QStringLiteral(", ")) << ")\n";
        return BadArguments;
    }
    filter.courseId = o.value(QStringLiteral("course"));
    // Course ids are slugs: a control character (U+0000 above all, which libpq cannot send) is a
    // typing or quoting mistake, named here rather than as a driver error.
    for (const QChar ch : filter.courseId) {
        if (ch.category() == QChar::Other_Control) {
            err << "coursedesk report revenue: --course must be a course id; it contains control character U+"
                << QString::number(ch.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0')) << "\n";
            return BadArguments;
        }
    }
    const QString format = o.value(QStringLiteral("format"), QStringLiteral("text"));
    if (!ReportOutput::isFormat(format)) {
        err << "coursedesk report revenue: --format must be text, csv or json, not \"" << format << "\"\n";
        return BadArguments;
    }
    if (!checkReplicaOptions(o, &error)) {
        err << "coursedesk report revenue: " << error << "\n";
        return BadArguments;
    }
    Connection connection;
    if (!connection.open(o.value(QStringLiteral("database")), &error)) {
        err << "coursedesk report revenue: cannot open the database: " << error << "\n";
        return Failed;
    }
    ReadConnection reading(connection, QStringLiteral("coursedesk report revenue"));
    if (!reading.open(o, err)) {
        return Failed;
    }
    QueryCancel cancel(reading.db());
    const InterruptScope scope(&cancel);
    const auto result = RevenueReport(reading.db()).run(filter, &error);
    if (interrupted.load()) {
        err << "coursedesk report revenue: cancelled (Ctrl+C); nothing was written\n";
        return Interrupted;
    }
    if (!result) {
        err << "coursedesk report revenue: query failed: " << error << "\n";
        return Failed;
    }
    out << ReportOutput::revenue(*result, format);
    return Ok;
}

int reconcile(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QMap<QString, QString> o;
    QString error;
    if (!parseOptions(args, QStringList{QStringLiteral("database"), QStringLiteral("format")} + replicaOptions, &o,
                      &error)) {
        err << "coursedesk report reconcile: " << error << "\n" << ReportCommand::usage();
        return BadArguments;
    }
    if (!o.contains(QStringLiteral("database"))) {
        err << "coursedesk report reconcile: --database is required\n" << ReportCommand::usage();
        return BadArguments;
    }
    const QString format = o.value(QStringLiteral("format"), QStringLiteral("text"));
    if (!ReportOutput::isFormat(format)) {
        err << "coursedesk report reconcile: --format must be text, csv or json, not \"" << format << "\"\n";
        return BadArguments;
    }
    if (!checkReplicaOptions(o, &error)) {
        err << "coursedesk report reconcile: " << error << "\n";
        return BadArguments;
    }
    Connection connection;
    if (!connection.open(o.value(QStringLiteral("database")), &error)) {
        err << "coursedesk report reconcile: cannot open the database: " << error << "\n";
        return Failed;
    }
    ReadConnection reading(connection, QStringLiteral("coursedesk report reconcile"));
    if (!reading.open(o, err)) {
        return Failed;
    }
    QueryCancel cancel(reading.db());
    const InterruptScope scope(&cancel);
    const auto findings = Reconciliation(reading.db()).run(&error);
    if (interrupted.load()) {
        err << "coursedesk report reconcile: cancelled (Ctrl+C); nothing was written\n";
        return Interrupted;
    }
    if (!findings) {
        err << "coursedesk report reconcile: query failed: " << error << "\n";
        return Failed;
    }
    out << ReportOutput::findings(*findings, format);
    return Ok;
}
} // namespace

QString ReportCommand::usage()
{
    return QStringLiteral("Usage:\n"
                          "  coursedesk report revenue --database URL --from DATE --to DATE --by day|week|month\n"
                          "                            [--currency INR] [--course ID] [--format text|csv|json]\n"
                          "  coursedesk report reconcile --database URL [--format text|csv|json]\n"
                          "Either report may read from a replica: --reports-database URL [--reports-max-lag SECONDS]\n"
                          "[--reports-fallback primary] (a replica that is down or more than 30 s behind stops the\n"
                          "run, or with --reports-fallback primary the report reads the primary instead).\n"
                          "Dates are local (YYYY-MM-DD); the period is [from, to).\n");
}

int ReportCommand::run(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const int code = [&] {
        if (args.size() < 2 || args.first() != QLatin1String("report")) {
            err << "coursedesk report: which report? (revenue or reconcile)\n" << usage();
            return int(BadArguments);
        }
        const QString sub = args.at(1);
        if (sub == QLatin1String("revenue")) {
            return revenue(args.mid(2), out, err);
        }
        if (sub == QLatin1String("reconcile")) {
            return reconcile(args.mid(2), out, err);
        }
        if (sub == QLatin1String("--help") || sub == QLatin1String("help")) {
            out << usage();
            return int(Ok);
        }
        err << "coursedesk report: unknown report \"" << sub << "\" (revenue or reconcile)\n" << usage();
        return int(BadArguments);
    }();
    out.flush();
    err.flush();
    return code;
}
