// WindowedTableModel: what saved views and the page's undo history need from the model: the
// search mode, and the pending edits as a value that can be put back.
#include "WindowedTableModel.h"

#include "db/SqlTime.h"

struct WindowedTableModel::PendingEdits
{
    QHash<QString, Edit> edits;
};

void WindowedTableModel::setSearchMode(WindowedQuery::SearchMode mode)
{
    if (mode == m_query.searchMode()) {
        return;
    }
    m_query.setSearchMode(mode);
    if (!m_query.searchText().isEmpty()) {
        reselect(false);
    }
}

std::shared_ptr<const WindowedTableModel::PendingEdits> WindowedTableModel::pendingEdits() const
{
    auto snapshot = std::make_shared<PendingEdits>();
    snapshot->edits = m_edits;
    return snapshot;
}

void WindowedTableModel::restorePendingEdits(const std::shared_ptr<const PendingEdits>& edits)
{
    m_edits = edits ? edits->edits : QHash<QString, Edit>();
    m_failure = SaveFailure();
    // Only cached rows can show a change; the others read the edits when they arrive.
    for (auto it = m_pages.constBegin(); it != m_pages.constEnd(); ++it) {
        const int first = it.key() * pageSize;
        if (!it->rows.isEmpty() && first < m_rowCount) {
            const int last = std::min<int>(m_rowCount, first + it->rows.size()) - 1;
            emit dataChanged(index(first, 0), index(last, columnCount() - 1));
        }
    }
}

bool WindowedTableModel::samePendingEdits(const PendingEdits& a, const PendingEdits& b)
{
    if (a.edits.size() != b.edits.size()) {
        return false;
    }
    for (auto it = a.edits.constBegin(); it != a.edits.constEnd(); ++it) {
        const auto other = b.edits.constFind(it.key());
        if (other == b.edits.constEnd() || other->deleted != it->deleted || other->values != it->values ||
            other->relationDisplay != it->relationDisplay) {
            return false;
        }
    }
    return true;
}

QHash<QString, QVariant> WindowedTableModel::loadedValues(int row) const
{
    QHash<QString, QVariant> values;
    if (!isRowLoaded(row)) {
        return values;
    }
    const WindowRow* r = rowAt(row);
    const SqlTime time = SqlTime::forConnection(database());
    for (int c = 0; c < r->edit.size(); ++c) {
        const ColumnSpec& column = spec().columns.at(c);
        if (column.kind == ColumnSpec::Kind::Secret) {
            continue;
        }
        const QVariant& value = r->edit.at(c);
        values.insert(column.name, column.kind == ColumnSpec::Kind::Timestamp && !value.isNull()
                                       ? QVariant(time.toDb(value.toDateTime()))
                                       : value);
    }
    return values;
}

QString WindowedTableModel::rowLabel(int row) const
{
    if (!isRowLoaded(row)) {
        return QString();
    }
    const WindowRow* r = rowAt(row);
    for (const char* name : {"email", "order_number", "razorpay_payment_id"}) {
        const int c = spec().indexOf(QString::fromLatin1(name));
        if (c >= 0 && !r->display.at(c).isEmpty()) {
            return r->display.at(c);
        }
    }
    return r->key.toString();
}
