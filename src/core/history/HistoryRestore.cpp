#include "HistoryRestore.h"

#include "HistoryText.h"
#include "models/TableSpec.h"

namespace HistoryRestore {

namespace {
const ColumnSpec* columnOf(const AuditEntry& entry, const AuditChange& change)
{
    const TableSpec* spec = TableSpec::forTable(entry.table);
    return spec ? spec->column(change.column) : nullptr;
}
} // namespace

bool restorable(const AuditEntry& entry, const AuditChange& change)
{
    const ColumnSpec* c = columnOf(entry, change);
    // Only a plain edit is undone here: an insert or delete has no field to go back to, and what a
    // workflow changed (a refund's status, a suspension) is reversed by a workflow, never by
    // writing the old value over it. Keys, the password hash and the platform's own timestamps
    // are never written from here.
    return c && change.hasValues() && entry.action == QLatin1String("update") && c->kind != ColumnSpec::Kind::Key &&
           c->kind != ColumnSpec::Kind::Secret && c->name != QLatin1String("created_at") &&
           c->name != QLatin1String("updated_at");
}

QString reason(const AuditEntry& entry, const AuditChange& change)
{
    return QStringLiteral("Restored value of %1 from change #%2").arg(change.column).arg(entry.id);
}

Check check(const QSqlDatabase& db, const AuditEntry& entry, const AuditChange& change)
{
    Check result;
    const QString header = HistoryText::header(entry.table, change.column);
    if (!restorable(entry, change)) {
        result.message = QStringLiteral("%1 cannot be restored from this change.").arg(header);
        return result;
    }
    const TableSpec* spec = TableSpec::forTable(entry.table);
    QString error;
    result.loaded = RowSnapshot::load(db, *spec, entry.rowKey, false, &error);
    if (!error.isEmpty()) {
        result.message = QStringLiteral("Could not read the row: %1").arg(error);
        return result;
    }
    if (!result.loaded.exists()) {
        result.message = QStringLiteral("%1 %2 no longer exists.").arg(spec->title, entry.rowKey);
        return result;
    }
    result.current = result.loaded.value(change.column);
    const QString before = change.before.isNull() ? QString() : change.before.toString();
    const QString after = change.after.isNull() ? QString() : change.after.toString();
    if (result.current == before) {
        result.message = QStringLiteral("%1 already holds this value.").arg(header);
        return result;
    }
    result.changedSince = result.current != after;
    result.possible = true;
    return result;
}

RowWriter::Result restore(const QSqlDatabase& db, const AuditEntry& entry, const AuditChange& change,
                          const Check& checked)
{
    const TableSpec* spec = TableSpec::forTable(entry.table);
    const ColumnSpec* c = columnOf(entry, change);
    if (!spec || !c || !checked.possible) {
        RowWriter::Result r;
        r.message = checked.message;
        return r;
    }
    QVariant value = change.before.isNull() ? QVariant(QMetaType::fromType<QString>()) : change.before;
    if (c->kind == ColumnSpec::Kind::Timestamp && !change.before.isNull()) {
        // The log keeps UTC instants; the column takes the stored zone's wall clock.
        value = SqlTime::forConnection(db).toDb(QDateTime::fromString(change.before.toString(), Qt::ISODateWithMs));
    }
    return RowWriter::update(db, *spec, checked.loaded, {{change.column, value}}, false, {}, reason(entry, change));
}

} // namespace HistoryRestore
