#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariantList>

struct sqlite3;
struct sqlite3_context;
struct sqlite3_value;

// GROUP BY in SQLite is a sort of every row. For the report's statements over millions of rows
// Coursedesk registers an aggregate function of its own on the connection, for one statement
// (nothing is written to the database), and groups the rows in a hash map in C++ instead.
namespace SqliteGrouping {

// The sqlite3 handle of a QSQLITE connection; nullptr for any other.
sqlite3* handle(const QSqlDatabase& db);

using Step = void (*)(sqlite3_context*, int, sqlite3_value**);
// Runs `sql`, a SELECT that calls the aggregate `name`, with that aggregate registered on the
// connection for this one statement: `step` gets each row's `argumentCount` values and `state`
// (sqlite3_user_data). Unregistered before it returns.
bool selectWithAggregate(const QSqlDatabase& db, const char* name, int argumentCount, void* state, Step step,
                         const QString& sql, const QVariantList& binds, QString* error);

struct Group
{
    QByteArray key1; // as text; isNull() for SQL NULL
    QByteArray key2;
    qint64 rows = 0;
    qint64 minor = 0;     // the sum of the rows' minor units (NULL counted as 0)
    bool damaged = false; // a row had a damaged amount: the sum is not to be used
};

// The grouping aggregate's name, for the statement handed to groups():
// "SELECT <name>(key1, key2, minor, damaged) FROM … WHERE …" (no GROUP BY), where `minor` is an
// integer expression (NULL adds nothing) and `damaged` one that is 1 for a row whose amount cannot
// be summed.
QString function();
// Runs that statement and returns its groups sorted by (key1, key2) in byte order, NULL first, as
// SQLite's ORDER BY would with its default collation.
bool groups(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, QList<Group>* groups,
            QString* error);

} // namespace SqliteGrouping
