#pragma once

#include "DatabaseUrl.h"

#include <QSqlDatabase>
#include <QSqlError>
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
    // Re-opens a connection that `open()` made, in place: QSqlDatabase::close() + open() on the same
    // connection name, then the same session settings as open() (time zone, encoding, pragmas).
    // Models holding a copy of the connection share its driver, so they keep working. On failure
    // the connection stays registered (closed), `error` says why, and a later call may succeed.
    static bool reconnect(const QString& connectionName, QString* error);
    // True when `error` means the connection itself is gone (server restart, dropped network,
    // backend terminated), as opposed to a statement the server refused.
    static bool isConnectionLost(const QSqlError& error);
    // The same for an error from `db`; always false on SQLite, whose driver reports every failed
    // statement (constraint violations too) as QSqlError::ConnectionError.
    static bool isConnectionLost(const QSqlError& error, const QSqlDatabase& db);
    // Counts successful reconnects of a connection: whatever lives in one server session (prepared
    // statements, temporary tables) is gone when this changes.
    static quint64 sessionNumber(const QString& connectionName);

    // `?pooler=transaction`: the server is behind a transaction-pooling pooler (PgBouncer), so the
    // connection runs every statement self-contained (see PooledPostgresDriver).
    static bool isTransactionPooled(const DatabaseUrl& url);

    static Engine engine(const QSqlDatabase& db);
    static bool isPostgres(const QSqlDatabase& db) { return engine(db) == Engine::Postgres; }
    // The URL the connection was opened from (kept as a property of the connection).
    static DatabaseUrl url(const QSqlDatabase& db);
    // "sqlite 3.40.1" / "PostgreSQL 15.4" for the About dialog and logs.
    static QString serverVersion(const QSqlDatabase& db);

    static QString defaultConnectionName() { return QStringLiteral("coursedesk"); }
};
