#pragma once

#include "history/AuditEntry.h"
#include "history/HistoryQuery.h"

#include <QAbstractTableModel>
#include <QSqlDatabase>

// coursedesk_audit_log as a table, newest first: one row per changed column of each audit row
// (an audit row without column changes, such as a workflow that logged only its reason, is one
// row). Reads a page of audit rows at a time (fetchMore, keyset on id), so the view asks for more
// only as it scrolls and a log of millions costs no more than its first page.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { When, Actor, Action, Table, RowKey, Field, Before, After, Reason, ColumnCount };
    enum Role { EntryIdRole = Qt::UserRole + 1, ChangeIndexRole, RestorableRole };
    static constexpr int pageSize = 200;

    explicit HistoryModel(QSqlDatabase db, QObject* parent = nullptr);

    // Re-reads from the newest entry with this filter.
    void setFilter(const HistoryFilter& filter);
    const HistoryFilter& filter() const { return m_filter; }
    void refresh() { setFilter(m_filter); }
    bool isAvailable() const { return m_available; }
    QString lastError() const { return m_error; }

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex& parent = QModelIndex()) const override;
    void fetchMore(const QModelIndex& parent = QModelIndex()) override;

    // The audit row and the change a model row shows (change is nullptr for a row without changes).
    const AuditEntry* entryAt(int row) const;
    const AuditChange* changeAt(int row) const;

private:
    struct Line
    {
        int entry;  // index into m_entries
        int change; // index into its changes, -1 for none
        QString field, before, after;
    };
    // Reads the next page of audit rows into m_entries and returns their lines.
    QList<Line> readPage();

    QSqlDatabase m_db;
    HistoryFilter m_filter;
    bool m_available = false;
    bool m_atEnd = true;
    bool m_fetching = false;
    QString m_error;
    QList<AuditEntry> m_entries;
    QList<Line> m_lines;
};
