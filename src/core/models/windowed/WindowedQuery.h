#pragma once

#include "db/DatabaseUrl.h"
#include "domain/TableSpec.h"

#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QVariant>
#include <QVector>

#include <memory>
#include <optional>

class IndexCatalog;

// One server-side filter on a column of a TableSpec. Values are always bound, never spliced.
struct ColumnFilter
{
    enum class Match {
        Equals,           // column (relation: display value) = value
        KeyEquals,        // relation column: the raw foreign key = value
        EqualsIgnoreCase, // lower(column) = lower(value)  (emails)
        Prefix,           // column starts with value (byte order; order numbers, razorpay ids)
        PrefixIgnoreCase, // lower(column) starts with lower(value)
        // WindowedFilter: a literal, case-insensitive substring, and range bounds. Money bounds are
        // minor units (qint64), timestamp bounds the stored-zone text of the instant.
        Contains,
        AtLeast, // column >= value
        Below,   // column < value
        AtMost,  // column <= value
    };
    QString column; // a TableSpec column name
    Match match = Match::Equals;
    QVariant value;
};

// Where a page starts: the sort value and primary key of the row just before it (in scan order).
struct KeysetBoundary
{
    QVariant sortValue;
    QVariant key;
};

// One fetched row, formatted on the worker thread so that painting only copies strings.
struct WindowRow
{
    QVariant key;               // primary key (for edits)
    KeysetBoundary boundary;    // (sort value, key) for keyset paging from this row
    QVector<QVariant> edit;     // per column: the raw value (relation: the foreign key)
    QVector<QString> display;   // per column: text as the app shows it
    QVector<bool> unknownValue; // per column: an enum value outside the platform's list
    QVector<QString> currency;  // per column: the row's currency (money columns only)
};

// Builds the SELECTs a windowed table runs, from a TableSpec only (identifiers come from the spec,
// values are bound). Relations are LEFT JOINed in the same SELECT; ordering is always
// (sort expression, primary key) so that every row has a unique position and keyset paging is exact.
class WindowedQuery
{
public:
    enum class Direction { Forward, Backward }; // Backward = the reverse of the displayed order
    // How the search box matches: from the start of a value (index-friendly), or anywhere in it
    // (reads every row).
    enum class SearchMode { Prefix, Contains };

    struct Statement
    {
        QString sql;
        QVariantList binds;
    };

    WindowedQuery() = default;
    WindowedQuery(const TableSpec& spec, Engine engine);
    // Plans from the indexes that exist (WindowedQueryPlan.cpp): the default order is the spec's
    // where an index serves it, else the primary key, newest first.
    WindowedQuery(const TableSpec& spec, Engine engine, std::shared_ptr<const IndexCatalog> catalog);

    const TableSpec& spec() const { return m_spec; }
    Engine engine() const { return m_engine; }

    void setSort(int column, Qt::SortOrder order);
    // Back to the default order (see the catalog constructor).
    void resetSort();
    bool isDefaultSort() const;
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    void setFilters(const QList<ColumnFilter>& filters) { m_filters = filters; }
    const QList<ColumnFilter>& filters() const { return m_filters; }
    // Free text from the page's search box: an OR over the spec's searchable columns.
    void setSearchText(const QString& text) { m_search = text.trimmed(); }
    QString searchText() const { return m_search; }
    void setSearchMode(SearchMode mode) { m_searchMode = mode; }
    SearchMode searchMode() const { return m_searchMode; }
    bool isFiltered() const { return !m_filters.isEmpty() || !m_search.isEmpty(); }

    // Up to `limit` rows in `direction`, starting after `after` (or at the start of that
    // direction), skipping `offset` rows first.
    Statement page(Direction direction, const std::optional<KeysetBoundary>& after, int offset, int limit) const;
    // Every matching row in `direction`, in one statement (a streaming export): the page() columns
    // with relations joined once, no window.
    Statement all(Direction direction) const;
    // all() with other columns: `fields` are expressions over t (the table) and the relations'
    // aliases (columnExpression()), for a server-side formatted export.
    Statement allWith(const QStringList& fields, Direction direction) const;
    // The expression of money column `column`'s currency ("t.\"currency\"", a relation's, or NULL).
    QString currencyExpression(int column) const;
    // Only (sort value, key) of the row `offset` rows after `after`: the narrow query used to
    // find where a far-away page starts without joining or transferring the rows in between.
    Statement anchor(Direction direction, const std::optional<KeysetBoundary>& after, int offset) const;
    Statement count() const;
    // The planner's row estimate for the unfiltered table (pg_class.reltuples / sqlite_stat1).
    Statement estimate() const;
    // SQLite fallback when sqlite_stat1 is missing: max(rowid), O(log n).
    Statement estimateFallback() const;

    // What reading a page costs with the indexes that exist: served (an index range, instant) or
    // a scan of the base table (a top-N over it; relations joined to the rows shown only).
    struct Cost
    {
        enum class Task { None, Sort, Search };
        bool served = true;
        Task task = Task::None;
        QString scannedTable;
        QStringList wouldServe; // Coursedesk's index names, or "an index on t (a, id)"
    };
    Cost cost() const;
    bool sortServed() const;
    const std::shared_ptr<const IndexCatalog>& catalog() const { return m_catalog; }

    // Reads the current row of a page() query.
    // `forExport`: without the display text of money and times (an export writes their values),
    // and times as the instant in UTC: what makes a grid row costs an export of millions of rows
    // a zone lookup per time.
    WindowRow decode(const QSqlQuery& query, const class SqlTime& time, bool forExport = false) const;
    static KeysetBoundary decodeAnchor(const QSqlQuery& query);

    // The column expressions (for tests and EXPLAIN): "t.\"amount\"", "r2.\"email\"".
    QString columnExpression(int column) const;
    QString fromClause() const;
    QString orderBy(Direction direction) const;
    // The text a timestamp / money / enum value is displayed as, app-wide.
    static QString formatTimestamp(const QDateTime& instant);

private:
    struct IndexNeed
    {
        QString table;
        QStringList keys; // IndexCatalog's normal form
    };
    QList<IndexNeed> filterNeeds(const ColumnFilter& filter) const;
    // The search text as one filter per searchable column (the OR whereClause() builds).
    QList<ColumnFilter> searchAlternatives() const;
    ColumnFilter::Match searchMatchFor(const ColumnSpec& c) const; // prefix / equality, or the contains mode
    bool sortIsKey() const;
    QStringList sortIndexKeys() const;

    QString sortExpression() const;
    QString sortKeySelect() const;
    bool sortNullable() const;
    QString whereClause(QVariantList* binds) const;
    QString filterSql(const ColumnFilter& filter, QVariantList* binds) const;
    QString filterSqlOn(const QString& expression, const ColumnFilter& filter, QVariantList* binds) const;
    QString keysetSql(Direction direction, const KeysetBoundary& after, QVariantList* binds) const;
    QString selectList() const;
    bool ascendingScan(Direction direction) const;
    QString collateC() const;

    TableSpec m_spec;
    Engine m_engine = Engine::Sqlite;
    int m_sortColumn = 0;
    Qt::SortOrder m_sortOrder = Qt::AscendingOrder;
    QList<ColumnFilter> m_filters;
    QString m_search;
    SearchMode m_searchMode = SearchMode::Prefix;
    // Layout of a page() row: per column, where its raw value, relation display and currency are.
    QVector<int> m_rawField;
    QVector<int> m_displayField;
    QVector<int> m_currencyField;
    int m_sortField = 0;
    int m_keyField = 0;
    std::shared_ptr<const IndexCatalog> m_catalog; // null: plan as if every order were served
};
