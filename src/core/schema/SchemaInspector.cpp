#include "SchemaInspector.h"

#include "PlatformSchema.h"
#include "db/Database.h"

#include <QSqlQuery>

namespace {
QString currentSchemaOid()
{
    return QStringLiteral("(SELECT oid FROM pg_namespace WHERE nspname = current_schema())");
}
} // namespace

QStringList SchemaInspector::tables() const
{
    QStringList names;
    QSqlQuery query(m_db);
    if (Database::isPostgres(m_db)) {
        // The catalogs, not information_schema: that shows only what this role may use, so a
        // SELECT-only role would see users without its password column, and the schema as broken.
        query.exec(QStringLiteral("SELECT c.relname FROM pg_class c WHERE c.relnamespace = ") + currentSchemaOid() +
                   QStringLiteral(" AND c.relkind IN ('r', 'p', 'v', 'm', 'f') ORDER BY c.relname"));
    } else {
        query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'table' "
                                  "AND name NOT LIKE 'sqlite_%' ORDER BY name"));
    }
    while (query.next()) {
        names << query.value(0).toString();
    }
    return names;
}

QStringList SchemaInspector::allTables() const
{
    QStringList names;
    QSqlQuery query(m_db);
    if (Database::isPostgres(m_db)) {
        // pg_class, not information_schema: the latter shows only what this role may use.
        query.exec(QStringLiteral(
            "SELECT CASE WHEN n.nspname = current_schema() THEN c.relname ELSE n.nspname || '.' || c.relname END "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f') AND n.nspname NOT IN ('pg_catalog', 'information_schema') "
            "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%' ORDER BY 1"));
    } else {
        query.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') "
                                  "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"));
    }
    while (query.next()) {
        names << query.value(0).toString();
    }
    return names;
}

bool SchemaInspector::hasTable(const QString& name) const
{
    QSqlQuery query(m_db);
    if (Database::isPostgres(m_db)) {
        query.prepare(QStringLiteral("SELECT 1 FROM pg_class c WHERE c.relnamespace = ") + currentSchemaOid() +
                      QStringLiteral(" AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname = ?"));
    } else {
        query.prepare(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?"));
    }
    query.addBindValue(name);
    return query.exec() && query.next();
}

QList<SchemaInspector::ColumnInfo> SchemaInspector::columns(const QString& table) const
{
    QList<ColumnInfo> result;
    QSqlQuery query(m_db);
    if (Database::isPostgres(m_db)) {
        // format_type() words types as information_schema does ("character varying(50)",
        // "numeric(10,2)", "timestamp(3) without time zone"), for every column whatever this role
        // may read.
        query.prepare(QStringLiteral("SELECT a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull "
                                     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                                     "WHERE c.relnamespace = ") +
                      currentSchemaOid() +
                      QStringLiteral(" AND c.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum"));
        query.addBindValue(table);
        query.exec();
        while (query.next()) {
            ColumnInfo info;
            info.name = query.value(0).toString();
            info.type = query.value(1).toString();
            info.notNull = query.value(2).toBool();
            result << info;
        }
    } else {
        // table_info cannot take a bound parameter; the name is checked against the schema first.
        if (!hasTable(table)) {
            return result;
        }
        query.prepare(QStringLiteral("SELECT name, type, \"notnull\", pk FROM pragma_table_info(?)"));
        query.addBindValue(table);
        query.exec();
        while (query.next()) {
            ColumnInfo info;
            info.name = query.value(0).toString();
            info.type = query.value(1).toString().toUpper();
            // An INTEGER PRIMARY KEY is the rowid: never NULL even though SQLite reports notnull = 0.
            info.notNull = query.value(2).toInt() == 1 || query.value(3).toInt() == 1;
            result << info;
        }
    }
    return result;
}

QStringList SchemaInspector::indexes(const QString& table) const
{
    QStringList names;
    QSqlQuery query(m_db);
    if (Database::isPostgres(m_db)) {
        query.prepare(
            QStringLiteral("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = ?"));
    } else {
        query.prepare(QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"));
    }
    query.addBindValue(table);
    query.exec();
    while (query.next()) {
        names << query.value(0).toString();
    }
    return names;
}

bool SchemaInspector::hasAnyPlatformTable() const
{
    const QStringList present = tables();
    for (const QString& name : PlatformSchema::tableNames()) {
        if (present.contains(name)) {
            return true;
        }
    }
    return false;
}

QStringList SchemaInspector::missingPlatformObjects() const
{
    QStringList problems;
    const QStringList present = tables();
    for (const PlatformSchema::Table& table : PlatformSchema::tables()) {
        if (!present.contains(table.name)) {
            problems << QStringLiteral("table %1 is missing").arg(table.name);
            continue;
        }
        QStringList have;
        for (const ColumnInfo& info : columns(table.name)) {
            have << info.name;
        }
        for (const PlatformSchema::Column& column : table.columns) {
            if (!have.contains(column.name)) {
                problems << QStringLiteral("column %1.%2 is missing").arg(table.name, column.name);
            }
        }
    }
    return problems;
}

QStringList SchemaInspector::typeMismatches() const
{
    QStringList problems;
    const Engine engine = Database::engine(m_db);
    for (const PlatformSchema::Table& table : PlatformSchema::tables()) {
        for (const ColumnInfo& info : columns(table.name)) {
            const PlatformSchema::Column* expected = table.column(info.name);
            if (!expected) {
                continue; // extra columns are the platform's business
            }
            const QString want = PlatformSchema::engineType(engine, *expected);
            if (info.type.compare(want, Qt::CaseInsensitive) != 0) {
                problems
                    << QStringLiteral("column %1.%2 is %3, expected %4").arg(table.name, info.name, info.type, want);
            }
            if (info.notNull != expected->notNull) {
                problems << QStringLiteral("column %1.%2 is %3, expected %4")
                                .arg(table.name, info.name,
                                     info.notNull ? QStringLiteral("NOT NULL") : QStringLiteral("nullable"),
                                     expected->notNull ? QStringLiteral("NOT NULL") : QStringLiteral("nullable"));
            }
        }
    }
    return problems;
}
