#pragma once

#include "ExportConnection.h"
#include "ExportSource.h"
#include "history/HistoryQuery.h"

// The History page's rows for its filter (table, row, who, period): every matching change, newest
// first, one line per changed column as the page shows them (values in words: names instead of
// keys, money in its currency, local times). Unlike the page, each line repeats its audit row's
// when / who / action / table / row / reason, so that a spreadsheet can sort and filter it.
class HistoryExportSource : public ExportSource
{
public:
    static constexpr int pageSize = 1000; // audit rows per read (keyset on id)

    // `connection`: an open connection; with `clone` the source opens its own in open() (a worker
    // thread) and closes it when destroyed.
    HistoryExportSource(QString connection, HistoryFilter filter, bool clone);

    bool open(QString* error) override;
    QList<ExportColumn> columns() const override;
    bool next(QList<ExportRow>* rows, QString* error) override;

private:
    ExportConnection m_connection;
    HistoryFilter m_filter;
    qint64 m_beforeId = 0;
    bool m_done = false;
};
