#pragma once

#include "ExportConnection.h"
#include "ExportSource.h"
#include "models/windowed/WindowedQuery.h"

#include <QSqlQuery>

#include <memory>
#include <optional>

// The rows of a table page with its search, filters and sort (the same WindowedQuery the page's
// model runs, so the export holds exactly the rows the page shows), one batch in memory at a time.
// Relations come as names, money as minor units with the row's currency, times as instants.
// SQLite: keyset pages, each an index range. PostgreSQL: one forward-only query over all rows,
// which QPSQL reads in libpq's single-row mode (rows arrive as the server sends them; nothing is
// buffered beyond the batch), so the server plans it as one pass (sequential scan, hash joins, a
// sort) instead of thousands of index walks.
class TableExportSource : public ExportSource
{
public:
    static constexpr int pageSize = 5000;

    // `connection`: an open connection. With `clone` the source opens its own clone of it in
    // open() (for a worker thread) and closes it when destroyed. `columns`: spec column indices in
    // the order to write them (the page's visible columns); empty means every column.
    TableExportSource(QString connection, WindowedQuery query, QList<int> columns, bool clone);
    ~TableExportSource() override;

    // Rows per keyset page (tests use small pages to cross page boundaries).
    void setPageSize(int rows) { m_pageSize = rows; }

    bool open(QString* error) override;
    QList<ExportColumn> columns() const override { return m_columns; }
    bool next(QList<ExportRow>* rows, QString* error) override;
    // PostgreSQL, CSV: the server formats the rows and COPY sends them (TableExportCopy.cpp), when
    // it can format every column exactly as next() + CsvExportWriter would.
    bool copiesCsv(const ExportOptions& options) override;
    bool nextCsv(QByteArray* lines, qint64* rows, QString* error) override;
    // PostgreSQL, XLSX: the same values from a COPY in its text format, parsed into typed cells
    // (TableExportCells.cpp), under the same conditions as copiesCsv().
    bool copiesCells(const ExportOptions& options) override;
    bool nextCells(ExportCells* batch, QString* error) override;
    // Off: always next(), for CSV and XLSX (tests compare both ways).
    void setServerCopy(bool on) { m_serverCopy = on; }

    // The page's visible columns by name ("order_number,user_id"); unknown names are an error.
    static std::optional<QList<int>> columnsByName(const TableSpec& spec, const QStringList& names, QString* error);

private:
    bool nextPage(QList<ExportRow>* rows, QString* error);
    bool nextStreamed(QList<ExportRow>* rows, QString* error);
    ExportRow convert(const WindowRow& row) const;
    // Stops a streaming query the export no longer reads (cancelled or failed), so that closing it
    // does not drain the rows left.
    void stopStream();
    // What the COPY's SELECT list is shaped for: CSV lines as the client writes them, or values
    // for typed cells (money with its currency, times with their fractions of a second).
    enum class CopyShape { Csv, Cells };
    // The COPY's SELECT list, or empty when a column cannot be formatted by the server exactly.
    QStringList copyFields(const ExportOptions& options, CopyShape shape) const;
    bool startCopy(const QStringList& fields, CopyShape shape, QString* error);
    bool startsCopy(const ExportOptions& options, CopyShape shape);
    // After PQgetCopyData returned `length` <= 0: reads the COPY's result and ends the transaction.
    bool finishCopy(int length, QString* error);
    bool parseCells(const char* row, int length, ExportCells* batch) const;
    void stopCopy();
    struct Copy;

    struct Output
    {
        int column = -1;       // spec column
        bool currency = false; // the currency of the money column `column`
    };
    ExportConnection m_connection;
    bool m_done = false;
    WindowedQuery m_query;
    QList<Output> m_outputs;
    QList<ExportColumn> m_columns;
    std::optional<KeysetBoundary> m_after;
    int m_pageSize = pageSize;
    std::unique_ptr<QSqlQuery> m_stream; // PostgreSQL: the query being read
    bool m_serverCopy = true;
    std::shared_ptr<Copy> m_copy; // PostgreSQL: the COPY being read
};
