#include "BulkUpdate.h"

#include "RowSnapshot.h"
#include "WriteService.h"
#include "db/SqlTime.h"

namespace {
using K = ColumnSpec::Kind;

BulkUpdate::Result failure(const BulkUpdate::Row* row, const QString& message, bool conflict = false)
{
    BulkUpdate::Result r;
    r.failedKey = row ? row->key : QVariant();
    r.message = row ? QStringLiteral("%1: %2").arg(row->label, message) : message;
    r.conflict = conflict;
    return r;
}
} // namespace

namespace BulkUpdate {

bool isBulkEditable(const TableSpec& spec, const QString& column)
{
    const ColumnSpec* c = spec.column(column);
    // Relations are picked per row in the form (a type-ahead); workflow-owned columns (order,
    // payment and enrollment statuses, amounts) change only with their workflow.
    return c && c->editable && c->kind != K::Key && c->kind != K::Secret && c->kind != K::Relation &&
           column != spec.key && !c->isStamp() && !c->isWorkflowOwned();
}

Result setField(const QSqlDatabase& db, const TableSpec& spec, const QList<Row>& rows, const QString& column,
                const QVariant& value)
{
    const ColumnSpec* c = spec.column(column);
    if (!c || !isBulkEditable(spec, column)) {
        return failure(nullptr, QStringLiteral("%1 cannot be set on many rows at once").arg(c ? c->header : column));
    }
    if (rows.isEmpty()) {
        return failure(nullptr, QStringLiteral("No rows are selected"));
    }
    const SqlTime time = SqlTime::forConnection(db);
    QVariant bound = value;
    if (c->kind == K::Timestamp && value.metaType().id() == QMetaType::QDateTime) {
        bound = time.toDb(value.toDateTime());
    } else if (!value.isNull()) {
        const QString text = value.toString().trimmed();
        bound = text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
    }
    const QString after = RowSnapshot::normalize(*c, bound, time);

    // One batch, one transaction: the write service locks each row, compares it with the row as
    // the page loaded it (a change by someone else is a conflict), applies the table's rules,
    // writes, stamps updated_at and audits; the first failure rolls every row back.
    WriteBatch batch;
    int changed = 0;
    for (const Row& row : rows) {
        const RowSnapshot loaded = RowSnapshot::fromValues(spec, row.key, row.loaded, time);
        batch.update(spec.table, row.key, {{column, bound}}, loaded);
        if (loaded.value(column) != after) {
            ++changed;
        }
    }
    const WriteResult result = WriteService::apply(db, batch);
    if (!result.ok()) {
        const Row* row = result.index >= 0 && result.index < rows.size() ? &rows.at(result.index) : nullptr;
        QString message = result.message;
        if (result.status == WriteResult::Status::Conflict) {
            message = QStringLiteral("someone else changed this row since it was loaded (%1). Nothing was changed; "
                                     "reload to see their change.")
                          .arg(RowSnapshot::describe(result.changes).replace(QLatin1Char('\n'), QStringLiteral("; ")));
        } else if (result.status == WriteResult::Status::Missing) {
            message = QStringLiteral("someone else deleted this row since it was loaded. Nothing was changed.");
        } else {
            message += QStringLiteral(". Nothing was changed.");
        }
        return failure(row, message,
                       result.status == WriteResult::Status::Conflict || result.status == WriteResult::Status::Missing);
    }
    Result r;
    r.ok = true;
    r.changed = changed;
    r.message = changed == rows.size() ? QStringLiteral("%1 set on %2 rows").arg(c->header).arg(changed)
                                       : QStringLiteral("%1 set on %2 of %3 rows (the others held that value already)")
                                             .arg(c->header)
                                             .arg(changed)
                                             .arg(rows.size());
    return r;
}

} // namespace BulkUpdate
