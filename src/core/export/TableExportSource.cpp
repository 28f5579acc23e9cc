#include "TableExportSource.h"

#include "db/Database.h"
#include "db/SqlTime.h"
#include "models/windowed/WindowFetcher.h"
#include "money/Money.h"
#include "reports/QueryCancel.h"

#include <QSqlError>
#include <QSqlQuery>

using K = ColumnSpec::Kind;

TableExportSource::TableExportSource(QString connection, WindowedQuery query, QList<int> columns, bool clone)
    : m_connection(std::move(connection), clone), m_query(std::move(query))
{
    const TableSpec& spec = m_query.spec();
    if (columns.isEmpty()) {
        for (int i = 0; i < spec.columns.size(); ++i) {
            columns << i;
        }
    }
    for (int i : std::as_const(columns)) {
        if (i < 0 || i >= spec.columns.size() || spec.columns.at(i).kind == K::Secret) {
            continue; // the password hash is never exported
        }
        const ColumnSpec& c = spec.columns.at(i);
        m_outputs.append({i, false});
        ExportColumn column{c.header, ExportColumn::Type::Text};
        if (c.kind == K::Money) {
            column.type = ExportColumn::Type::Money;
        } else if (c.kind == K::Timestamp) {
            column.type = ExportColumn::Type::Time;
        } else if (c.kind == K::Key && spec.keyIsGenerated) {
            column.type = ExportColumn::Type::Integer;
        }
        m_columns.append(column);
        // Money is written as a plain decimal: its currency must be in the file too. Orders have a
        // currency column of their own; when it is not exported (or the currency comes from the
        // order, as for payments) a column is added right after the amount.
        if (c.kind == K::Money) {
            const int own = c.currencySource.contains(QLatin1Char('.')) ? -1 : spec.indexOf(c.currencySource);
            if (own < 0 || !columns.contains(own)) {
                m_outputs.append({i, true});
                m_columns.append({c.header + QStringLiteral(" currency"), ExportColumn::Type::Text});
            }
        }
    }
}

TableExportSource::~TableExportSource()
{
    stopStream();
    stopCopy();
}

std::optional<QList<int>> TableExportSource::columnsByName(const TableSpec& spec, const QStringList& names,
                                                           QString* error)
{
    QList<int> out;
    for (const QString& raw : names) {
        const QString name = raw.trimmed();
        if (name.isEmpty()) {
            continue;
        }
        int index = spec.indexOf(name);
        if (index < 0) {
            // Headers work too ("Order number"), case-insensitive.
            for (int i = 0; i < spec.columns.size(); ++i) {
                if (spec.columns.at(i).header.compare(name, Qt::CaseInsensitive) == 0) {
                    index = i;
                }
            }
        }
        if (index < 0 || spec.columns.at(index).kind == K::Secret) {
            QStringList known;
            for (const ColumnSpec& c : spec.columns) {
                if (c.kind != K::Secret) {
                    known << c.name;
                }
            }
            *error = QStringLiteral("The %1 page has no column \"%2\" (columns: %3)")
                         .arg(spec.pageId, name, known.join(QStringLiteral(", ")));
            return std::nullopt;
        }
        out << index;
    }
    return out;
}

bool TableExportSource::open(QString* error)
{
    if (!m_connection.open(error)) {
        return false;
    }
    return true;
}

bool TableExportSource::next(QList<ExportRow>* rows, QString* error)
{
    rows->clear();
    if (m_done) {
        return true;
    }
    const QSqlDatabase db = m_connection.db();
    return Database::isPostgres(db) ? nextStreamed(rows, error) : nextPage(rows, error);
}

bool TableExportSource::nextPage(QList<ExportRow>* rows, QString* error)
{
    const QSqlDatabase db = m_connection.db();
    const SqlTime time = SqlTime::forConnection(db);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!WindowFetcher::exec(query, m_query.page(WindowedQuery::Direction::Forward, m_after, 0, m_pageSize))) {
        *error = query.lastError().text();
        return false;
    }
    rows->reserve(m_pageSize);
    while (query.next()) {
        const WindowRow row = m_query.decode(query, time, true);
        rows->append(convert(row));
        m_after = row.boundary;
    }
    if (rows->size() < m_pageSize) {
        m_done = true;
    }
    return true;
}

bool TableExportSource::nextStreamed(QList<ExportRow>* rows, QString* error)
{
    const QSqlDatabase db = m_connection.db();
    if (!m_stream) {
        m_stream = std::make_unique<QSqlQuery>(db);
        // Forward-only: QPSQL sends the query with PQsendQuery and single-row mode.
        if (!WindowFetcher::exec(*m_stream, m_query.all(WindowedQuery::Direction::Forward))) {
            *error = m_stream->lastError().text();
            m_stream.reset();
            return false;
        }
    }
    const SqlTime time = SqlTime::forConnection(db);
    rows->reserve(m_pageSize);
    while (rows->size() < m_pageSize) {
        if (!m_stream->next()) {
            if (m_stream->lastError().isValid()) {
                *error = m_stream->lastError().text();
                stopStream();
                return false;
            }
            m_done = true;
            m_stream.reset();
            break;
        }
        rows->append(convert(m_query.decode(*m_stream, time, true)));
    }
    return true;
}

void TableExportSource::stopStream()
{
    if (!m_stream) {
        return;
    }
    const QSqlDatabase db = m_connection.db();
    if (m_stream->isActive() && db.isOpen()) {
        QueryCancel(db).cancel();
    }
    m_stream.reset();
}

ExportRow TableExportSource::convert(const WindowRow& row) const
{
    const TableSpec& spec = m_query.spec();
    ExportRow out;
    out.reserve(m_outputs.size());
    for (const Output& o : std::as_const(m_outputs)) {
        const ColumnSpec& c = spec.columns.at(o.column);
        const QVariant& edit = row.edit.at(o.column);
        if (o.currency) {
            out.append(edit.isNull() ? ExportValue::null() : ExportValue::ofText(row.currency.at(o.column)));
            continue;
        }
        if (edit.isNull()) {
            out.append(ExportValue::null());
            continue;
        }
        switch (c.kind) {
        case K::Money: {
            // decode() gives the exact decimal text of DECIMAL(10,2); back to minor units.
            const auto minor = Money::parseMinor(edit.toString());
            out.append(minor ? ExportValue::ofMoney(*minor, row.currency.at(o.column))
                             : ExportValue::ofText(edit.toString()));
            break;
        }
        case K::Timestamp:
            out.append(ExportValue::ofTime(edit.toDateTime()));
            break;
        case K::Key:
            out.append(spec.keyIsGenerated ? ExportValue::ofInteger(edit.toLongLong())
                                           : ExportValue::ofText(edit.toString()));
            break;
        default:
            out.append(ExportValue::ofText(row.display.at(o.column)));
            break;
        }
    }
    return out;
}
