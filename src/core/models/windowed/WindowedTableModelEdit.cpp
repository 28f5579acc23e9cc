// WindowedTableModel: editing with QSqlTableModel::OnManualSubmit semantics. Edits are keyed by
// primary key, not by row number, so they survive re-sorting, filtering and page eviction.
#include "WindowedTableModel.h"

#include "db/Database.h"
#include "db/SqlTime.h"
#include "money/Money.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {
using K = ColumnSpec::Kind;

QString quoted(const QString& identifier)
{
    return QLatin1Char('"') + identifier + QLatin1Char('"');
}

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
} // namespace

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
    Edit& edit = m_edits[keyString(row->key)];
    edit.key = row->key;
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
        if (edit.values.isEmpty()) {
            m_edits.remove(keyString(row->key));
        }
        return false;
    }
    if (*stored == row->edit.at(column) && !edit.values.contains(column)) {
        if (edit.values.isEmpty()) {
            m_edits.remove(keyString(row->key));
        }
        return true; // unchanged
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
        return WindowedQuery::formatTimestamp(value.toDateTime());
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
    return edit != m_edits.constEnd() && edit->values.contains(index.column());
}

bool WindowedTableModel::submitAll()
{
    if (m_edits.isEmpty()) {
        return true;
    }
    QSqlDatabase db = QSqlDatabase::database(m_connection, false);
    const SqlTime time = SqlTime::forConnection(db);
    const bool hasUpdatedAt = spec().indexOf(QStringLiteral("updated_at")) >= 0;
    if (!db.transaction()) {
        m_lastError = db.lastError().text();
        return false;
    }
    for (const Edit& edit : std::as_const(m_edits)) {
        if (edit.values.isEmpty()) {
            continue;
        }
        QList<int> columns = edit.values.keys();
        std::sort(columns.begin(), columns.end());
        QStringList sets;
        QVariantList binds;
        for (int column : columns) {
            const ColumnSpec& c = spec().columns.at(column);
            const QVariant value = edit.values.value(column);
            sets << quoted(c.name) + QStringLiteral(" = ?");
            if (value.isNull()) {
                binds << QVariant(QMetaType::fromType<QString>());
            } else if (c.kind == K::Timestamp) {
                binds << time.toDb(value.toDateTime());
            } else {
                binds << value;
            }
        }
        if (hasUpdatedAt) {
            // The platform has no trigger: whoever updates a row sets updated_at.
            sets << QStringLiteral("\"updated_at\" = ?");
            binds << time.nowForDb();
        }
        QSqlQuery query(db);
        query.prepare(QStringLiteral("UPDATE %1 SET %2 WHERE %3 = ?")
                          .arg(quoted(spec().table), sets.join(QStringLiteral(", ")), quoted(spec().key)));
        for (const QVariant& value : std::as_const(binds)) {
            query.addBindValue(value);
        }
        query.addBindValue(edit.key);
        if (!query.exec() || query.numRowsAffected() != 1) {
            m_lastError = query.lastError().isValid()
                              ? query.lastError().text()
                              : tr("Row %1 no longer exists; nothing was saved.").arg(edit.key.toString());
            db.rollback();
            return false;
        }
    }
    if (!db.commit()) {
        m_lastError = db.lastError().text();
        db.rollback();
        return false;
    }
    m_edits.clear();
    m_lastError.clear();
    refresh(); // re-read what was written (and where the rows now sort), keeping the selection
    return true;
}

void WindowedTableModel::revertAll()
{
    if (m_edits.isEmpty()) {
        return;
    }
    m_edits.clear();
    if (m_rowCount > 0) {
        emit dataChanged(index(0, 0), index(m_rowCount - 1, columnCount() - 1));
    }
}
