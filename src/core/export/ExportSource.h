#pragma once

#include "ExportTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

// Where an export's rows come from: a table page's query, the payments review's filter, or rows a
// page already holds in full (reconciliation findings). A source is used on one thread only (the
// export's worker), so it opens its own database connection there in open().
class ExportSource
{
public:
    virtual ~ExportSource() = default;
    virtual bool open(QString* error) = 0;
    virtual QList<ExportColumn> columns() const = 0;
    // The next batch of rows (bounded: one page). Empty with no error: the end.
    virtual bool next(QList<ExportRow>* rows, QString* error) = 0;

    // CSV only: a source that can have the database write the rows' CSV lines (PostgreSQL's COPY),
    // byte for byte what CsvExportWriter makes of next()'s values, says so here after open(); the
    // export then reads nextCsv() instead of next().
    virtual bool copiesCsv(const ExportOptions& options)
    {
        Q_UNUSED(options);
        return false;
    }
    // The next batch of CSV lines (CRLF after each row), `rows` of them. Empty with no error: the end.
    virtual bool nextCsv(QByteArray* lines, qint64* rows, QString* error)
    {
        Q_UNUSED(lines);
        Q_UNUSED(rows);
        *error = QStringLiteral("This export cannot be copied as CSV");
        return false;
    }
};
