#include "FindingsExport.h"

namespace FindingsExport {
std::unique_ptr<ExportSource> source(const QList<Finding>& findings)
{
    QList<ExportRow> rows;
    rows.reserve(findings.size());
    for (const Finding& f : findings) {
        rows.append({ExportValue::ofText(Finding::kindLabel(f.kind)), ExportValue::ofText(f.table),
                     ExportValue::ofText(f.rowId), ExportValue::ofText(f.description)});
    }
    using T = ExportColumn::Type;
    return std::make_unique<ListExportSource>(QList<ExportColumn>{{QStringLiteral("Finding"), T::Text},
                                                                  {QStringLiteral("Table"), T::Text},
                                                                  {QStringLiteral("Row"), T::Text},
                                                                  {QStringLiteral("Description"), T::Text}},
                                              rows);
}
} // namespace FindingsExport
