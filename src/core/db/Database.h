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
    enum class OpenMode {
        Existing,        // a SQLite file must exist already (nothing is created by opening)
        CreateIfMissing, // a missing SQLite file is created: only after the user said so
    };
    // Opens `url` under `connectionName`. On failure returns false, fills `error` with a message
    // for the user and removes the half-made connection.
    // SQLite: opening changes nothing in the file (no journal-mode switch); device files, folders
    // and paths in missing folders are refused; a file or folder that may not be written, or
    // ?mode=ro, gives a read-only connection (see readOnlyReason()).
    static bool open(const DatabaseUrl& url, const QString& connectionName, QString* error,
                     OpenMode mode = OpenMode::Existing);
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

    // Why `path` cannot be opened as a SQLite database file (a device, a folder, a missing folder,
    // or with OpenMode::Existing a missing file), or empty. open() checks it first.
    static QString checkSqlitePath(const QString& path, OpenMode mode);
    // Why the connection may only read ("the file sales.db is read-only"), empty when it may write.
    // Set for SQLite files; PostgreSQL roles are described by Privileges.
    static QString readOnlyReason(const QSqlDatabase& db);
    // Switches a SQLite database Coursedesk itself created to write-ahead logging (readers do not
    // wait for a writer). Never called on a file it merely opened: that would change the file.
    static bool useWriteAheadLog(const QSqlDatabase& db, QString* error);
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
