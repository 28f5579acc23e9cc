#pragma once

#include "db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QStringList>

// Reads what a live database holds, without changing it.
class SchemaInspector
{
public:
    explicit SchemaInspector(QSqlDatabase db) : m_db(std::move(db)) {}

    QStringList tables() const;
    // Every table and view the database holds, in any schema but the system ones (PostgreSQL:
    // "other.notes" outside the current schema), whether or not this role may read it: what
    // decides whether a database is empty, and so may be given the platform schema.
    QStringList allTables() const;
    bool hasTable(const QString& name) const;

    struct ColumnInfo
    {
        QString name;
        QString type; // as the engine reports it (see PlatformSchema::engineType)
        bool notNull = false;
    };
    QList<ColumnInfo> columns(const QString& table) const;
    QStringList indexes(const QString& table) const;

    // Every platform table and column the app needs, checked; returns one line per problem:
    // "table payments is missing", "column orders.currency is missing",
    // "column orders.amount is text, expected numeric(10,2)". Empty means all present.
    QStringList missingPlatformObjects() const;
    QStringList typeMismatches() const;
    bool hasAnyPlatformTable() const;

private:
    QSqlDatabase m_db;
};
