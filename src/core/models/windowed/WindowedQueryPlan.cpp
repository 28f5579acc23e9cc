// How a windowed query's order and conditions fit the indexes that exist (IndexCatalog): the
// default order falls back to the primary key where no index serves it, and a sort or search that
// no index serves is reported (what it scans, which index would make it instant).
#include "WindowedQuery.h"

#include "schema/IndexCatalog.h"

using K = ColumnSpec::Kind;

namespace {
// The index key a condition needs, in IndexCatalog's normal form (see WindowedQuery::filterSqlOn).
QString keyFor(const QString& column, ColumnFilter::Match match, Engine engine)
{
    const bool pg = engine == Engine::Postgres;
    switch (match) {
    case ColumnFilter::Match::Equals:
    case ColumnFilter::Match::KeyEquals:
    case ColumnFilter::Match::AtLeast:
    case ColumnFilter::Match::Below:
    case ColumnFilter::Match::AtMost:
        return column;
    case ColumnFilter::Match::Contains:
        break; // filterNeeds: no index serves a substring
    case ColumnFilter::Match::EqualsIgnoreCase:
    case ColumnFilter::Match::PrefixIgnoreCase:
        return QStringLiteral("lower(%1)").arg(column) + (pg ? QStringLiteral(" collate c") : QString());
    case ColumnFilter::Match::Prefix:
        return column + (pg ? QStringLiteral(" collate c") : QString());
    }
    return column;
}

// "an index on orders (city, id)": for an order or condition migration 003 has no index for.
QString describe(const QString& table, const QStringList& keys)
{
    return QStringLiteral("an index on %1 (%2)").arg(table, keys.join(QStringLiteral(", ")));
}
} // namespace

WindowedQuery::WindowedQuery(const TableSpec& spec, Engine engine, std::shared_ptr<const IndexCatalog> catalog)
    : WindowedQuery(spec, engine)
{
    m_catalog = std::move(catalog);
    resetSort();
}

void WindowedQuery::resetSort()
{
    const int column = m_spec.indexOf(m_spec.defaultSort);
    const Qt::SortOrder order = m_spec.defaultDescending ? Qt::DescendingOrder : Qt::AscendingOrder;
    setSort(column < 0 ? 0 : column, order);
    const int key = m_spec.indexOf(m_spec.key);
    // Without a (created_at, id) index the newest rows come first by their key: the ids are
    // generated in insertion order (BIGSERIAL / INTEGER PRIMARY KEY), so this is the same
    // "newest first" read from the primary key instead of a sort of the whole table.
    if (!sortServed() && key >= 0 && column >= 0 && m_spec.columns.at(column).kind == K::Timestamp &&
        order == Qt::DescendingOrder) {
        setSort(key, Qt::DescendingOrder);
    }
}

bool WindowedQuery::isDefaultSort() const
{
    WindowedQuery fresh(*this);
    fresh.resetSort();
    return fresh.m_sortColumn == m_sortColumn && fresh.m_sortOrder == m_sortOrder;
}

bool WindowedQuery::sortIsKey() const
{
    return m_spec.columns.at(m_sortColumn).name == m_spec.key;
}

QStringList WindowedQuery::sortIndexKeys() const
{
    const ColumnSpec& c = m_spec.columns.at(m_sortColumn);
    if (c.kind == K::Relation) {
        return {}; // sorted on the referenced table's column: no index on this table serves it
    }
    if (sortIsKey()) {
        return {IndexCatalog::normalizedKey(m_spec.key)};
    }
    return {IndexCatalog::normalizedKey(c.name), IndexCatalog::normalizedKey(m_spec.key)};
}

bool WindowedQuery::sortServed() const
{
    if (!m_catalog || !m_catalog->isRead()) {
        return true; // nothing known: plan as before
    }
    const QStringList keys = sortIndexKeys();
    if (keys.isEmpty()) {
        return false;
    }
    if (sortIsKey()) {
        return true; // every platform table has its primary key
    }
    // (column, key) or (column) alone: both engines read the key in index order within a value
    // (SQLite's index entries end with the rowid; PostgreSQL adds an incremental sort of equals).
    return m_catalog->leading(m_spec.table, keys) || m_catalog->leading(m_spec.table, keys.mid(0, 1));
}

QList<WindowedQuery::IndexNeed> WindowedQuery::filterNeeds(const ColumnFilter& filter) const
{
    const int column = m_spec.indexOf(filter.column);
    if (column < 0) {
        return {};
    }
    const ColumnSpec& c = m_spec.columns.at(column);
    if (filter.match == ColumnFilter::Match::Contains) {
        // A substring can sit anywhere in the value: no B-tree index serves it (empty keys).
        return {{m_spec.table, {}}};
    }
    if (c.kind == K::Relation && filter.match != ColumnFilter::Match::KeyEquals) {
        // The semi-join: the referenced rows by their display value, then this table by the key.
        return {{c.relationTable, {keyFor(c.relationDisplay, filter.match, m_engine)}},
                {m_spec.table, {IndexCatalog::normalizedKey(c.name)}}};
    }
    return {{m_spec.table, {keyFor(c.name, filter.match, m_engine)}}};
}

WindowedQuery::Cost WindowedQuery::cost() const
{
    Cost cost;
    if (!m_catalog || !m_catalog->isRead()) {
        return cost;
    }
    auto missing = [this](const QList<IndexNeed>& needs, QStringList* would) {
        bool served = true;
        for (const IndexNeed& need : needs) {
            if (need.keys.isEmpty()) {
                served = false; // a condition no index can serve: nothing to suggest
                continue;
            }
            if (m_catalog->leading(need.table, need.keys)) {
                continue;
            }
            served = false;
            const QString name = IndexCatalog::coursedeskIndexFor(m_engine, need.table, need.keys);
            const QString text = name.isEmpty() ? describe(need.table, need.keys) : name;
            if (!would->contains(text)) {
                *would << text;
            }
        }
        return served;
    };
    if (!m_search.isEmpty()) {
        // An OR over the searchable columns: every alternative needs its own index.
        QList<IndexNeed> needs;
        for (const ColumnFilter& alternative : searchAlternatives()) {
            needs << filterNeeds(alternative);
        }
        if (!missing(needs, &cost.wouldServe)) {
            cost.served = false;
            cost.task = Cost::Task::Search;
            cost.scannedTable = m_spec.table;
        }
        return cost;
    }
    if (!sortServed()) {
        // A condition that an index serves narrows the rows first; then only those are sorted.
        QList<IndexNeed> needs;
        for (const ColumnFilter& filter : m_filters) {
            needs << filterNeeds(filter);
        }
        QStringList ignored;
        if (!m_filters.isEmpty() && missing(needs, &ignored)) {
            return cost;
        }
        cost.served = false;
        cost.task = Cost::Task::Sort;
        cost.scannedTable = m_spec.table;
        const QStringList keys = sortIndexKeys();
        if (keys.isEmpty()) {
            cost.wouldServe.clear(); // a relation's column: no index can serve it
        } else {
            const QString name = IndexCatalog::coursedeskIndexFor(m_engine, m_spec.table, keys);
            cost.wouldServe << (name.isEmpty() ? describe(m_spec.table, keys) : name);
        }
    }
    // Equality filters with a served order walk that order and stop at the first page of matches.
    return cost;
}
