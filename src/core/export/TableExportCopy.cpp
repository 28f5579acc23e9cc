// TableExportSource on PostgreSQL, CSV: the server formats each column as the app would (relation
// names, enum labels, exact decimals, local times) and COPY … TO STDOUT (FORMAT csv) streams the
// rows through libpq, about as fast as psql's \copy. Reading the same rows value by value through
// QPSQL costs several times that in the client (a result object per row, a QVariant per value).
//
// COPY takes no parameters, so the page's filter values travel as bound values of set_config()
// (transaction-local settings) and the query reads them back with current_setting(), cast to the
// type PostgreSQL itself infers for each placeholder (asked through PREPARE): user input never
// becomes SQL text.
#include "TableExportSource.h"

#include "ExportTime.h"
#include "db/Database.h"
#include "domain/PlatformValues.h"
#include "reports/QueryCancel.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <libpq-fe.h>

using K = ColumnSpec::Kind;

struct TableExportSource::Copy
{
    PGconn* conn = nullptr;
    bool copying = false;     // COPY OUT rows are still to be read
    bool transaction = false; // the read-only transaction that holds the settings
};

namespace {
const QString settingPrefix = QStringLiteral("coursedesk.export_p");

// Constants of the app (enum codes and labels), never user input.
QString literal(const QString& text)
{
    QString escaped = text;
    escaped.replace(QLatin1Char('\''), QStringLiteral("''"));
    return QLatin1Char('\'') + escaped + QLatin1Char('\'');
}

QString column(const QString& name)
{
    return QStringLiteral("t.\"%1\"").arg(name);
}

// "?" -> "$1", "$2", … outside string literals and quoted identifiers.
QString numbered(const QString& sql, int* count)
{
    QString out;
    out.reserve(sql.size() + 16);
    QChar quote;
    *count = 0;
    for (const QChar c : sql) {
        if (!quote.isNull()) {
            if (c == quote) {
                quote = QChar();
            }
            out.append(c);
        } else if (c == QLatin1Char('\'') || c == QLatin1Char('"')) {
            quote = c;
            out.append(c);
        } else if (c == QLatin1Char('?')) {
            out.append(QStringLiteral("$%1").arg(++*count));
        } else {
            out.append(c);
        }
    }
    return out;
}

PGconn* connectionOf(const QSqlDatabase& db)
{
    const QVariant handle = db.isOpen() ? db.driver()->handle() : QVariant();
    const char* type = handle.isValid() ? handle.typeName() : "";
    if (qstrcmp(type, "PGconn*") == 0 || qstrcmp(type, "pg_conn*") == 0) {
        return *static_cast<PGconn* const*>(handle.data());
    }
    return nullptr;
}

bool run(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, QString* error,
         QStringList* firstColumn = nullptr)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    bool ok = false;
    if (binds.isEmpty()) {
        ok = query.exec(sql);
    } else if (query.prepare(sql)) {
        for (const QVariant& v : binds) {
            query.addBindValue(v);
        }
        ok = query.exec();
    }
    if (!ok) {
        *error = query.lastError().text();
        return false;
    }
    while (firstColumn && query.next()) {
        *firstColumn << query.value(0).toString();
    }
    return true;
}

QString storedZone(const QSqlDatabase& db)
{
    const QString name = Database::url(db).storedTimeZone();
    if (name.compare(QLatin1String("UTC"), Qt::CaseInsensitive) == 0 || !QTimeZone(name.toUtf8()).isValid()) {
        return QStringLiteral("UTC"); // as SqlTime::forConnection reads it
    }
    return name;
}
} // namespace

QStringList TableExportSource::copyFields(const ExportOptions& options, CopyShape shape) const
{
    const QSqlDatabase db = m_connection.db();
    const ExportTime out(options.zone);
    // A zone with daylight saving writes an offset per value, and a stored zone with daylight
    // saving has local times that repeat or do not exist: the client path handles those.
    if (!out.fixedOffset() || !ExportTime(QTimeZone(storedZone(db).toUtf8())).fixedOffset()) {
        return {};
    }
    const bool storedUtc = storedZone(db) == QLatin1String("UTC");
    const bool cells = shape == CopyShape::Cells;
    const TableSpec& spec = m_query.spec();
    QStringList fields;
    for (const Output& o : m_outputs) {
        const ColumnSpec& c = spec.columns.at(o.column);
        const QString raw = column(c.name);
        if (o.currency) {
            fields << QStringLiteral("CASE WHEN %1 IS NULL THEN NULL ELSE NULLIF(COALESCE(%2::text, 'INR'), '') END")
                          .arg(raw, m_query.currencyExpression(o.column));
            continue;
        }
        // CSV writes NULL and '' alike (COPY would quote ''): NULLIF makes them one.
        switch (c.kind) {
        case K::Money:
            // DECIMAL(10,2) as text is the exact decimal CellText writes ("5999.00", "-5.00", "NaN").
            fields << raw + QStringLiteral("::text");
            if (cells) {
                // The currency of the cell's number format, as decode() reads it.
                fields << QStringLiteral("COALESCE(%1::text, 'INR')").arg(m_query.currencyExpression(o.column));
            }
            break;
        case K::Timestamp: {
            // The stored zone's wall clock -> the instant -> the export zone's fixed offset, cut to
            // whole seconds and written in ISO style (DateStyle is set for the transaction):
            // cheaper than to_char, which the server would run twice per row. The stored zone is
            // read once per query (a sub-select), not per row.
            QString instant = raw;
            if (!storedUtc) {
                instant = QStringLiteral("((%1 AT TIME ZONE (SELECT current_setting('%2zone'))) AT TIME ZONE 'UTC')")
                              .arg(raw, settingPrefix);
            }
            if (out.offsetSeconds() != 0) {
                instant += QStringLiteral(" + make_interval(secs => %1)").arg(out.offsetSeconds());
            }
            // A date cell keeps the fraction of a second (rounded to milliseconds in the client, as
            // Qt reads it); CSV writes whole seconds.
            fields << (cells ? QStringLiteral("(%1)::text") : QStringLiteral("date_trunc('second', %1)::text"))
                          .arg(instant);
            break;
        }
        case K::Key:
            fields << ((cells && spec.keyIsGenerated) ? QStringLiteral("%1::text")
                                                      : QStringLiteral("NULLIF(%1::text, '')"))
                          .arg(raw);
            break;
        case K::Enum: {
            QString cases = QStringLiteral("CASE %1::text WHEN '' THEN NULL").arg(raw);
            for (const QString& value : PlatformValues::values(c.enumKind)) {
                cases += QStringLiteral(" WHEN %1 THEN %2")
                             .arg(literal(value), literal(PlatformValues::label(c.enumKind, value)));
            }
            fields << cases +
                          QStringLiteral(" ELSE %1 || %2::text END").arg(literal(PlatformValues::unknownMarker()), raw);
            break;
        }
        case K::Relation:
            fields << QStringLiteral("NULLIF(COALESCE(%1::text, '#' || %2::text), '')")
                          .arg(m_query.columnExpression(o.column), raw);
            break;
        case K::Text:
            fields << QStringLiteral("NULLIF(%1::text, '')").arg(raw);
            break;
        case K::Secret:
            return {};
        }
    }
    return fields;
}

bool TableExportSource::copiesCsv(const ExportOptions& options)
{
    return startsCopy(options, CopyShape::Csv);
}

bool TableExportSource::copiesCells(const ExportOptions& options)
{
    return startsCopy(options, CopyShape::Cells);
}

bool TableExportSource::startsCopy(const ExportOptions& options, CopyShape shape)
{
    if (m_copy) {
        return m_copy->copying; // asked again once started
    }
    const QSqlDatabase db = m_connection.db();
    if (!m_serverCopy || !Database::isPostgres(db) || !connectionOf(db)) {
        return false;
    }
    const QStringList fields = copyFields(options, shape);
    if (fields.isEmpty()) {
        return false;
    }
    QString error;
    if (!startCopy(fields, shape, &error)) {
        // Not a failure of the export: the client path reads the same rows.
        stopCopy();
        return false;
    }
    return true;
}

bool TableExportSource::startCopy(const QStringList& fields, CopyShape shape, QString* error)
{
    const QSqlDatabase db = m_connection.db();
    const WindowedQuery::Statement statement = m_query.allWith(fields, WindowedQuery::Direction::Forward);
    for (const QVariant& v : statement.binds) {
        const int type = v.metaType().id();
        if (v.isNull() || !(type == QMetaType::QString || type == QMetaType::Int || type == QMetaType::LongLong ||
                            type == QMetaType::UInt || type == QMetaType::ULongLong)) {
            return false;
        }
    }
    m_copy = std::make_shared<Copy>();
    m_copy->conn = connectionOf(db);
    if (!run(db, QStringLiteral("BEGIN READ ONLY"), {}, error)) {
        return false;
    }
    m_copy->transaction = true;
    if (!run(db, QStringLiteral("SET LOCAL DateStyle = 'ISO, YMD'"), {}, error)) {
        return false;
    }
    int count = 0;
    QString sql = numbered(statement.sql, &count);
    if (count != statement.binds.size()) {
        return false;
    }
    if (count > 0) {
        // The type PostgreSQL gives each placeholder where it stands.
        QStringList types;
        if (!run(db, QStringLiteral("PREPARE coursedesk_export_copy AS ") + sql, {}, error) ||
            !run(db,
                 QStringLiteral("SELECT p.t::regtype::text FROM pg_prepared_statements s, unnest(s.parameter_types) "
                                "WITH ORDINALITY AS p(t, n) WHERE s.name = 'coursedesk_export_copy' ORDER BY p.n"),
                 {}, error, &types) ||
            !run(db, QStringLiteral("DEALLOCATE coursedesk_export_copy"), {}, error) || types.size() != count) {
            return false;
        }
        for (int k = count; k >= 1; --k) { // $12 before $1
            const QString type = types.at(k - 1);
            if (type == QLatin1String("unknown") || type == QLatin1String("-")) {
                return false;
            }
            if (!run(db, QStringLiteral("SELECT set_config(?, ?, true)"),
                     {settingPrefix + QString::number(k), statement.binds.at(k - 1).toString()}, error)) {
                return false;
            }
            sql.replace(QStringLiteral("$%1").arg(k),
                        QStringLiteral("((SELECT current_setting('%1%2'))::%3)").arg(settingPrefix).arg(k).arg(type));
        }
    }
    if (!run(db, QStringLiteral("SELECT set_config(?, ?, true)"),
             {settingPrefix + QStringLiteral("zone"), storedZone(db)}, error)) {
        return false;
    }
    // Cells read COPY's text format: tab-separated, \N for NULL, backslash escapes, no quoting.
    const QByteArray copy = QStringLiteral("COPY (%1) TO STDOUT%2")
                                .arg(sql, shape == CopyShape::Csv ? QStringLiteral(" (FORMAT csv)") : QString())
                                .toUtf8();
    PGresult* result = PQexec(m_copy->conn, copy.constData());
    const bool started = PQresultStatus(result) == PGRES_COPY_OUT;
    if (!started) {
        *error = QString::fromUtf8(PQresultErrorMessage(result));
    }
    PQclear(result);
    m_copy->copying = started;
    return started;
}

bool TableExportSource::nextCsv(QByteArray* lines, qint64* rows, QString* error)
{
    lines->clear();
    *rows = 0;
    if (!m_copy || !m_copy->copying) {
        return true;
    }
    // A batch is a page of rows, as in next(): progress and Cancel come between batches.
    while (*rows < m_pageSize) {
        char* buffer = nullptr;
        const int length = PQgetCopyData(m_copy->conn, &buffer, 0);
        if (length > 0) {
            // One row per call, ending in '\n' (a newline inside a value is quoted, not last).
            lines->append(buffer, buffer[length - 1] == '\n' ? length - 1 : length);
            lines->append("\r\n", 2);
            ++*rows;
            PQfreemem(buffer);
            continue;
        }
        if (!finishCopy(length, error)) {
            lines->clear();
            return false;
        }
        break;
    }
    return true;
}

bool TableExportSource::nextCells(ExportCells* batch, QString* error)
{
    batch->clear();
    batch->columns = m_columns.size();
    if (!m_copy || !m_copy->copying) {
        return true;
    }
    batch->cells.reserve(qsizetype(m_pageSize) * batch->columns);
    while (batch->rows < m_pageSize) {
        char* buffer = nullptr;
        const int length = PQgetCopyData(m_copy->conn, &buffer, 0);
        if (length <= 0) {
            if (!finishCopy(length, error)) {
                batch->clear();
                return false;
            }
            break;
        }
        const bool parsed = parseCells(buffer, length, batch);
        PQfreemem(buffer);
        if (!parsed) {
            *error = QStringLiteral("Unexpected row %1 from the server's COPY").arg(batch->rows + 1);
            stopCopy();
            batch->clear();
            return false;
        }
        ++batch->rows;
    }
    return true;
}

bool TableExportSource::finishCopy(int length, QString* error)
{
    bool ok = length == -1;
    while (PGresult* result = PQgetResult(m_copy->conn)) {
        if (PQresultStatus(result) != PGRES_COMMAND_OK) {
            ok = false;
            *error = QString::fromUtf8(PQresultErrorMessage(result));
        }
        PQclear(result);
    }
    if (!ok && error->isEmpty()) {
        *error = QString::fromUtf8(PQerrorMessage(m_copy->conn));
    }
    m_copy->copying = false;
    stopCopy();
    return ok;
}

void TableExportSource::stopCopy()
{
    if (!m_copy) {
        return;
    }
    const QSqlDatabase db = m_connection.db();
    if (m_copy->copying) {
        // Cancelled or failed while rows were still coming: stop the server, then read what is
        // left in flight so the connection is usable again.
        if (db.isOpen()) {
            QueryCancel(db).cancel();
        }
        char* buffer = nullptr;
        while (PQgetCopyData(m_copy->conn, &buffer, 0) > 0) {
            PQfreemem(buffer);
        }
        while (PGresult* result = PQgetResult(m_copy->conn)) {
            PQclear(result);
        }
        m_copy->copying = false;
    }
    if (m_copy->transaction && db.isOpen()) {
        QString ignored;
        run(db, QStringLiteral("ROLLBACK"), {}, &ignored); // it only read
    }
    m_copy.reset();
}
