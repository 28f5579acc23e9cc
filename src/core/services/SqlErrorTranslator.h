#pragma once

#include "domain/TableSpec.h"

#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariant>

// Turns what PostgreSQL or SQLite said about a failed INSERT / UPDATE / DELETE into a sentence
// naming the field and the rule: "Email asha@x.in is already used by another user". The two
// engines word their errors differently (SQLSTATE codes and constraint names on PostgreSQL,
// "UNIQUE constraint failed: users.email" on SQLite); both are recognised here, in one place.
class SqlErrorTranslator
{
public:
    enum class Operation { Insert, Update, Delete };
    struct Result
    {
        QString column;              // the column at fault, when known
        QString message;             // for the user
        bool connectionLost = false; // the connection is gone: reconnect and try again, edits kept
    };

    // `values`: the row's values by column name (display values for relations are fine).
    // `key`: the row's primary key, used to explain a refused delete.
    static Result translate(const QSqlDatabase& db, const TableSpec& spec, const QSqlError& error,
                            const QHash<QString, QVariant>& values, Operation operation, const QVariant& key);
    // The same words for an error that concerns no one table (a transaction that could not start
    // or commit): a lost connection, a full disk, a locked file, a refusal; else the error's text.
    static QString describe(const QSqlDatabase& db, const QSqlError& error);
    // A dropped connection (Database::isConnectionLost), told apart from a refused statement.
    static bool isConnectionLost(const QSqlError& error, const QSqlDatabase& db);
};
