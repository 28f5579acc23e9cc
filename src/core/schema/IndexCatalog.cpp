#include "IndexCatalog.h"

#include "Migration.h"
#include "db/Database.h"

#include <QMutex>
#include <QMutexLocker>
#include <QRegularExpression>
#include <QSqlQuery>

namespace {
QMutex s_mutex;

QHash<QString, std::shared_ptr<const IndexCatalog>>& cache()
{
    static QHash<QString, std::shared_ptr<const IndexCatalog>> map;
    return map;
}

// "a, lower(b), c" -> ["a", "lower(b)", "c"]: commas outside parentheses.
QStringList splitTopLevel(const QString& list)
{
    QStringList parts;
    int depth = 0;
    QString current;
    for (const QChar ch : list) {
        if (ch == QLatin1Char('(')) {
            ++depth;
        } else if (ch == QLatin1Char(')')) {
            --depth;
        } else if (ch == QLatin1Char(',') && depth == 0) {
            parts << current.trimmed();
            current.clear();
            continue;
        }
        current += ch;
    }
    if (!current.trimmed().isEmpty()) {
        parts << current.trimmed();
    }
    return parts;
}

void readPostgres(const QSqlDatabase& db, QList<IndexCatalog::Index>* indexes, QHash<QString, qint64>* rows)
{
    // pg_get_indexdef(…, k, true) gives each key without its collation: that comes from
    // indcollation ("C" for Coursedesk's byte-order keys).
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.exec(
        QStringLiteral("SELECT c.relname, t.relname, i.indisunique, i.indisprimary, i.indisvalid AND i.indisready, "
                       "array_to_string(ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, true) || "
                       "CASE WHEN co.collname IN ('C', 'POSIX') THEN ' collate c' ELSE '' END "
                       "FROM generate_series(1, i.indnkeyatts) k "
                       "LEFT JOIN pg_collation co ON co.oid = i.indcollation[k - 1] ORDER BY k), E'\\n') "
                       "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid "
                       "WHERE t.relnamespace = current_schema()::regnamespace ORDER BY t.relname, c.relname"));
    while (query.next()) {
        IndexCatalog::Index index;
        index.name = query.value(0).toString();
        index.table = query.value(1).toString();
        index.unique = query.value(2).toBool();
        index.primary = query.value(3).toBool();
        index.valid = query.value(4).toBool();
        for (const QString& key : query.value(5).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            index.keys << IndexCatalog::normalizedKey(key);
        }
        *indexes << index;
    }
    QSqlQuery estimates(db);
    estimates.setForwardOnly(true);
    estimates.exec(QStringLiteral("SELECT relname, reltuples::bigint FROM pg_class "
                                  "WHERE relkind = 'r' AND relnamespace = current_schema()::regnamespace"));
    while (estimates.next()) {
        rows->insert(estimates.value(0).toString(), estimates.value(1).toLongLong());
    }
}

void readSqlite(const QSqlDatabase& db, QList<IndexCatalog::Index>* indexes, QHash<QString, qint64>* rows)
{
    QStringList tables;
    {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT name, sql FROM sqlite_master WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite_%'"));
        while (query.next()) {
            const QString table = query.value(0).toString();
            tables << table;
            // INTEGER PRIMARY KEY: the table's own b-tree is ordered by its key.
            static const QRegularExpression integerKey(QStringLiteral("\\b(\\w+)\\s+INTEGER\\s+PRIMARY\\s+KEY"),
                                                       QRegularExpression::CaseInsensitiveOption);
            const auto match = integerKey.match(query.value(1).toString());
            if (match.hasMatch()) {
                IndexCatalog::Index index;
                index.name = table + QStringLiteral(" (rowid)");
                index.table = table;
                index.keys << IndexCatalog::normalizedKey(match.captured(1));
                index.unique = true;
                index.primary = true;
                *indexes << index;
            }
        }
    }
    struct Row
    {
        QString name, table, sql;
    };
    QList<Row> found;
    {
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index'"));
        while (query.next()) {
            found << Row{query.value(0).toString(), query.value(1).toString(), query.value(2).toString()};
        }
    }
    for (const Row& row : std::as_const(found)) {
        IndexCatalog::Index index;
        index.name = row.name;
        index.table = row.table;
        const IndexCatalog::Index parsed = IndexCatalog::parseCreateIndex(row.sql);
        index.unique = parsed.unique || row.sql.isEmpty(); // autoindexes back UNIQUE / PRIMARY KEY
        index.primary = row.name.startsWith(QLatin1String("sqlite_autoindex_"));
        // PRAGMA index_info names plain columns; an expression key (cid -2) is taken from the SQL.
        QSqlQuery info(db);
        info.exec(QStringLiteral("PRAGMA index_info(\"%1\")").arg(row.name));
        while (info.next()) {
            const int seq = info.value(0).toInt();
            const QString column = info.value(2).toString();
            index.keys << (column.isEmpty() ? parsed.keys.value(seq) : IndexCatalog::normalizedKey(column));
        }
        *indexes << index;
    }
    bool haveStat = false;
    {
        QSqlQuery stat(db);
        // The first number of each row's stat is the table's row count (when ANALYZE ran).
        if (stat.exec(QStringLiteral("SELECT tbl, max(CAST(stat AS INTEGER)) FROM sqlite_stat1 GROUP BY tbl"))) {
            while (stat.next()) {
                rows->insert(stat.value(0).toString(), stat.value(1).toLongLong());
                haveStat = true;
            }
        }
    }
    for (const QString& table : std::as_const(tables)) {
        if (haveStat && rows->contains(table)) {
            continue;
        }
        // O(log n): the last rowid, close enough for "scans about N rows".
        QSqlQuery last(db);
        if (last.exec(QStringLiteral("SELECT max(rowid) FROM \"%1\"").arg(table)) && last.next()) {
            rows->insert(table, last.value(0).toLongLong());
        }
    }
}
} // namespace

QString IndexCatalog::normalizedKey(const QString& expression)
{
    QString s = expression.toLower();
    static const QRegularExpression cast(QStringLiteral("::\\s*[a-z][a-z ]*(\\(\\d+\\))?"));
    s.remove(cast);
    s.remove(QLatin1Char('"'));
    static const QRegularExpression space(QStringLiteral("\\s+"));
    s.replace(space, QStringLiteral(" "));
    s = s.trimmed();
    // "(email)" -> "email" (PostgreSQL parenthesises cast operands); "lower(email)" stays.
    static const QRegularExpression bare(QStringLiteral("(^|[^\\w])\\((\\w+)\\)"));
    for (int i = 0; i < 3; ++i) {
        s.replace(bare, QStringLiteral("\\1\\2"));
    }
    s.remove(QStringLiteral(" ("));
    s.replace(QStringLiteral("( "), QStringLiteral("("));
    s.replace(QStringLiteral(" )"), QStringLiteral(")"));
    // "(lower(email) collate c)" from a CREATE INDEX: the outer parentheses of an expression key.
    if (s.startsWith(QLatin1Char('(')) && s.endsWith(QLatin1Char(')'))) {
        int depth = 0;
        bool wraps = true;
        for (int i = 0; i < s.size() - 1; ++i) {
            depth += s.at(i) == QLatin1Char('(') ? 1 : s.at(i) == QLatin1Char(')') ? -1 : 0;
            if (depth == 0) {
                wraps = false;
                break;
            }
        }
        if (wraps) {
            s = s.mid(1, s.size() - 2).trimmed();
        }
    }
    s.replace(QStringLiteral("collate posix"), QStringLiteral("collate c"));
    return s;
}

IndexCatalog::Index IndexCatalog::parseCreateIndex(const QString& sql)
{
    static const QRegularExpression create(
        QStringLiteral(
            "^\\s*CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(?:CONCURRENTLY\\s+)?(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?(\\w+)\"?"
            "\\s+ON\\s+\"?(\\w+)\"?\\s*\\((.*)\\)\\s*;?\\s*$"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    // INCLUDE (...) columns ride along in the index's leaves; they are no keys the planner can use.
    static const QRegularExpression include(QStringLiteral("\\)\\s*INCLUDE\\s*\\([^()]*\\)\\s*(;?)\\s*$"),
                                            QRegularExpression::CaseInsensitiveOption);
    // A partial index's WHERE predicate (no parentheses in Coursedesk's) is no key either.
    static const QRegularExpression where(QStringLiteral("\\)\\s*WHERE\\s+[^()]*?\\s*(;?)\\s*$"),
                                          QRegularExpression::CaseInsensitiveOption);
    QString statement = sql;
    statement.replace(where, QStringLiteral(")\\1"));
    statement.replace(include, QStringLiteral(")\\1"));
    Index index;
    const auto match = create.match(statement);
    if (!match.hasMatch()) {
        return index;
    }
    index.unique = !match.captured(1).isEmpty();
    index.name = match.captured(2);
    index.table = match.captured(3);
    for (const QString& key : splitTopLevel(match.captured(4))) {
        index.keys << normalizedKey(key);
    }
    return index;
}

IndexCatalog IndexCatalog::read(const QSqlDatabase& db)
{
    IndexCatalog catalog;
    catalog.m_engine = Database::engine(db);
    if (catalog.m_engine == Engine::Postgres) {
        readPostgres(db, &catalog.m_indexes, &catalog.m_rows);
    } else {
        readSqlite(db, &catalog.m_indexes, &catalog.m_rows);
    }
    catalog.m_read = true;
    return catalog;
}

IndexCatalog IndexCatalog::fromIndexes(Engine engine, const QList<Index>& indexes, const QHash<QString, qint64>& rows)
{
    IndexCatalog catalog;
    catalog.m_engine = engine;
    catalog.m_indexes = indexes;
    catalog.m_rows = rows;
    catalog.m_read = true;
    return catalog;
}

std::shared_ptr<const IndexCatalog> IndexCatalog::forConnection(const QString& connectionName)
{
    {
        QMutexLocker lock(&s_mutex);
        if (auto it = cache().constFind(connectionName); it != cache().constEnd()) {
            return *it;
        }
    }
    // Read outside the lock, on the connection's own thread (the app's GUI thread at connect).
    auto catalog = std::make_shared<const IndexCatalog>(read(QSqlDatabase::database(connectionName, false)));
    QMutexLocker lock(&s_mutex);
    cache().insert(connectionName, catalog);
    return catalog;
}

void IndexCatalog::reload(const QString& connectionName)
{
    auto catalog = std::make_shared<const IndexCatalog>(read(QSqlDatabase::database(connectionName, false)));
    QMutexLocker lock(&s_mutex);
    cache().insert(connectionName, catalog);
}

void IndexCatalog::forget(const QString& connectionName)
{
    QMutexLocker lock(&s_mutex);
    cache().remove(connectionName);
}

const IndexCatalog::Index* IndexCatalog::find(const QString& name) const
{
    for (const Index& index : m_indexes) {
        if (index.name == name) {
            return &index;
        }
    }
    return nullptr;
}

const IndexCatalog::Index* IndexCatalog::leading(const QString& table, const QStringList& keys) const
{
    for (const Index& index : m_indexes) {
        if (index.table == table && index.valid && index.keys.size() >= keys.size() &&
            index.keys.mid(0, keys.size()) == keys) {
            return &index;
        }
    }
    return nullptr;
}

QString IndexCatalog::coursedeskIndexFor(Engine engine, const QString& table, const QStringList& keys)
{
    static const QHash<int, QList<Index>> known = [] {
        QHash<int, QList<Index>> map;
        QList<Index> partials;
        for (Engine e : {Engine::Sqlite, Engine::Postgres}) {
            for (const Migration& migration : Migration::load(e)) {
                if (migration.isPlatformSchema()) {
                    continue;
                }
                for (const QString& statement : migration.statements()) {
                    const Index index = parseCreateIndex(statement);
                    if (!index.name.isEmpty()) {
                        // A partial index (WHERE) serves only its own rows: a full index on the
                        // same keys is the one to name.
                        const bool partial = statement.contains(QStringLiteral(" WHERE "), Qt::CaseInsensitive);
                        (partial ? partials : map[static_cast<int>(e)]) << index;
                    }
                }
            }
            map[static_cast<int>(e)] << partials;
            partials.clear();
        }
        return map;
    }();
    for (const Index& index : known.value(static_cast<int>(engine))) {
        if (index.table == table && index.keys.size() >= keys.size() && index.keys.mid(0, keys.size()) == keys) {
            return index.name;
        }
    }
    return QString();
}
