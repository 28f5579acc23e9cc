#include "ExportCommand.h"

#include "CommandOptions.h"
#include "ExportJob.h"
#include "FindingsExport.h"
#include "PaymentsExportSource.h"
#include "TableExportSource.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "reports/Reconciliation.h"

#include <QDate>
#include <QLocale>

namespace {
enum Exit { Ok = 0, Failed = 1, BadArguments = 2 };

QStringList pageIds()
{
    QStringList ids;
    for (const TableSpec& spec : TableSpec::all()) {
        ids << spec.pageId;
    }
    return ids << QStringLiteral("payments-review") << QStringLiteral("reconciliation");
}

bool parseDate(const QString& text, const QString& name, QDate* out, QString* error)
{
    *out = QDate::fromString(text, Qt::ISODate);
    if (!out->isValid() || text.size() != 10) {
        *error = QStringLiteral("--%1 must be a date like 2026-01-31, not \"%2\"").arg(name, text);
        return false;
    }
    // Four-digit years only, and a day after --to that still has one: a local midnight before
    // year 1000 can fall in year 0 or -1 in the stored zone (PostgreSQL refuses "-0001-12-31"),
    // and year 10000 would sort before 2026 as SQLite text.
    if (*out < QDate(1000, 1, 1) || *out > QDate(9999, 12, 30)) {
        *error = QStringLiteral("--%1 must be a date from 1000-01-01 to 9999-12-30, not \"%2\"").arg(name, text);
        return false;
    }
    return true;
}

// The page's date column: what it sorts by when that is a time (orders: Created), else Created.
int dateColumn(const TableSpec& spec)
{
    const ColumnSpec* sort = spec.column(spec.defaultSort);
    if (sort && sort->kind == ColumnSpec::Kind::Timestamp) {
        return spec.indexOf(spec.defaultSort);
    }
    return spec.indexOf(QStringLiteral("created_at"));
}

struct Request
{
    QString search;
    QString status;
    QDate from;
    QDate to;
};

std::unique_ptr<ExportSource> tableSource(const CommandOptions::Connection& connection, const TableSpec& spec,
                                          const Request& r, const QMap<QString, QString>& o, QString* error)
{
    WindowedQuery query(spec, Database::engine(connection.db()));
    query.setSearchText(r.search);
    QList<ColumnFilter> filters;
    if (!r.status.isEmpty()) {
        const ColumnSpec* status = spec.column(QStringLiteral("status"));
        if (!status || status->kind != ColumnSpec::Kind::Enum) {
            *error = QStringLiteral("The %1 page has no status to filter by").arg(spec.pageId);
            return nullptr;
        }
        const QString code = r.status.toUpper();
        if (!PlatformValues::isKnown(status->enumKind, code)) {
            *error =
                QStringLiteral("--status \"%1\" is not a %2 status (known: %3)")
                    .arg(r.status, spec.pageId, PlatformValues::values(status->enumKind).join(QStringLiteral(", ")));
            return nullptr;
        }
        filters << ColumnFilter{status->name, ColumnFilter::Match::Equals, code};
    }
    if (r.from.isValid() || r.to.isValid()) {
        const int column = dateColumn(spec);
        if (column < 0) {
            *error = QStringLiteral("The %1 page has no date to filter by").arg(spec.pageId);
            return nullptr;
        }
        // Local dates, both included: [from 00:00, the day after `to` 00:00) in the machine's zone,
        // bound as the stored zone's text (the column is TIMESTAMP without zone).
        const SqlTime time = SqlTime::forConnection(connection.db());
        const QTimeZone zone = QTimeZone::systemTimeZone();
        if (r.from.isValid()) {
            filters << ColumnFilter{spec.columns.at(column).name, ColumnFilter::Match::AtLeast,
                                    time.toDb(QDateTime(r.from, QTime(0, 0), zone))};
        }
        if (r.to.isValid()) {
            filters << ColumnFilter{spec.columns.at(column).name, ColumnFilter::Match::Below,
                                    time.toDb(QDateTime(r.to.addDays(1), QTime(0, 0), zone))};
        }
    }
    query.setFilters(filters);
    if (o.contains(QStringLiteral("sort"))) {
        const QString sort = o.value(QStringLiteral("sort"));
        const QString name = sort.section(QLatin1Char(':'), 0, 0);
        const QString direction = sort.section(QLatin1Char(':'), 1).toLower();
        const int column = spec.indexOf(name);
        if (column < 0 || spec.columns.at(column).kind == ColumnSpec::Kind::Secret ||
            !(direction.isEmpty() || direction == QLatin1String("asc") || direction == QLatin1String("desc"))) {
            *error = QStringLiteral("--sort must be a column of the page with :asc or :desc, not \"%1\"").arg(sort);
            return nullptr;
        }
        query.setSort(column, direction == QLatin1String("desc") ? Qt::DescendingOrder : Qt::AscendingOrder);
    }
    QList<int> columns;
    if (o.contains(QStringLiteral("columns"))) {
        const auto named =
            TableExportSource::columnsByName(spec, o.value(QStringLiteral("columns")).split(QLatin1Char(',')), error);
        if (!named) {
            return nullptr;
        }
        columns = *named;
    }
    return std::make_unique<TableExportSource>(connection.name(), query, columns, false);
}

std::unique_ptr<ExportSource> reconciliationSource(const CommandOptions::Connection& connection, QString* error)
{
    const auto findings = Reconciliation(connection.db()).run(error);
    return findings ? FindingsExport::source(*findings) : nullptr;
}
} // namespace

namespace ExportCommand {

QString usage()
{
    return QStringLiteral("Usage:\n"
                          "  coursedesk export --database URL --page PAGE [--search TEXT] [--status STATUS]\n"
                          "                    [--from DATE --to DATE] [--sort COLUMN[:asc|desc]] [--columns a,b,c]\n"
                          "                    --format csv|xlsx [--bom] --output FILE\n"
                          "Pages: %1. Dates are local (YYYY-MM-DD), both included.\n")
        .arg(pageIds().join(QStringLiteral(", ")));
}

int run(const QStringList& allArgs, QTextStream& out, QTextStream& err)
{
    const QStringList args = allArgs.mid(1);
    QMap<QString, QString> o;
    QString error;
    const int code = [&] {
        if (args.contains(QStringLiteral("--help"))) {
            out << usage();
            return int(Ok);
        }
        if (!CommandOptions::parse(args,
                                   {QStringLiteral("database"), QStringLiteral("page"), QStringLiteral("search"),
                                    QStringLiteral("status"), QStringLiteral("from"), QStringLiteral("to"),
                                    QStringLiteral("sort"), QStringLiteral("columns"), QStringLiteral("format"),
                                    QStringLiteral("output")},
                                   {QStringLiteral("bom")}, &o, &error)) {
            err << "coursedesk export: " << error << "\n" << usage();
            return int(BadArguments);
        }
        for (const char* required : {"database", "page", "format", "output"}) {
            if (!o.contains(QLatin1String(required))) {
                err << "coursedesk export: --" << required << " is required\n" << usage();
                return int(BadArguments);
            }
        }
        const QString page = o.value(QStringLiteral("page"));
        if (!pageIds().contains(page)) {
            err << "coursedesk export: unknown page \"" << page << "\" (" << pageIds().join(QStringLiteral(", "))
                << ")\n";
            return int(BadArguments);
        }
        ExportOptions options;
        const QString format = o.value(QStringLiteral("format"));
        if (format == QLatin1String("csv")) {
            options.format = ExportOptions::Format::Csv;
        } else if (format == QLatin1String("xlsx")) {
            options.format = ExportOptions::Format::Xlsx;
        } else {
            err << "coursedesk export: --format must be csv or xlsx, not \"" << format << "\"\n";
            return int(BadArguments);
        }
        // A NUL would cut the name short at the system call: another file than the one named.
        if (o.value(QStringLiteral("output")).contains(QChar(0))) {
            err << "coursedesk export: --output must not contain a NUL character\n";
            return int(BadArguments);
        }
        options.byteOrderMark = o.contains(QStringLiteral("bom"));
        Request request;
        request.search = o.value(QStringLiteral("search"));
        request.status = o.value(QStringLiteral("status"));
        if ((o.contains(QStringLiteral("from")) &&
             !parseDate(o.value(QStringLiteral("from")), QStringLiteral("from"), &request.from, &error)) ||
            (o.contains(QStringLiteral("to")) &&
             !parseDate(o.value(QStringLiteral("to")), QStringLiteral("to"), &request.to, &error))) {
            err << "coursedesk export: " << error << "\n";
            return int(BadArguments);
        }
        if (request.from.isValid() && request.to.isValid() && request.to < request.from) {
            err << "coursedesk export: --from " << request.from.toString(Qt::ISODate) << " is after --to "
                << request.to.toString(Qt::ISODate) << "\n";
            return int(BadArguments);
        }
        CommandOptions::Connection connection;
        if (!connection.open(o.value(QStringLiteral("database")), QStringLiteral("export"), &error)) {
            err << "coursedesk export: cannot open the database: " << error << "\n";
            return int(Failed);
        }
        std::unique_ptr<ExportSource> source;
        if (page == QLatin1String("reconciliation")) {
            options.title = QStringLiteral("Reconciliation");
            source = reconciliationSource(connection, &error);
        } else if (page == QLatin1String("payments-review")) {
            const QString code = request.status.toUpper();
            if (!code.isEmpty() && !PlatformValues::isKnown(PlatformValues::Kind::PaymentStatus, code)) {
                err << "coursedesk export: --status \"" << request.status << "\" is not a payment status (known: "
                    << PlatformValues::values(PlatformValues::Kind::PaymentStatus).join(QStringLiteral(", ")) << ")\n";
                return int(BadArguments);
            }
            options.title = QStringLiteral("Payments review");
            PaymentsFilter filter;
            filter.search = request.search;
            filter.status = request.status.toUpper();
            filter.from = request.from;
            filter.to = request.to;
            source = std::make_unique<PaymentsExportSource>(connection.name(), filter, PaymentsQuery::Id,
                                                            Qt::DescendingOrder, false);
        } else {
            const TableSpec* spec = TableSpec::forPage(page);
            options.title = spec->title;
            source = tableSource(connection, *spec, request, o, &error);
            if (!source) {
                err << "coursedesk export: " << error << "\n";
                return int(BadArguments);
            }
        }
        if (!source) {
            err << "coursedesk export: " << error << "\n";
            return int(Failed);
        }
        const auto result = ExportJob::run(*source, options, o.value(QStringLiteral("output")));
        if (!result.ok()) {
            err << "coursedesk export: " << result.message << "\n";
            return int(Failed);
        }
        out << result.message << "\n";
        return int(Ok);
    }();
    out.flush();
    err.flush();
    return code;
}

} // namespace ExportCommand
