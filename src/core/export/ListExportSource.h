#pragma once

#include "ExportSource.h"

// Rows a page already holds in full (reconciliation findings, a history list): written in one
// batch. Only for lists that are small by nature; tables go through TableExportSource.
class ListExportSource : public ExportSource
{
public:
    ListExportSource(QList<ExportColumn> columns, QList<ExportRow> rows)
        : m_columns(std::move(columns)), m_rows(std::move(rows))
    {
    }
    bool open(QString*) override { return true; }
    QList<ExportColumn> columns() const override { return m_columns; }
    bool next(QList<ExportRow>* rows, QString*) override
    {
        rows->clear();
        if (!m_done) {
            *rows = std::move(m_rows);
            m_done = true;
        }
        return true;
    }

private:
    QList<ExportColumn> m_columns;
    QList<ExportRow> m_rows;
    bool m_done = false;
};
