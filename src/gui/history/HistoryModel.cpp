#include "HistoryModel.h"

#include "history/HistoryRestore.h"
#include "history/HistoryText.h"

HistoryModel::HistoryModel(QSqlDatabase db, QObject* parent) : QAbstractTableModel(parent), m_db(std::move(db))
{
    m_available = HistoryQuery::available(m_db);
}

void HistoryModel::setFilter(const HistoryFilter& filter)
{
    beginResetModel();
    m_filter = filter;
    m_entries.clear();
    m_lines.clear();
    m_error.clear();
    m_available = HistoryQuery::available(m_db);
    m_atEnd = !m_available;
    if (m_available) {
        m_lines = readPage();
    }
    // Listeners of modelReset (views, testers) may ask for more before every listener has heard
    // of the reset; the next page comes after that, as the view scrolls.
    m_fetching = true;
    endResetModel();
    m_fetching = false;
}

QList<HistoryModel::Line> HistoryModel::readPage()
{
    QList<Line> lines;
    const qint64 before = m_entries.isEmpty() ? 0 : m_entries.last().id;
    const QList<AuditEntry> page = HistoryQuery::fetch(m_db, m_filter, before, pageSize, &m_error);
    m_atEnd = page.size() < pageSize;
    HistoryText text(m_db);
    text.prefetch(page);
    for (const AuditEntry& e : page) {
        const int entryIndex = int(m_entries.size());
        m_entries << e;
        if (e.changes.isEmpty()) {
            lines << Line{entryIndex, -1, QString(), QString(), e.details};
            continue;
        }
        for (int c = 0; c < e.changes.size(); ++c) {
            const AuditChange& change = e.changes.at(c);
            Line line{entryIndex, c, HistoryText::header(e.table, change.column), QString(), QString()};
            if (!change.hasValues()) {
                line.after = change.note;
            } else {
                if (e.action != QLatin1String("insert")) {
                    line.before = text.value(e, change.column, change.before);
                }
                if (e.action != QLatin1String("delete")) {
                    line.after = text.value(e, change.column, change.after);
                }
            }
            lines << line;
        }
    }
    return lines;
}

int HistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

int HistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool HistoryModel::canFetchMore(const QModelIndex& parent) const
{
    return !parent.isValid() && !m_atEnd && !m_fetching;
}

void HistoryModel::fetchMore(const QModelIndex& parent)
{
    // Views (and whatever listens to rowsInserted) may ask for more while rows are being added.
    if (!canFetchMore(parent)) {
        return;
    }
    m_fetching = true;
    const QList<Line> added = readPage();
    if (!added.isEmpty()) {
        beginInsertRows(QModelIndex(), int(m_lines.size()), int(m_lines.size() + added.size()) - 1);
        m_lines += added;
        endInsertRows();
    }
    m_fetching = false;
}

const AuditEntry* HistoryModel::entryAt(int row) const
{
    return row >= 0 && row < m_lines.size() ? &m_entries.at(m_lines.at(row).entry) : nullptr;
}

const AuditChange* HistoryModel::changeAt(int row) const
{
    if (row < 0 || row >= m_lines.size() || m_lines.at(row).change < 0) {
        return nullptr;
    }
    const Line& line = m_lines.at(row);
    return &m_entries.at(line.entry).changes.at(line.change);
}

QVariant HistoryModel::data(const QModelIndex& index, int role) const
{
    if (!index.isValid() || index.row() >= m_lines.size() || index.column() >= ColumnCount) {
        return QVariant();
    }
    const Line& line = m_lines.at(index.row());
    const AuditEntry& e = m_entries.at(line.entry);
    // Several changes of one audit row: the row's own facts only on its first line.
    const bool first = line.change <= 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (Column(index.column())) {
        case When:
            return first ? HistoryText::time(e.occurredAt) : QString();
        case Actor:
            return first ? e.actor : QString();
        case Action:
            return first ? HistoryText::actionLabel(e.action) : QString();
        case Table:
            return first ? HistoryText::tableTitle(e.table) : QString();
        case RowKey:
            return first ? e.rowKey : QString();
        case Field:
            return line.field;
        case Before:
            return line.before;
        case After:
            return line.after;
        case Reason:
            return first ? e.reason : QString();
        case ColumnCount:
            break;
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == When) {
            return QStringLiteral("Change #%1").arg(e.id);
        }
        if (index.column() == Before || index.column() == After || index.column() == Reason) {
            return data(index, Qt::DisplayRole);
        }
        break;
    case EntryIdRole:
        return e.id;
    case ChangeIndexRole:
        return line.change;
    case RestorableRole: {
        const AuditChange* change = changeAt(index.row());
        return change && HistoryRestore::restorable(e, *change);
    }
    default:
        break;
    }
    return QVariant();
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (Column(section)) {
    case When:
        return tr("When");
    case Actor:
        return tr("Who");
    case Action:
        return tr("Action");
    case Table:
        return tr("Table");
    case RowKey:
        return tr("Row");
    case Field:
        return tr("Field");
    case Before:
        return tr("Before");
    case After:
        return tr("After");
    case Reason:
        return tr("Reason");
    case ColumnCount:
        break;
    }
    return QVariant();
}
