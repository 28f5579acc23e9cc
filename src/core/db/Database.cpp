#include "Database.h"

#include "PooledPostgresDriver.h"
#include "Privileges.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

#include <mutex>

namespace {
// QSqlDatabase copies carry no user data, so the URL of each connection is kept here.
std::mutex s_urlsMutex;
QMap<QString, DatabaseUrl>& urls()
{
    static QMap<QString, DatabaseUrl> map;
    return map;
}

QHash<QString, QString>& readOnlyReasons()
{
    static QHash<QString, QString> map;
    return map;
}

QHash<QString, quint64>& sessions()
{
    static QHash<QString, quint64> map;
    return map;
}

bool exec(QSqlDatabase& db, const QString& sql, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        if (error) {
            *error = QStringLiteral("Could not prepare the session (%1): %2").arg(sql, query.lastError().text());
        }
        return false;
    }
    return true;
}

bool configure(QSqlDatabase& db, const DatabaseUrl& url, QString* error)
{
    db.setNumericalPrecisionPolicy(QSql::HighPrecision);
    if (url.engine == Engine::Sqlite) {
        // Session settings only: nothing here writes to the file (no journal_mode change, which
        // would rewrite the header of someone else's database for good).
        return exec(db, QStringLiteral("PRAGMA foreign_keys = ON"), error) &&
               exec(db, QStringLiteral("PRAGMA busy_timeout = 5000"), error);
    }
    // The platform's columns are TIMESTAMP without zone: pin the session so CURRENT_TIMESTAMP and
    // comparisons mean the stored zone, whatever the server's default is.
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT set_config('TimeZone', ?, false)"));
    query.addBindValue(url.storedTimeZone());
    if (!query.exec()) {
        if (error) {
            *error = QStringLiteral("Unknown time zone \"%1\": %2").arg(url.storedTimeZone(), query.lastError().text());
        }
        return false;
    }
    return exec(db, QStringLiteral("SET client_encoding TO 'UTF8'"), error);
}

// The one path from a configured-but-closed QSqlDatabase to a usable session: open() and reconnect().
bool openAndConfigure(QSqlDatabase& db, const DatabaseUrl& url, QString* error)
{
    if (!db.open()) {
        if (error) {
            *error = QStringLiteral("Could not open %1: %2").arg(url.toString(), db.lastError().text().trimmed());
        }
        return false;
    }
    return configure(db, url, error);
}

// Why a SQLite URL cannot be opened as a file (empty when it can), checked before SQLite sees it:
// SQLite would write a -journal beside a device file and create missing files without asking.
} // namespace

QString Database::checkSqlitePath(const QString& path, OpenMode mode)
{
    const QFileInfo info(path);
    const QFileInfo folder(info.absolutePath());
    if (!folder.isDir()) {
        return QStringLiteral("The folder %1 does not exist. Coursedesk does not create folders: choose a file in "
                              "an existing folder.")
            .arg(QDir::toNativeSeparators(info.absolutePath()));
    }
    if (info.exists()) {
        if (info.isDir()) {
            return QStringLiteral("%1 is a folder, not a SQLite database file.").arg(QDir::toNativeSeparators(path));
        }
        if (!info.isFile()) {
            return QStringLiteral("%1 is not a regular file (a device, pipe or socket): Coursedesk opens only "
                                  "database files.")
                .arg(QDir::toNativeSeparators(path));
        }
        return QString();
    }
    if (mode != OpenMode::CreateIfMissing) {
        return QStringLiteral("No database file at %1.").arg(QDir::toNativeSeparators(path));
    }
    return QString();
}

namespace {

// Why the file can only be read, or empty when it may be written.
QString sqliteReadOnlyReason(const DatabaseUrl& url)
{
    if (url.readOnlyRequested()) {
        return QStringLiteral("%1 is opened read-only (mode=ro)").arg(url.displayName());
    }
    // Marked read-only counts even where the user could write anyway (root): it says what the
    // owner of the file wants.
    const auto marked = [](const QFileInfo& info) {
        return !info.isWritable() ||
               (info.permissions() & (QFile::WriteOwner | QFile::WriteGroup | QFile::WriteOther)) == 0;
    };
    const QFileInfo info(url.path);
    if (info.exists() && marked(info)) {
        return QStringLiteral("the file %1 is read-only").arg(url.displayName());
    }
    // Writing needs a journal file beside the database.
    if (marked(QFileInfo(info.absolutePath()))) {
        return QStringLiteral("the folder of %1 is read-only").arg(url.displayName());
    }
    return QString();
}

QString sqliteUri(const QString& path, const QString& mode)
{
    // A URI lets SQLite itself refuse to create a missing file (mode=rw) or to write (mode=ro).
    return QUrl::fromLocalFile(path).toString(QUrl::FullyEncoded) + QStringLiteral("?mode=") + mode;
}
} // namespace

bool Database::isTransactionPooled(const DatabaseUrl& url)
{
    return url.engine == Engine::Postgres &&
           url.options.value(QStringLiteral("pooler")) == QLatin1String("transaction");
}

bool Database::open(const DatabaseUrl& url, const QString& connectionName, QString* error, OpenMode mode)
{
    close(connectionName);
    {
        QSqlDatabase db = isTransactionPooled(url)
                              ? QSqlDatabase::addDatabase(new PooledPostgresDriver, connectionName)
                              : QSqlDatabase::addDatabase(url.engine == Engine::Sqlite ? QStringLiteral("QSQLITE")
                                                                                       : QStringLiteral("QPSQL"),
                                                          connectionName);
        if (!db.isValid()) {
            if (error) {
                *error =
                    QStringLiteral("The Qt SQL driver for %1 is not installed.")
                        .arg(url.engine == Engine::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL"));
            }
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(connectionName);
            return false;
        }
        QString readOnly;
        if (url.engine == Engine::Sqlite) {
            if (const QString problem = checkSqlitePath(url.path, mode); !problem.isEmpty()) {
                if (error) {
                    *error = problem;
                }
                db = QSqlDatabase();
                QSqlDatabase::removeDatabase(connectionName);
                return false;
            }
            readOnly = sqliteReadOnlyReason(url);
            const bool create = mode == OpenMode::CreateIfMissing && !QFileInfo::exists(url.path);
            db.setDatabaseName(sqliteUri(url.path, !readOnly.isEmpty() ? QStringLiteral("ro")
                                                   : create            ? QStringLiteral("rwc")
                                                                       : QStringLiteral("rw")));
            db.setConnectOptions(readOnly.isEmpty() ? QStringLiteral("QSQLITE_OPEN_URI")
                                                    : QStringLiteral("QSQLITE_OPEN_URI;QSQLITE_OPEN_READONLY"));
        } else {
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setUserName(url.user);
            db.setPassword(url.password);
            db.setDatabaseName(url.database);
            db.setConnectOptions(url.libpqOptions());
        }
        if (openAndConfigure(db, url, error)) {
            std::lock_guard lock(s_urlsMutex);
            urls().insert(connectionName, url);
            readOnlyReasons().insert(connectionName, readOnly);
            return true;
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    return false;
}

bool Database::openClone(const QString& sourceConnection, const QString& newConnection, QString* error)
{
    DatabaseUrl source;
    {
        std::lock_guard lock(s_urlsMutex);
        if (!urls().contains(sourceConnection)) {
            if (error) {
                *error = QStringLiteral("No open connection named %1").arg(sourceConnection);
            }
            return false;
        }
        source = urls().value(sourceConnection);
    }
    return open(source, newConnection, error);
}

bool Database::reconnect(const QString& connectionName, QString* error)
{
    DatabaseUrl url;
    {
        std::lock_guard lock(s_urlsMutex);
        if (!urls().contains(connectionName)) {
            if (error) {
                *error = QStringLiteral("No open connection named %1").arg(connectionName);
            }
            return false;
        }
        url = urls().value(connectionName);
    }
    QSqlDatabase db = QSqlDatabase::database(connectionName, false);
    if (!db.isValid()) {
        if (error) {
            *error = QStringLiteral("No open connection named %1").arg(connectionName);
        }
        return false;
    }
    db.close();
    if (!openAndConfigure(db, url, error)) {
        db.close();
        return false;
    }
    std::lock_guard lock(s_urlsMutex);
    ++sessions()[connectionName];
    return true;
}

quint64 Database::sessionNumber(const QString& connectionName)
{
    std::lock_guard lock(s_urlsMutex);
    return sessions().value(connectionName);
}

bool Database::isConnectionLost(const QSqlError& error)
{
    if (!error.isValid()) {
        return false;
    }
    if (error.type() == QSqlError::ConnectionError) {
        return true;
    }
    // SQLSTATE class 08 (connection exception), 57P01 admin shutdown, 57P02 crash shutdown,
    // 57P03 cannot connect now.
    const QString code = error.nativeErrorCode();
    if (code.startsWith(QLatin1String("08")) || code == QLatin1String("57P01") || code == QLatin1String("57P02") ||
        code == QLatin1String("57P03")) {
        return true;
    }
    // libpq's own words (no SQLSTATE when the socket is already gone).
    static const QLatin1String phrases[] = {
        QLatin1String("server closed the connection unexpectedly"),
        QLatin1String("terminating connection due to administrator command"),
        QLatin1String("no connection to the server"),
        QLatin1String("connection to server was lost"),
        QLatin1String("could not receive data from server"),
        QLatin1String("could not send data to server"),
        QLatin1String("SSL connection has been closed unexpectedly"),
        QLatin1String("the database system is shutting down"),
    };
    const QString text = error.databaseText() + QLatin1Char('\n') + error.driverText();
    for (const QLatin1String& phrase : phrases) {
        if (text.contains(phrase, Qt::CaseInsensitive)) {
            return true;
        }
    }
    return false;
}

bool Database::isConnectionLost(const QSqlError& error, const QSqlDatabase& db)
{
    if (db.isValid() && !isPostgres(db)) {
        return false;
    }
    return isConnectionLost(error);
}

void Database::close(const QString& connectionName)
{
    Privileges::forget(connectionName);
    if (!QSqlDatabase::contains(connectionName)) {
        return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(connectionName, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(connectionName);
    std::lock_guard lock(s_urlsMutex);
    urls().remove(connectionName);
    readOnlyReasons().remove(connectionName);
}

QString Database::readOnlyReason(const QSqlDatabase& db)
{
    std::lock_guard lock(s_urlsMutex);
    return readOnlyReasons().value(db.connectionName());
}

bool Database::useWriteAheadLog(const QSqlDatabase& db, QString* error)
{
    if (isPostgres(db)) {
        return true;
    }
    QSqlDatabase copy = db;
    return exec(copy, QStringLiteral("PRAGMA journal_mode = WAL"), error);
}

Engine Database::engine(const QSqlDatabase& db)
{
    const bool pooled = db.driver() && db.driver()->inherits("PooledPostgresDriver");
    return pooled || db.driverName() == QLatin1String("QPSQL") ? Engine::Postgres : Engine::Sqlite;
}

DatabaseUrl Database::url(const QSqlDatabase& db)
{
    std::lock_guard lock(s_urlsMutex);
    return urls().value(db.connectionName());
}

QString Database::serverVersion(const QSqlDatabase& db)
{
    QSqlQuery query(db);
    if (isPostgres(db)) {
        if (query.exec(QStringLiteral("SHOW server_version")) && query.next()) {
            return QStringLiteral("PostgreSQL ") + query.value(0).toString();
        }
    } else if (query.exec(QStringLiteral("SELECT sqlite_version()")) && query.next()) {
        return QStringLiteral("SQLite ") + query.value(0).toString();
    }
    return QString();
}
