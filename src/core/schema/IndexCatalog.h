#pragma once

#include "db/DatabaseUrl.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <memory>

// Which indexes a database has, read from its catalog (pg_index / sqlite_master + PRAGMA
// index_info) when a connection is opened, so that pages plan their queries from what exists:
// the platform's own database has only its primary keys and four unique indexes, a database with
// Coursedesk's objects has migration 003's indexes too. Read-only; a snapshot (reload() after
// creating objects).
//
// Index keys are compared in a normal form (see normalizedKey()): lower case, no quotes, casts or
// spaces, and " collate c" when the key is in byte order: "created_at", "lower(email) collate c".
class IndexCatalog
{
public:
    struct Index
    {
        QString name;
        QString table;
        QStringList keys; // normal form, in index order
        bool unique = false;
        bool primary = false;
        bool valid = true; // PostgreSQL: false for an interrupted CREATE INDEX CONCURRENTLY
    };

    IndexCatalog() = default;
    // Reads the catalog of `db` (a few catalog queries, milliseconds).
    static IndexCatalog read(const QSqlDatabase& db);

    // The catalog of an app connection, read on first use and kept until reload()/forget().
    // Thread-safe; pooled clones use their source connection's catalog.
    static std::shared_ptr<const IndexCatalog> forConnection(const QString& connectionName);
    static void reload(const QString& connectionName);
    static void forget(const QString& connectionName);

    Engine engine() const { return m_engine; }
    bool isRead() const { return m_read; }
    const QList<Index>& indexes() const { return m_indexes; }
    const Index* find(const QString& name) const;
    // A valid index on `table` whose first keys are `keys` (normal form), or nullptr. The primary
    // key counts: on SQLite an INTEGER PRIMARY KEY is the table's own b-tree (rowid).
    const Index* leading(const QString& table, const QStringList& keys) const;
    // The planner's row estimate of a table (pg_class.reltuples; SQLite: sqlite_stat1 or
    // max(rowid)); -1 when unknown.
    qint64 rowEstimate(const QString& table) const { return m_rows.value(table, -1); }

    // For tests: a catalog with exactly these indexes.
    static IndexCatalog fromIndexes(Engine engine, const QList<Index>& indexes,
                                    const QHash<QString, qint64>& rows = {});

    // The normal form of one index key or query expression.
    static QString normalizedKey(const QString& expression);
    // "CREATE [UNIQUE] INDEX [CONCURRENTLY] name ON table (key, ...)" parsed; name empty if it is not one.
    static Index parseCreateIndex(const QString& sql);
    // The name of Coursedesk's index (migration 003) on `table` led by `keys`, or empty.
    static QString coursedeskIndexFor(Engine engine, const QString& table, const QStringList& keys);

private:
    Engine m_engine = Engine::Sqlite;
    bool m_read = false;
    QList<Index> m_indexes;
    QHash<QString, qint64> m_rows;
};
