#pragma once

#include "ExportConnection.h"
#include "ExportSource.h"
#include "reports/PaymentsQuery.h"

#include <QSqlDatabase>

// The payments review's rows for its filter and sort, read with the review's own PaymentsQuery in
// pages (its OFFSET paging: the review sorts by expressions over a four-table join). The signature
// column needs the Razorpay key secret, which an export does not hold: it is left out.
class PaymentsExportSource : public ExportSource
{
public:
    static constexpr int pageSize = 5000;
    PaymentsExportSource(QString connection, PaymentsFilter filter, int sortColumn, Qt::SortOrder order, bool clone);
    bool open(QString* error) override;
    QList<ExportColumn> columns() const override;
    bool next(QList<ExportRow>* rows, QString* error) override;

private:
    ExportConnection m_connection;
    PaymentsFilter m_filter;
    int m_sortColumn = PaymentsQuery::Id;
    Qt::SortOrder m_order = Qt::DescendingOrder;
    qint64 m_offset = 0;
    bool m_done = false;
};
