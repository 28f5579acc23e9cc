// WindowedTableModel: editing with QSqlTableModel::OnManualSubmit semantics. Edits are keyed by
// primary key, not by row number, so they survive re-sorting, filtering and page eviction.
#include "WindowedTableModel.h"

#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/CellFormat.h"
#include "money/Money.h"
#include "services/RowSnapshot.h"
#include "services/WriteService.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {
using K = ColumnSpec::Kind;

// The edit as stored in the model (EditRole), or an invalid QVariant if the value is not allowed.
std::optional<QVariant> normalised(const ColumnSpec& c, const QVariant& value)
{
    switch (c.kind) {
    case K::Money: {
        const auto minor = Money::parseMinor(value.toString());
        if (!minor || *minor > Money::maxColumnMinor || *minor < -Money::maxColumnMinor) {
            return std::nullopt;
        }
        return QVariant(Money::toDecimalString(*minor));
    }
    case K::Enum:
        // The platform's backend fails on any other value: Coursedesk never writes one.
        if (!PlatformValues::isKnown(c.enumKind, value.toString())) {
            return std::nullopt;
        }
        return QVariant(value.toString());
    case K::Timestamp:
        if (value.isNull()) {
            return QVariant();
        }
        if (!value.toDateTime().isValid()) {
            return std::nullopt;
        }
        return QVariant(value.toDateTime().toLocalTime());
    case K::Relation:
        if (value.isNull() || value.toString().isEmpty()) {
            return std::nullopt; // every foreign key of the platform is NOT NULL
        }
        return value;
    case K::Key:
    case K::Secret:
        return std::nullopt;
    default:
        return value;
    }
}
// Compares as the database would: a QDateTime from an editor against the loaded one, numbers
// against their text.
bool sameValue(const QVariant& a, const QVariant& b)
{
    if (a.isNull() || b.isNull()) {
        return a.isNull() == b.isNull();
    }
    if (a.metaType().id() == QMetaType::QDateTime || b.metaType().id() == QMetaType::QDateTime) {
        return a.toDateTime() == b.toDateTime();
    }
    return a.toString() == b.toString();
}
} // namespace

WindowedTableModel::Edit& WindowedTableModel::editFor(const WindowRow& row)
{
    Edit& edit = m_edits[keyString(row.key)];
    if (!edit.key.isValid()) {
        edit.key = row.key;
        edit.original = row.edit;
        for (const char* name : {"email", "order_number", "razorpay_payment_id"}) {
            const int c = spec().indexOf(QString::fromLatin1(name));
            if (c >= 0 && !row.display.at(c).isEmpty()) {
                edit.label = row.display.at(c);
                break;
            }
        }
        if (edit.label.isEmpty()) {
            edit.label = row.key.toString();
        }
    }
    return edit;
}

bool WindowedTableModel::setData(const QModelIndex& index, const QVariant& value, int role)
{
    if (!index.isValid() || !(flags(index) & Qt::ItemIsEditable)) {
        return false;
    }
    const WindowRow* row = rowAt(index.row());
    if (!row) {
        return false;
    }
    const int column = index.column();
    const ColumnSpec& c = spec().columns.at(column);
    Edit& edit = editFor(*row);
    if (role == RelationDisplayRole) {
        if (c.kind != K::Relation) {
            return false;
        }
        edit.relationDisplay.insert(column, value.toString());
        emit dataChanged(index, index, {Qt::DisplayRole});
        return true;
    }
    if (role != Qt::EditRole) {
        return false;
    }
    const auto stored = normalised(c, value);
    if (!stored) {
        if (edit.values.isEmpty() && !edit.deleted) {
            m_edits.remove(keyString(row->key));
        }
        return false;
    }
    if (sameValue(*stored, row->edit.at(column)) && !edit.values.contains(column)) {
        if (edit.values.isEmpty() && !edit.deleted) {
            m_edits.remove(keyString(row->key));
        }
        return true; // unchanged: an editor closed without a change marks nothing
    }
    edit.values.insert(column, *stored);
    if (c.kind == K::Relation && !edit.relationDisplay.contains(column)) {
        edit.relationDisplay.insert(column, QStringLiteral("#") + stored->toString());
    }
    emit dataChanged(index, index);
    return true;
}

QString WindowedTableModel::editedDisplay(const WindowRow& row, int column, const Edit& edit) const
{
    const ColumnSpec& c = spec().columns.at(column);
    const QVariant value = edit.values.value(column);
    if (value.isNull()) {
        return QString();
    }
    switch (c.kind) {
    case K::Money: {
        QString currency = row.currency.at(column);
        const int own = spec().indexOf(c.currencySource);
        if (own >= 0 && edit.values.contains(own)) {
            currency = edit.values.value(own).toString();
        }
        return Money::format(Money::parseMinor(value.toString()).value_or(0), currency);
    }
    case K::Timestamp:
        return CellFormat::timestamp(value.toDateTime());
    case K::Enum:
        return PlatformValues::label(c.enumKind, value.toString());
    case K::Relation:
        return edit.relationDisplay.value(column, QStringLiteral("#") + value.toString());
    default:
        return value.toString();
    }
}

bool WindowedTableModel::isDirty(const QModelIndex& index) const
{
    if (!index.isValid() || !isRowLoaded(index.row())) {
        return false;
    }
    const auto edit = m_edits.constFind(keyString(keyAt(index.row())));
    return edit != m_edits.constEnd() && (edit->deleted || edit->values.contains(index.column()));
}

bool WindowedTableModel::isDeletedRow(int row) const
{
    if (!isRowLoaded(row)) {
        return false;
    }
    const auto edit = m_edits.constFind(keyString(keyAt(row)));
    return edit != m_edits.constEnd() && edit->deleted;
}

bool WindowedTableModel::removeRows(int row, int count, const QModelIndex& parent)
{
    if (parent.isValid() || row < 0 || count <= 0 || row + count > m_rowCount) {
        return false;
    }
    for (int r = row; r < row + count; ++r) {
        if (!isRowLoaded(r)) {
            return false; // a placeholder has no key yet
        }
    }
    for (int r = row; r < row + count; ++r) {
        editFor(*rowAt(r)).deleted = true;
    }
    emit dataChanged(index(row, 0), index(row + count - 1, columnCount() - 1));
    return true;
}

QVariantList WindowedTableModel::pendingKeys() const
{
    QVariantList keys;
    for (const Edit& edit : std::as_const(m_edits)) {
        if (edit.deleted || !edit.values.isEmpty()) {
            keys << edit.key;
        }
    }
    return keys;
}

int WindowedTableModel::loadedRowOf(const QVariant& key) const
{
    const QString wanted = keyString(key);
    for (auto it = m_pages.constBegin(); it != m_pages.constEnd(); ++it) {
        for (int i = 0; i < it->rows.size(); ++i) {
            if (keyString(it->rows.at(i).key) == wanted) {
                return it.key() * pageSize + i;
            }
        }
    }
    return -1;
}

bool WindowedTableModel::submitAll(const QVariantList& overwrite)
{
    m_failure = SaveFailure();
    m_lastError.clear();
    if (pendingKeys().isEmpty()) {
        m_edits.clear();
        return true;
    }
    // Every pending change goes to the write service as one batch: one transaction that locks
    // each row, compares it with the values this page loaded (so nobody's change is overwritten
    // unseen, even one committed while this save waits for the row), applies the table's rules
    // and writes the audit rows.
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const SqlTime time = SqlTime::forConnection(db);
    QSet<QString> overwriting;
    for (const QVariant& key : overwrite) {
        overwriting.insert(keyString(key));
    }
    WriteBatch batch;
    QList<const Edit*> order;
    for (const Edit& edit : std::as_const(m_edits)) {
        if (!edit.deleted && edit.values.isEmpty()) {
            continue;
        }
        QHash<QString, QVariant> loaded;
        for (int c = 0; c < edit.original.size(); ++c) {
            const ColumnSpec& column = spec().columns.at(c);
            const QVariant& value = edit.original.at(c);
            // Rows hold timestamps as local QDateTimes; RowSnapshot reads them as stored.
            loaded.insert(column.name, column.kind == K::Timestamp && !value.isNull()
                                           ? QVariant(time.toDb(value.toDateTime()))
                                           : value);
        }
        const RowSnapshot snapshot = RowSnapshot::fromValues(spec(), edit.key, loaded, time);
        if (edit.deleted) {
            batch.remove(spec().table, edit.key, snapshot);
        } else {
            QHash<QString, QVariant> values;
            for (auto it = edit.values.cbegin(); it != edit.values.cend(); ++it) {
                values.insert(spec().columns.at(it.key()).name, it.value());
            }
            batch.update(spec().table, edit.key, values, snapshot, overwriting.contains(keyString(edit.key)));
        }
        order << &edit;
    }
    const WriteResult r = WriteService::apply(db, batch);
    if (!r.ok()) {
        const Edit* edit = order.value(r.index, nullptr);
        if (edit) {
            m_failure.row = loadedRowOf(edit->key);
            m_failure.rowLabel = edit->label;
            m_failure.key = edit->key;
        }
        m_failure.column = r.column.isEmpty() ? -1 : spec().indexOf(r.column);
        if (m_failure.column >= 0 && r.status != WriteResult::Status::Conflict) {
            m_failure.field = spec().columns.at(m_failure.column).header;
        }
        m_failure.connectionLost = r.connectionLost;
        m_failure.conflict = r.status == WriteResult::Status::Conflict;
        if (m_failure.conflict) {
            m_failure.message =
                tr("someone else changed this row since it was loaded (%1). Nothing was saved.")
                    .arg(RowSnapshot::describe(r.changes).replace(QLatin1Char('\n'), QStringLiteral("; ")));
        } else if (r.status == WriteResult::Status::Missing) {
            m_failure.message = tr("someone else deleted this row since it was loaded. Nothing was saved; "
                                   "Revert to drop your edits of it.");
        } else {
            m_failure.message = r.message;
        }
        m_lastError = m_failure.text();
        return false;
    }
    m_edits.clear();
    refresh(); // re-read what was written (and where the rows now sort), keeping the selection
    return true;
}

void WindowedTableModel::discardEdits(const QVariant& key)
{
    if (m_edits.remove(keyString(key)) == 0) {
        return;
    }
    m_failure = SaveFailure();
    refresh(); // the row is read again as the database holds it now
}

void WindowedTableModel::revertAll()
{
    m_failure = SaveFailure();
    if (m_edits.isEmpty()) {
        return;
    }
    m_edits.clear();
    if (m_rowCount > 0) {
        emit dataChanged(index(0, 0), index(m_rowCount - 1, columnCount() - 1));
    }
}
