#pragma once

#include "db/DatabaseUrl.h"

#include <QList>
#include <QString>

// What the platform's database looks like (docs/platform-schema.md), as data: the checker compares a
// live database against it, the tests compare the created schema against it.
namespace PlatformSchema {

enum class Type { Id, BigInt, Varchar, Text, Decimal, Timestamp };

struct Column
{
    QString name;
    Type type;
    int length = 0; // VARCHAR(n)
    bool notNull = false;
};

struct Table
{
    QString name;
    QList<Column> columns;
    const Column* column(const QString& name) const;
};

const QList<Table>& tables();
const Table* table(const QString& name);
QStringList tableNames();
// The unique indexes the platform creates (name, table, columns).
struct UniqueIndex
{
    QString name;
    QString table;
    QStringList columns;
};
const QList<UniqueIndex>& uniqueIndexes();

// The type as the engine reports it: PostgreSQL information_schema ("character varying(50)",
// "numeric(10,2)", "timestamp(3) without time zone"), SQLite's declared type ("VARCHAR(50)").
QString engineType(Engine engine, const Column& column);
} // namespace PlatformSchema
