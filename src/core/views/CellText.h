#pragma once

#include "domain/TableSpec.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

#include <optional>

// Cells as text, the way a spreadsheet exchanges them: tab-separated lines (quoted like Excel
// when a value holds a tab, a newline or a quote), and a pasted cell's text turned back into the
// value its column stores.
namespace CellText {
QString toTsv(const QList<QStringList>& rows);
QList<QStringList> fromTsv(const QString& text);

struct Parsed
{
    QVariant value;          // raw value for WindowedTableModel::setData (relations: the key)
    QString relationDisplay; // relations: the text shown for the key
    QString error;           // why the text does not fit the column ("" when it does)
};
// `text` as shown or typed: money "5999.00" / "₹5,999.00", statuses by word or code ("Paid",
// "PAID"), times "2026-11-30 18:56" in local time, relations by the referenced row's display
// value (email, course name, order number), looked up with a bound query on `db`. Single-column
// rules (RowValidator: phone, pincode, email form) are checked too.
Parsed parse(const QSqlDatabase& db, const TableSpec& spec, const ColumnSpec& column, const QString& text);
} // namespace CellText
