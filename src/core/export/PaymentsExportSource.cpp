#include "PaymentsExportSource.h"

#include "domain/PlatformValues.h"

PaymentsExportSource::PaymentsExportSource(QString connection, PaymentsFilter filter, int sortColumn,
                                           Qt::SortOrder order, bool clone)
    : m_connection(std::move(connection), clone), m_filter(std::move(filter)), m_sortColumn(sortColumn), m_order(order)
{
}

bool PaymentsExportSource::open(QString* error)
{
    if (!m_connection.open(error)) {
        return false;
    }
    return true;
}

QList<ExportColumn> PaymentsExportSource::columns() const
{
    using T = ExportColumn::Type;
    return {{QStringLiteral("ID"), T::Integer},         {QStringLiteral("Order"), T::Text},
            {QStringLiteral("User"), T::Text},          {QStringLiteral("Course"), T::Text},
            {QStringLiteral("Amount"), T::Money},       {QStringLiteral("Currency"), T::Text},
            {QStringLiteral("Status"), T::Text},        {QStringLiteral("Method"), T::Text},
            {QStringLiteral("Paid at"), T::Time},       {QStringLiteral("Razorpay payment"), T::Text},
            {QStringLiteral("Razorpay order"), T::Text}};
}

bool PaymentsExportSource::next(QList<ExportRow>* rows, QString* error)
{
    rows->clear();
    if (m_done) {
        return true;
    }
    const PaymentsQuery query(m_connection.db());
    const auto page = query.page(m_filter, m_sortColumn, m_order, m_offset, pageSize, error);
    if (!page) {
        return false;
    }
    auto text = [](const QString& t) { return t.isEmpty() ? ExportValue::null() : ExportValue::ofText(t); };
    for (const PaymentRow& p : *page) {
        rows->append({ExportValue::ofInteger(p.id), text(p.orderNumber), text(p.email), text(p.courseName),
                      ExportValue::ofMoney(p.amountMinor, p.currency), text(p.currency),
                      text(PlatformValues::label(PlatformValues::Kind::PaymentStatus, p.status)), text(p.method),
                      p.paidAt.isValid() ? ExportValue::ofTime(p.paidAt) : ExportValue::null(),
                      text(p.razorpayPaymentId), text(p.razorpayOrderId)});
    }
    m_offset += page->size();
    m_done = page->size() < pageSize;
    return true;
}
