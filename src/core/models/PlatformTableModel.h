#pragma once

#include "db/SqlTime.h"
#include "domain/TableSpec.h"
#include "services/WriteService.h"

#include <QHash>
#include <QSqlRelationalTableModel>
#include <QVariantList>

#include <optional>

// One platform table, shown the way its TableSpec says: relations by name (LEFT JOIN, so a row
// whose user or course is missing stays visible), money in the row's currency, timestamps in local
// time, enums as words (unknown values flagged), users.password removed from the model entirely
// (it is neither selected nor written). Edits are kept until save(), which writes every changed
// row through the write service (WriteSession: one transaction, rows locked and compared with
// what this model read, the table's rules, audit rows), and on failure keeps the user's edits and
// names the row and field that broke which rule. Used for forms (QDataWidgetMapper, one row) and
// the course's detail lists (a handful of rows); table pages use WindowedTableModel. Relation
// display text comes from the model's own join: QSqlRelationalTableModel's relation dictionaries
// (which select the whole referenced table) are never built.
//
// Search is server-side with bound values: selectStatement() carries "?" placeholders for the
// search and fixed filters, and select() prepares and binds them itself (QSqlTableModel::select()
// could only run a literal statement). setFilter() is not used by this model.
//
// Colours are left to the view (core has no QtGui): UnknownValueRole and CellStateRole tell the
// delegate what to paint; ToolTipRole carries the words.
class PlatformTableModel : public QSqlRelationalTableModel
{
    Q_OBJECT
public:
    enum Role {
        UnknownValueRole = Qt::UserRole + 1, // bool: an enum value the platform's backend cannot read
        CellStateRole,                       // CellState
        ColumnKindRole,                      // int(ColumnSpec::Kind)
    };
    enum CellState { Clean = 0, ChangedCell, ChangedRow, InsertedRow, DeletedRow };

    struct SaveFailure
    {
        int row = -1;                // model row (edits are kept, so the row is still there)
        int column = -1;             // model column, -1 when the whole row is at fault (a refused delete)
        QString field;               // the column's header
        QString rowLabel;            // "asha@x.in", "ORD1700000000000", "new row"
        QString message;             // the rule: "Email asha@x.in is already used by another user"
        bool connectionLost = false; // the connection dropped: nothing was written, reconnect and save again
        bool conflict = false;       // someone else changed the row since it was loaded
        QVariant key;                // the row's primary key, when known
        QString text() const;
    };

    explicit PlatformTableModel(const TableSpec& spec, QSqlDatabase db, QObject* parent = nullptr);

    const TableSpec& spec() const { return m_spec; }
    // The ColumnSpec behind a model column; nullptr for a database column the spec does not show.
    const ColumnSpec* columnSpec(int column) const { return m_columns.value(column, nullptr); }
    // Model column of a table column by its schema name (works for relation columns, whose model
    // field is renamed to the display column by QSqlRelationalTableModel).
    int columnOf(const QString& name) const { return m_fieldNames.indexOf(name); }

    // Server-side search over the spec's searchable columns (case-insensitive, bound). Re-selects.
    void setSearchText(const QString& text);
    QString searchText() const { return m_search; }
    // A bound equality filter (the Courses page's feature list: course_id = ?). Does not re-select.
    void setFixedFilter(const QString& column, const QVariant& value);
    void clearFixedFilters()
    {
        m_fixed.clear();
        m_keys.reset();
    }
    // Only the rows with these primary keys (bound values; an empty list selects nothing). A
    // windowed page saves its edits through a model scoped this way, and a form reads its row so.
    void setKeyFilter(const QVariantList& keys) { m_keys = keys; }

    // Rows matching the current search, counted separately (SQLite's rowCount() is only what
    // has been fetched so far).
    qint64 matchingRowCount() const { return m_matching; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool select() override;
    void sort(int column, Qt::SortOrder order) override;

    // Sets a relation column's foreign key without QSqlRelationalTableModel's dictionary check,
    // which reads the whole referenced table (1M users) first. The key comes from a type-ahead
    // pick; the database's foreign key still refuses one that does not exist, and save() names it.
    bool setForeignKey(const QModelIndex& index, const QVariant& key);

    bool isRowDirty(int row) const;
    bool isInsertedRow(int row) const;
    bool isDeletedRow(int row) const;
    // The primary key of a row read from the database (invalid for a new row).
    QVariant keyValue(int row) const;
    // Raw values by schema column name; relation columns give their display text.
    QHash<QString, QVariant> rowValues(int row) const;

    // Validates, then writes every pending change in one transaction. On failure returns false,
    // keeps every edit and fills saveFailure(). When the connection dropped (saveFailure().
    // connectionLost), the edits stay as they are without re-reading the table; once the connection
    // is back (Database::reconnect), save() again writes each change exactly once.
    bool save();
    const SaveFailure& saveFailure() const { return m_failure; }
    // isDirty(), plus edits a dropped connection left to be rebuilt on the next save().
    bool hasPendingEdits() const { return isDirty() || !m_deferredRestore.isEmpty(); }
    // Also forgets edits kept from a save the dropped connection broke (hides the non-virtual base).
    void revertAll();

signals:
    // After every successful select(), with the new matching row count.
    void selected();

protected:
    QString selectStatement() const override;
    QString orderByClause() const override;
    bool updateRowInTable(int row, const QSqlRecord& values) override;
    bool insertRowIntoTable(const QSqlRecord& values) override;
    bool deleteRowFromTable(int row) override;

private:
    struct Pending
    {
        int row = -1;
        enum Op { Insert, Update, Delete } op = Update;
        QVariant key;
        QHash<int, QVariant> values; // raw edit values of the changed columns
    };

    // Table, secret columns, relations and sort; run again after a reconnect (see save()).
    void setUp();
    QVariant displayValue(const QModelIndex& index, const ColumnSpec& c) const;
    QVariant relationDisplay(const ColumnSpec& c, const QVariant& key) const;
    QVariant editValue(const QModelIndex& index, const ColumnSpec& c) const;
    QVariant rawValue(int row, int column) const;
    bool isUnknownEnum(const QModelIndex& index) const;
    QString currencyFor(int row, const ColumnSpec& c) const;
    void loadReferencedCurrencies(int row, int relationColumn, const QString& table, const QString& column) const;
    QString rowLabel(int row) const;

    // Query building (PlatformTableModelQuery.cpp).
    QStringList conditions(QVariantList* binds) const;
    QString columnExpression(int column) const;
    void updateMatchingCount();

    // Saving (PlatformTableModelSave.cpp).
    QList<Pending> pendingChanges() const;
    bool validatePending(const QList<Pending>& pending);
    void restorePending(const QList<Pending>& pending);
    QHash<QString, QVariant> recordValues(const QSqlRecord& record) const;
    void rememberLoaded(int row);

    TableSpec m_spec;
    SqlTime m_time;
    QList<const ColumnSpec*> m_columns; // by model column
    QStringList m_fieldNames;           // schema name by model column
    QString m_search;
    QList<QPair<QString, QVariant>> m_fixed;
    std::optional<QVariantList> m_keys;
    bool m_emptyProbe = false;
    qint64 m_matching = 0;
    mutable QHash<QString, QString> m_referencedCurrency; // display value of the referenced row -> currency
    SaveFailure m_failure;
    mutable QHash<QString, QString> m_relationText; // "column\x1fkey" -> referenced display text
    // Edits of a save the dropped connection broke after some rows were sent: QSqlTableModel marks
    // those rows submitted, so they are rebuilt (restorePending) before the next save, once the
    // table can be read again.
    QList<Pending> m_deferredRestore;
    int m_submitCursor = 0;
    // During save(): the write service's transaction the row writes go through, and its answer.
    WriteSession* m_writeSession = nullptr;
    WriteResult m_writeResult;
    QHash<QString, RowSnapshot> m_loaded; // by key: rows as read before their first edit
    // Database::sessionNumber() when the edit statements were last set up: QSqlTableModel keeps its
    // write statement prepared, and a prepared statement dies with the server session.
    quint64 m_session = 0;
    int m_sortColumn = -1;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
};
