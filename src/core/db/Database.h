#pragma once

#include "DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

// Opens and configures connections. Every connection Coursedesk uses goes through here so that
// each one gets the same session settings: foreign keys on SQLite, UTC sessions on PostgreSQL,
// and high-precision numerics (NUMERIC arrives as text, never as double).
class Database
{
public:
    // Opens `url` under `connectionName`. On failure returns false, fills `error` with a message
    // for the user and removes the half-made connection.
    static bool open(const DatabaseUrl& url, const QString& connectionName, QString* error);
    // A second connection to the same database for another thread (one connection per thread).
    static bool openClone(const QString& sourceConnection, const QString& newConnection, QString* error);
    static void close(const QString& connectionName);

    static Engine engine(const QSqlDatabase& db);
    static bool isPostgres(const QSqlDatabase& db) { return engine(db) == Engine::Postgres; }
    // The URL the connection was opened from (kept as a property of the connection).
    static DatabaseUrl url(const QSqlDatabase& db);
    // "sqlite 3.40.1" / "PostgreSQL 15.4" for the About dialog and logs.
    static QString serverVersion(const QSqlDatabase& db);

    static QString defaultConnectionName() { return QStringLiteral("coursedesk"); }
};
