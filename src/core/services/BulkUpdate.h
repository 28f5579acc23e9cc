#pragma once

#include "domain/TableSpec.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

// Setting one field on many rows at once (the table pages' "Set field…"): every row is validated
// with the same rules as a form, checked against the row as it was loaded (someone else's change
// is a conflict, never overwritten), written with updated_at and one audit row each, all in one
// transaction. One refused row writes nothing and the message names it.
namespace BulkUpdate {

struct Row
{
    QVariant key;
    QHash<QString, QVariant> loaded; // the row as the page loaded it (WindowedTableModel::loadedValues)
    QString label;                   // how messages name it: "asha@x.in", "ORD1732…"
};

struct Result
{
    bool ok = false;
    int changed = 0;    // rows written (rows already holding the value are left alone)
    QVariant failedKey; // the row at fault
    QString message;    // the failure naming the row, or a summary
    bool conflict = false;
};

// Columns a bulk edit may set: editable, not keys or timestamps the platform stamps, and not the
// ones workflows own (order, payment and enrollment statuses: a refund or a payment sets them
// together with other rows), nor relations (picked per row in the form).
bool isBulkEditable(const TableSpec& spec, const QString& column);

// `value`: the raw value (money as decimal text, enums as the platform's code, timestamps as a
// QDateTime instant or the stored-zone text).
Result setField(const QSqlDatabase& db, const TableSpec& spec, const QList<Row>& rows, const QString& column,
                const QVariant& value);

} // namespace BulkUpdate
