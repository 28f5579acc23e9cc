#include "BulkUpdate.h"

#include "AuditLog.h"
#include "RowSnapshot.h"
#include "RowWriter.h"
#include "ServiceSql.h"
#include "db/SqlTime.h"
#include "models/SqlErrorTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

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

QJsonValue jsonValue(const QVariant& raw, const QString& normal)
{
    return raw.isNull() ? QJsonValue() : QJsonValue(normal);
}

// The write itself, in one place: when the write service's Batch API lands this is the one
// function that moves onto it.
bool writeRow(const QSqlDatabase& db, const TableSpec& spec, const QVariant& key, const QString& column,
              const QVariant& bound, QSqlError* error)
{
    return ServiceSql::exec(
        db, QStringLiteral("UPDATE %1 SET %2 = ?, updated_at = ? WHERE %3 = ?").arg(spec.table, column, spec.key),
        {bound, ServiceSql::now(db), key}, error);
}
} // namespace

namespace BulkUpdate {

bool isBulkEditable(const TableSpec& spec, const QString& column)
{
    const ColumnSpec* c = spec.column(column);
    if (!c || !c->editable || c->kind == K::Key || c->kind == K::Secret || c->kind == K::Relation ||
        column == spec.key || column == QLatin1String("created_at") || column == QLatin1String("updated_at")) {
        return false;
    }
    const bool workflowStatus = c->kind == K::Enum && column == QLatin1String("status") &&
                                (spec.table == QLatin1String("orders") || spec.table == QLatin1String("payments") ||
                                 spec.table == QLatin1String("enrollments"));
    // Completing an enrollment (and its date) is the Complete workflow's; a payment's money and
    // date come from the gateway.
    const bool workflowField =
        (spec.table == QLatin1String("enrollments") && column == QLatin1String("completion_date")) ||
        (spec.table == QLatin1String("payments") && column != QLatin1String("payment_method")) ||
        (spec.table == QLatin1String("orders") &&
         (column == QLatin1String("amount") || column == QLatin1String("currency") ||
          column == QLatin1String("order_number") || column == QLatin1String("razorpay_order_id")));
    return !workflowStatus && !workflowField;
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
    // What is bound: money as decimal text, timestamps in the stored zone, text trimmed.
    QVariant bound = value;
    if (c->kind == K::Timestamp && value.metaType().id() == QMetaType::QDateTime) {
        bound = time.toDb(value.toDateTime());
    } else if (!value.isNull()) {
        bound = value.toString().trimmed();
    }
    if (!value.isNull() && bound.toString().isEmpty()) {
        bound = QVariant(QMetaType::fromType<QString>());
    }
    const QString after = RowSnapshot::normalize(*c, bound, time);

    ServiceSql::Transaction tx(db);
    if (!tx.isActive()) {
        return failure(nullptr, QStringLiteral("Could not start a transaction: ") + tx.error());
    }
    int changed = 0;
    for (const Row& row : rows) {
        QString readError;
        const RowSnapshot now = RowSnapshot::load(db, spec, row.key, true, &readError);
        if (!readError.isEmpty()) {
            return failure(&row, readError);
        }
        if (!now.exists()) {
            return failure(&row,
                           QStringLiteral("someone else deleted this row since it was loaded. Nothing was "
                                          "changed; reload and select again."),
                           true);
        }
        const RowSnapshot loaded = RowSnapshot::fromValues(spec, row.key, row.loaded, time);
        if (const auto changes = loaded.changesTo(now); !changes.isEmpty()) {
            return failure(&row,
                           QStringLiteral("someone else changed this row since it was loaded (%1). Nothing was "
                                          "changed; reload to see their change.")
                               .arg(RowSnapshot::describe(changes).replace(QLatin1Char('\n'), QStringLiteral("; "))),
                           true);
        }
        if (now.value(column) == after) {
            continue; // already holds the value: nothing to write or log
        }
        QHash<QString, QVariant> whole = now.values();
        whole.insert(column, bound);
        const auto violations = RowWriter::validate(db, spec, row.key, whole, {column});
        if (!violations.isEmpty()) {
            return failure(&row, violations.first().message);
        }
        QSqlError error;
        if (!writeRow(db, spec, row.key, column, bound, &error)) {
            const auto t =
                SqlErrorTranslator::translate(db, spec, error, whole, SqlErrorTranslator::Operation::Update, row.key);
            return failure(&row, t.message);
        }
        const QJsonObject change{
            {QStringLiteral("column"), column},
            {QStringLiteral("before"), now.value(column).isEmpty() ? QJsonValue() : QJsonValue(now.value(column))},
            {QStringLiteral("after"), jsonValue(bound, after)}};
        const QString details = QString::fromUtf8(
            QJsonDocument(QJsonObject{{QStringLiteral("changes"), QJsonArray{change}}}).toJson(QJsonDocument::Compact));
        if (!AuditLog::record(db, QStringLiteral("update"), spec.table, row.key, QString(), details)) {
            return failure(&row, QStringLiteral("the audit log could not be written; nothing was changed"));
        }
        ++changed;
    }
    if (!tx.commit()) {
        return failure(nullptr, QStringLiteral("Could not commit: ") + tx.error());
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
