#include "WindowedQuery.h"

#include "WindowedFilter.h"
#include "db/SqlTime.h"
#include "domain/CellFormat.h"
#include "money/Money.h"

#include <QHash>
#include <QSet>
#include <QSqlRecord>

namespace {
// The instant in the system's local time. Converting each value through the system zone costs
// more than everything else in decoding a row (a page holds hundreds of timestamps), so the
// zone's offset is looked up once per quarter hour of UTC (no zone changes offset more often)
// and the result carries it as a fixed offset: the same wall clock, the same instant.
// The app's one cell format (CellFormat), shared with the forms and exports.
QDateTime toLocal(const QDateTime& instant)
{
    return CellFormat::toLocal(instant);
}

QString formatWallClock(const QDateTime& local)
{
    return CellFormat::wallClock(local);
}

using K = ColumnSpec::Kind;

QString quoted(const QString& identifier)
{
    return QLatin1Char('"') + identifier + QLatin1Char('"');
}

// Keyset predicates on a nullable sort key need the engine's NULL placement; the others get the
// index-friendly form. Which columns may be NULL is stated once, in TableSpec.
bool isNullableColumn(const QString& table, const QString& column)
{
    const TableSpec* spec = TableSpec::forTable(table);
    const ColumnSpec* c = spec ? spec->column(column) : nullptr;
    return c && c->nullable;
}

// The smallest string greater than every string starting with `prefix` (byte / code point order),
// or empty if there is none we can express.
QString prefixUpperBound(const QString& prefix)
{
    if (prefix.isEmpty()) {
        return QString();
    }
    const ushort last = prefix.back().unicode();
    if (last >= 0xD7FF) { // surrogates and the top of the BMP: no simple successor
        return QString();
    }
    QString upper = prefix;
    upper.back() = QChar(static_cast<ushort>(last + 1));
    return upper;
}

qsizetype codePointCount(const QString& text)
{
    return text.toUcs4().size();
}

ColumnFilter::Match searchMatch(const ColumnSpec& column, const QString& text)
{
    const QString field = column.kind == K::Relation ? column.relationDisplay : column.name;
    if (field == QLatin1String("email")) {
        return text.contains(QLatin1Char('@')) ? ColumnFilter::Match::EqualsIgnoreCase
                                               : ColumnFilter::Match::PrefixIgnoreCase;
    }
    // Machine-made identifiers are matched as typed (and can use the plain unique indexes).
    if (field == QLatin1String("order_number") || field.startsWith(QLatin1String("razorpay_")) ||
        field == QLatin1String("id")) {
        return ColumnFilter::Match::Prefix;
    }
    return ColumnFilter::Match::PrefixIgnoreCase;
}
} // namespace

WindowedQuery::WindowedQuery(const TableSpec& spec, Engine engine) : m_spec(spec), m_engine(engine)
{
    const int columns = m_spec.columns.size();
    m_rawField.fill(-1, columns);
    m_displayField.fill(-1, columns);
    m_currencyField.fill(-1, columns);
    int field = 0;
    for (int i = 0; i < columns; ++i) {
        const ColumnSpec& c = m_spec.columns.at(i);
        if (c.kind == K::Secret) {
            continue; // never selected
        }
        m_rawField[i] = field++;
        if (c.kind == K::Relation) {
            m_displayField[i] = field++;
        }
    }
    for (int i = 0; i < columns; ++i) {
        const ColumnSpec& c = m_spec.columns.at(i);
        if (c.kind != K::Money || c.currencySource.isEmpty()) {
            continue;
        }
        if (!c.currencySource.contains(QLatin1Char('.'))) {
            m_currencyField[i] = m_rawField.value(m_spec.indexOf(c.currencySource), -1);
        } else {
            m_currencyField[i] = field++; // selected from the relation's join, see selectList()
        }
    }
    m_sortField = field;
    m_keyField = field + 1;
    const int sortColumn = m_spec.indexOf(m_spec.defaultSort);
    setSort(sortColumn < 0 ? 0 : sortColumn, m_spec.defaultDescending ? Qt::DescendingOrder : Qt::AscendingOrder);
}

void WindowedQuery::setSort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= m_spec.columns.size() || m_spec.columns.at(column).kind == K::Secret) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
}

QString WindowedQuery::collateC() const
{
    // PostgreSQL compares text in the database's collation; Coursedesk's prefix ranges and
    // lower(email) index are in byte order ("C") so that they are exact whatever that collation is.
    return m_engine == Engine::Postgres ? QStringLiteral(" COLLATE \"C\"") : QString();
}

QString WindowedQuery::columnExpression(int column) const
{
    const ColumnSpec& c = m_spec.columns.at(column);
    if (c.kind == K::Relation) {
        return QStringLiteral("r%1.").arg(column) + quoted(c.relationDisplay);
    }
    return QStringLiteral("t.") + quoted(c.name);
}

QString WindowedQuery::fromClause() const
{
    QString from = quoted(m_spec.table) + QStringLiteral(" t");
    for (int i = 0; i < m_spec.columns.size(); ++i) {
        const ColumnSpec& c = m_spec.columns.at(i);
        if (c.kind == K::Relation) {
            from += QStringLiteral(" LEFT JOIN %1 r%2 ON r%2.%3 = t.%4")
                        .arg(quoted(c.relationTable))
                        .arg(i)
                        .arg(quoted(c.relationKey), quoted(c.name));
        }
    }
    return from;
}

QString WindowedQuery::selectList() const
{
    QStringList fields;
    for (int i = 0; i < m_spec.columns.size(); ++i) {
        const ColumnSpec& c = m_spec.columns.at(i);
        if (c.kind == K::Secret) {
            continue;
        }
        fields << QStringLiteral("t.") + quoted(c.name);
        if (c.kind == K::Relation) {
            fields << columnExpression(i);
        }
    }
    for (int i = 0; i < m_spec.columns.size(); ++i) {
        const ColumnSpec& c = m_spec.columns.at(i);
        if (c.kind == K::Money && c.currencySource.contains(QLatin1Char('.'))) {
            // "orders.currency": through the relation column that references that table.
            const QString table = c.currencySource.section(QLatin1Char('.'), 0, 0);
            const QString column = c.currencySource.section(QLatin1Char('.'), 1);
            QString expression = QStringLiteral("NULL");
            for (int j = 0; j < m_spec.columns.size(); ++j) {
                if (m_spec.columns.at(j).kind == K::Relation && m_spec.columns.at(j).relationTable == table) {
                    expression = QStringLiteral("r%1.").arg(j) + quoted(column);
                    break;
                }
            }
            fields << expression;
        }
    }
    fields << sortKeySelect() << QStringLiteral("t.") + quoted(m_spec.key);
    return fields.join(QStringLiteral(", "));
}

QString WindowedQuery::sortExpression() const
{
    return columnExpression(m_sortColumn);
}

QString WindowedQuery::sortKeySelect() const
{
    // QPSQL would hand a TIMESTAMP back as a local-labelled QDateTime and bind it back as UTC
    // TIMESTAMPTZ: the boundary travels as text instead, which PostgreSQL casts back exactly.
    if (m_engine == Engine::Postgres && m_spec.columns.at(m_sortColumn).kind == K::Timestamp) {
        return QStringLiteral("CAST(%1 AS TEXT)").arg(sortExpression());
    }
    return sortExpression();
}

bool WindowedQuery::sortNullable() const
{
    const ColumnSpec& c = m_spec.columns.at(m_sortColumn);
    // Relation display columns are NOT NULL and every foreign key is NOT NULL with a constraint.
    return c.kind != K::Relation && isNullableColumn(m_spec.table, c.name);
}

bool WindowedQuery::ascendingScan(Direction direction) const
{
    const bool ascending = m_sortOrder == Qt::AscendingOrder;
    return direction == Direction::Forward ? ascending : !ascending;
}

QString WindowedQuery::orderBy(Direction direction) const
{
    const QString dir = ascendingScan(direction) ? QStringLiteral(" ASC") : QStringLiteral(" DESC");
    return QStringLiteral(" ORDER BY ") + sortExpression() + dir + QStringLiteral(", t.") + quoted(m_spec.key) + dir;
}

QString WindowedQuery::filterSql(const ColumnFilter& filter, QVariantList* binds) const
{
    const int column = m_spec.indexOf(filter.column);
    if (column < 0 || m_spec.columns.at(column).kind == K::Secret) {
        return QString();
    }
    const ColumnSpec& c = m_spec.columns.at(column);
    if (c.kind == K::Relation && filter.match != ColumnFilter::Match::KeyEquals) {
        // A condition on the referenced row's display value, as a semi-join on the foreign key:
        // the planners then start from the referenced table's index (users by lower(email)) and
        // reach the rows through the foreign-key index, instead of walking the whole table
        // through the LEFT JOIN (SQLite cannot turn it into an inner join through lower()).
        ColumnFilter inner = filter;
        inner.column = c.relationDisplay;
        const QString condition = filterSqlOn(QStringLiteral("x.") + quoted(c.relationDisplay), inner, binds);
        if (condition.isEmpty()) {
            return QString();
        }
        if (m_engine == Engine::Postgres) {
            // As an array computed once (an InitPlan): without an index on the foreign key
            // (the platform's own database) PostgreSQL otherwise walks the whole table in the
            // page's order probing the referenced row of each (2M orders: 20 s instead of 0.7 s).
            return QStringLiteral("t.%1 = ANY (ARRAY(SELECT x.%2 FROM %3 x WHERE %4))")
                .arg(quoted(c.name), quoted(c.relationKey), quoted(c.relationTable), condition);
        }
        return QStringLiteral("t.%1 IN (SELECT x.%2 FROM %3 x WHERE %4)")
            .arg(quoted(c.name), quoted(c.relationKey), quoted(c.relationTable), condition);
    }
    return filterSqlOn(columnExpression(column), filter, binds);
}

QString WindowedQuery::filterSqlOn(const QString& expression, const ColumnFilter& filter, QVariantList* binds) const
{
    const QString text = filter.value.toString();
    // No stored text holds U+0000 (PostgreSQL refuses it, and libpq would cut the statement there):
    // such a search matches nothing rather than failing.
    if (filter.match != ColumnFilter::Match::KeyEquals && text.contains(QChar(0))) {
        return QStringLiteral("1 = 0");
    }
    switch (filter.match) {
    case ColumnFilter::Match::Equals:
        *binds << filter.value;
        return expression + QStringLiteral(" = ?");
    case ColumnFilter::Match::KeyEquals:
        *binds << filter.value;
        return QStringLiteral("t.") + quoted(filter.column) + QStringLiteral(" = ?");
    case ColumnFilter::Match::EqualsIgnoreCase:
        *binds << text;
        return QStringLiteral("lower(%1)%2 = lower(?)").arg(expression, collateC());
    case ColumnFilter::Match::Prefix:
    case ColumnFilter::Match::PrefixIgnoreCase: {
        const bool ci = filter.match == ColumnFilter::Match::PrefixIgnoreCase;
        const QString prefix = ci ? text.toLower() : text;
        if (prefix.isEmpty()) {
            return QString();
        }
        const QString lhs = (ci ? QStringLiteral("lower(%1)").arg(expression) : expression) + collateC();
        const QString upper = prefixUpperBound(prefix);
        if (upper.isEmpty()) {
            // substr() counts characters (code points) on both engines, QString::size() UTF-16
            // units: a prefix ending in 😀 is one character but two units.
            *binds << codePointCount(prefix) << prefix;
            return QStringLiteral("substr(%1, 1, ?) = ?").arg(lhs);
        }
        // A range, not LIKE: exact in byte order and usable by a plain b-tree on both engines.
        *binds << prefix << upper;
        return QStringLiteral("(%1 >= ? AND %1 < ?)").arg(lhs);
    }
    default:
        return WindowedFilter::sql(m_engine, expression, m_spec.column(filter.column), filter, binds);
    }
    return QString();
}

QString WindowedQuery::whereClause(QVariantList* binds) const
{
    QStringList terms;
    for (const ColumnFilter& filter : m_filters) {
        const QString sql = filterSql(filter, binds);
        if (!sql.isEmpty()) {
            terms << sql;
        }
    }
    if (!m_search.isEmpty()) {
        QStringList alternatives;
        for (const ColumnSpec& c : m_spec.columns) {
            if (!c.searchable || c.kind == K::Secret) {
                continue;
            }
            const QString sql = filterSql({c.name, searchMatchFor(c), m_search}, binds);
            if (!sql.isEmpty()) {
                alternatives << sql;
            }
        }
        terms << (alternatives.isEmpty()
                      ? QStringLiteral("1 = 0")
                      : QLatin1Char('(') + alternatives.join(QStringLiteral(" OR ")) + QLatin1Char(')'));
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

QString WindowedQuery::keysetSql(Direction direction, const KeysetBoundary& after, QVariantList* binds) const
{
    const QString k = sortExpression();
    const QString id = QStringLiteral("t.") + quoted(m_spec.key);
    const QString op = ascendingScan(direction) ? QStringLiteral(">") : QStringLiteral("<");
    if (!sortNullable()) {
        // k >= a AND (k > a OR id > b): the first term is a plain index range on both engines.
        *binds << after.sortValue << after.sortValue << after.key;
        return QStringLiteral("%1 %2= ? AND (%1 %2 ? OR %3 %2 ?)").arg(k, op, id);
    }
    // NULLs sort last ascending on PostgreSQL and first on SQLite (and the other way descending).
    const bool nullsLarge = m_engine == Engine::Postgres;
    const bool nullsAtEnd = ascendingScan(direction) == nullsLarge;
    if (after.sortValue.isNull()) {
        *binds << after.key;
        return nullsAtEnd ? QStringLiteral("(%1 IS NULL AND %2 %3 ?)").arg(k, id, op)
                          : QStringLiteral("((%1 IS NULL AND %2 %3 ?) OR %1 IS NOT NULL)").arg(k, id, op);
    }
    *binds << after.sortValue << after.sortValue << after.key;
    return QStringLiteral("(%1 %2 ? OR (%1 = ? AND %3 %2 ?)%4)")
        .arg(k, op, id, nullsAtEnd ? QStringLiteral(" OR %1 IS NULL").arg(k) : QString());
}

WindowedQuery::Statement WindowedQuery::page(Direction direction, const std::optional<KeysetBoundary>& after,
                                             int offset, int limit) const
{
    Statement s;
    QString where = whereClause(&s.binds);
    if (after) {
        where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
                 keysetSql(direction, *after, &s.binds);
    }
    const QString window = orderBy(direction) + QStringLiteral(" LIMIT %1").arg(limit) +
                           (offset > 0 ? QStringLiteral(" OFFSET %1").arg(offset) : QString());
    if (m_spec.columns.at(m_sortColumn).kind == K::Relation) {
        s.sql = QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ") + fromClause() + where + window;
        return s;
    }
    // Filters and keysets only touch the main table (relation filters are semi-joins), so the
    // window is cut there first and only its rows are joined: the planners otherwise join every
    // match of a search (1,400 orders for an order-number prefix) before sorting.
    // The inner SELECT names its columns: `*` would read users.password, which a staff role may
    // not select (column privileges), and which the page never shows.
    QStringList innerColumns;
    for (const ColumnSpec& c : m_spec.columns) {
        if (c.kind != K::Secret) {
            innerColumns << QStringLiteral("t.") + quoted(c.name);
        }
    }
    QString from = fromClause();
    from.replace(0, quoted(m_spec.table).size() + 2,
                 QStringLiteral("(SELECT %1 FROM %2 t%3%4) t")
                     .arg(innerColumns.join(QStringLiteral(", ")), quoted(m_spec.table), where, window));
    s.sql = QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ") + from + orderBy(direction);
    return s;
}

WindowedQuery::Statement WindowedQuery::all(Direction direction) const
{
    Statement s;
    const QString where = whereClause(&s.binds);
    s.sql =
        QStringLiteral("SELECT ") + selectList() + QStringLiteral(" FROM ") + fromClause() + where + orderBy(direction);
    return s;
}

WindowedQuery::Statement WindowedQuery::allWith(const QStringList& fields, Direction direction) const
{
    Statement s;
    const QString where = whereClause(&s.binds);
    s.sql = QStringLiteral("SELECT ") + fields.join(QStringLiteral(", ")) + QStringLiteral(" FROM ") + fromClause() +
            where + orderBy(direction);
    return s;
}

QString WindowedQuery::currencyExpression(int column) const
{
    const ColumnSpec& c = m_spec.columns.at(column);
    if (c.currencySource.isEmpty()) {
        return QStringLiteral("NULL");
    }
    if (!c.currencySource.contains(QLatin1Char('.'))) {
        return QStringLiteral("t.") + quoted(c.currencySource);
    }
    const QString table = c.currencySource.section(QLatin1Char('.'), 0, 0);
    for (int j = 0; j < m_spec.columns.size(); ++j) {
        if (m_spec.columns.at(j).kind == K::Relation && m_spec.columns.at(j).relationTable == table) {
            return QStringLiteral("r%1.").arg(j) + quoted(c.currencySource.section(QLatin1Char('.'), 1));
        }
    }
    return QStringLiteral("NULL");
}

WindowedQuery::Statement WindowedQuery::anchor(Direction direction, const std::optional<KeysetBoundary>& after,
                                               int offset) const
{
    Statement s;
    QString where = whereClause(&s.binds);
    if (after) {
        where += (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) +
                 keysetSql(direction, *after, &s.binds);
    }
    // Unused LEFT JOINs to unique keys are dropped by both planners, so this walks the sort index
    // only (index-only on PostgreSQL once the table is vacuumed).
    s.sql = QStringLiteral("SELECT ") + sortKeySelect() + QStringLiteral(", t.") + quoted(m_spec.key) +
            QStringLiteral(" FROM ") + fromClause() + where + orderBy(direction) +
            QStringLiteral(" LIMIT 1 OFFSET %1").arg(offset);
    return s;
}

WindowedQuery::Statement WindowedQuery::count() const
{
    Statement s;
    const QString where = whereClause(&s.binds);
    s.sql = QStringLiteral("SELECT COUNT(*) FROM ") + (where.isEmpty() ? quoted(m_spec.table) : fromClause() + where);
    return s;
}

WindowedQuery::Statement WindowedQuery::estimate() const
{
    if (m_engine == Engine::Postgres) {
        return {QStringLiteral("SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(?)"), {m_spec.table}};
    }
    return {QStringLiteral("SELECT stat FROM sqlite_stat1 WHERE tbl = ? LIMIT 1"), {m_spec.table}};
}

WindowedQuery::Statement WindowedQuery::estimateFallback() const
{
    return {QStringLiteral("SELECT max(rowid) FROM ") + quoted(m_spec.table), {}};
}

QString WindowedQuery::formatTimestamp(const QDateTime& instant)
{
    return formatWallClock(toLocal(instant));
}

KeysetBoundary WindowedQuery::decodeAnchor(const QSqlQuery& query)
{
    return {query.value(0), query.value(1)};
}

WindowRow WindowedQuery::decode(const QSqlQuery& query, const SqlTime& time, bool forExport) const
{
    const int columns = m_spec.columns.size();
    WindowRow row;
    row.key = query.value(m_keyField);
    row.boundary = {query.value(m_sortField), row.key};
    row.edit.resize(columns);
    row.display.resize(columns);
    row.unknownValue.fill(false, columns);
    row.currency.resize(columns);
    for (int i = 0; i < columns; ++i) {
        if (m_rawField.at(i) < 0) {
            continue;
        }
        const ColumnSpec& c = m_spec.columns.at(i);
        const QVariant raw = query.value(m_rawField.at(i));
        if (raw.isNull()) {
            row.edit[i] = QVariant();
            // A NULL where the platform requires a value is damage, shown and flagged as such.
            if (c.kind != K::Key && !isNullableColumn(m_spec.table, c.name)) {
                row.display[i] = QStringLiteral("(missing)");
                row.unknownValue[i] = true;
            }
            continue;
        }
        switch (c.kind) {
        case K::Money: {
            const auto minor = Money::minorFromSql(raw);
            QString currency = QStringLiteral("INR");
            if (m_currencyField.at(i) >= 0 && !query.value(m_currencyField.at(i)).isNull()) {
                currency = query.value(m_currencyField.at(i)).toString();
            }
            row.currency[i] = currency;
            row.edit[i] = minor ? Money::toDecimalString(*minor) : raw.toString();
            if (forExport) {
                break;
            }
            row.display[i] = minor ? Money::format(*minor, currency) : raw.toString();
            // NaN, a blob, -0.001 or 1e308 is shown as stored and flagged, never as 0.00.
            row.unknownValue[i] = !Money::sqlAmountDamage(raw).isEmpty();
            if (raw.metaType().id() == QMetaType::QByteArray) {
                row.display[i] = QStringLiteral("(binary data)");
            }
            break;
        }
        case K::Timestamp: {
            if (forExport) {
                row.edit[i] = time.fromDb(raw);
                break;
            }
            const QDateTime local = toLocal(time.fromDb(raw));
            row.edit[i] = local;
            row.display[i] = formatWallClock(local);
            break;
        }
        case K::Enum: {
            const QString value = raw.toString();
            row.edit[i] = value;
            row.display[i] = PlatformValues::label(c.enumKind, value);
            row.unknownValue[i] = !PlatformValues::isKnown(c.enumKind, value);
            break;
        }
        case K::Relation: {
            row.edit[i] = raw;
            const QVariant display = query.value(m_displayField.at(i));
            row.display[i] = display.isNull() ? QStringLiteral("#") + raw.toString() : display.toString();
            break;
        }
        default:
            row.edit[i] = raw;
            row.display[i] = raw.toString();
            break;
        }
    }
    return row;
}

ColumnFilter::Match WindowedQuery::searchMatchFor(const ColumnSpec& c) const
{
    return m_searchMode == SearchMode::Contains ? ColumnFilter::Match::Contains : searchMatch(c, m_search);
}

QList<ColumnFilter> WindowedQuery::searchAlternatives() const
{
    QList<ColumnFilter> alternatives;
    for (const ColumnSpec& c : m_spec.columns) {
        if (c.searchable && c.kind != K::Secret) {
            alternatives << ColumnFilter{c.name, searchMatchFor(c), m_search};
        }
    }
    return alternatives;
}
