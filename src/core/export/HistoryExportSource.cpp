#include "HistoryExportSource.h"

#include "history/HistoryText.h"

HistoryExportSource::HistoryExportSource(QString connection, HistoryFilter filter, bool clone)
    : m_connection(std::move(connection), clone), m_filter(std::move(filter))
{
}

bool HistoryExportSource::open(QString* error)
{
    if (!m_connection.open(error)) {
        return false;
    }
    if (!HistoryQuery::available(m_connection.db())) {
        *error = HistoryQuery::offText();
        return false;
    }
    return true;
}

QList<ExportColumn> HistoryExportSource::columns() const
{
    using T = ExportColumn::Type;
    return {
        {QStringLiteral("When"), T::Time},   {QStringLiteral("Who"), T::Text},   {QStringLiteral("Action"), T::Text},
        {QStringLiteral("Table"), T::Text},  {QStringLiteral("Row"), T::Text},   {QStringLiteral("Field"), T::Text},
        {QStringLiteral("Before"), T::Text}, {QStringLiteral("After"), T::Text}, {QStringLiteral("Reason"), T::Text}};
}

bool HistoryExportSource::next(QList<ExportRow>* rows, QString* error)
{
    rows->clear();
    if (m_done) {
        return true;
    }
    const QSqlDatabase db = m_connection.db();
    QString readError;
    const QList<AuditEntry> page = HistoryQuery::fetch(db, m_filter, m_beforeId, pageSize, &readError);
    if (!readError.isEmpty()) {
        *error = readError;
        return false;
    }
    m_done = page.size() < pageSize;
    if (!page.isEmpty()) {
        m_beforeId = page.last().id;
    }
    HistoryText text(db);
    text.prefetch(page);
    auto cell = [](const QString& t) { return t.isEmpty() ? ExportValue::null() : ExportValue::ofText(t); };
    for (const AuditEntry& e : page) {
        const ExportRow facts = {e.occurredAt.isValid() ? ExportValue::ofTime(e.occurredAt) : ExportValue::null(),
                                 cell(e.actor), cell(HistoryText::actionLabel(e.action)),
                                 cell(HistoryText::tableTitle(e.table)), cell(e.rowKey)};
        if (e.changes.isEmpty()) {
            // A row without column changes (older free-text details): its details as they are.
            rows->append(facts + ExportRow{ExportValue::null(), ExportValue::null(), cell(e.details), cell(e.reason)});
            continue;
        }
        for (const AuditChange& change : e.changes) {
            QString before;
            QString after;
            if (!change.hasValues()) {
                after = change.note;
            } else {
                if (e.action != QLatin1String("insert")) {
                    before = text.value(e, change.column, change.before);
                }
                if (e.action != QLatin1String("delete")) {
                    after = text.value(e, change.column, change.after);
                }
            }
            rows->append(facts + ExportRow{cell(HistoryText::header(e.table, change.column)), cell(before), cell(after),
                                           cell(e.reason)});
        }
    }
    return true;
}
