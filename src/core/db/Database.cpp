#include "Database.h"

#include "PooledPostgresDriver.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>

#include <mutex>

namespace {
// QSqlDatabase copies carry no user data, so the URL of each connection is kept here.
std::mutex s_urlsMutex;
QMap<QString, DatabaseUrl>& urls()
{
    static QMap<QString, DatabaseUrl> map;
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
        return exec(db, QStringLiteral("PRAGMA foreign_keys = ON"), error) &&
               exec(db, QStringLiteral("PRAGMA busy_timeout = 5000"), error) &&
               exec(db, QStringLiteral("PRAGMA journal_mode = WAL"), error);
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

QString connectOptions(const DatabaseUrl& url)
{
    QStringList options;
    static const QStringList passThrough = {QStringLiteral("sslmode"),     QStringLiteral("connect_timeout"),
                                            QStringLiteral("sslrootcert"), QStringLiteral("sslcert"),
                                            QStringLiteral("sslkey"),      QStringLiteral("application_name")};
    for (const QString& key : passThrough) {
        if (url.options.contains(key)) {
            options << key + QLatin1Char('=') + url.options.value(key);
        }
    }
    if (!url.options.contains(QStringLiteral("connect_timeout"))) {
        options << QStringLiteral("connect_timeout=10");
    }
    if (!url.options.contains(QStringLiteral("application_name"))) {
        options << QStringLiteral("application_name=coursedesk");
    }
    return options.join(QLatin1Char(';'));
}
} // namespace

bool Database::isTransactionPooled(const DatabaseUrl& url)
{
    return url.engine == Engine::Postgres &&
           url.options.value(QStringLiteral("pooler")) == QLatin1String("transaction");
}

bool Database::open(const DatabaseUrl& url, const QString& connectionName, QString* error)
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
        if (url.engine == Engine::Sqlite) {
            const QFileInfo info(url.path);
            if (!info.dir().exists()) {
                QDir().mkpath(info.absolutePath());
            }
            db.setDatabaseName(url.path);
        } else {
            db.setHostName(url.host);
            db.setPort(url.port);
            db.setUserName(url.user);
            db.setPassword(url.password);
            db.setDatabaseName(url.database);
            db.setConnectOptions(connectOptions(url));
        }
        if (openAndConfigure(db, url, error)) {
            std::lock_guard lock(s_urlsMutex);
            urls().insert(connectionName, url);
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
