#pragma once

#include "ExportTypes.h"

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
};
