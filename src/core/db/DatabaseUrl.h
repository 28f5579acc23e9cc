#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

enum class Engine { Sqlite, Postgres };

// A connection described the way users type it:
//   sqlite:///home/me/coursedesk.db            sqlite:///srv/copy.db?mode=ro
//   postgresql://user[:password]@host:5432/dbname?sslmode=require&timezone=UTC
// The password is kept only in memory; toString() leaves it out unless asked.
//
// Query options are parsed, never spliced: only the names in allowedOptions() are accepted (an
// unknown one is refused by name), each value is checked against what its option takes, and the
// libpq options are handed to the driver quoted (libpqOptions()), so no value can add an option
// of its own ("application_name=x dbname=postgres" stays one application name).
struct DatabaseUrl
{
    Engine engine = Engine::Sqlite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QMap<QString, QString> options; // query parameters, validated: see allowedOptions()

    static std::optional<DatabaseUrl> parse(const QString& text, QString* error = nullptr);
    static DatabaseUrl sqliteFile(const QString& path);

    // The option names a URL of `engine` may carry. PostgreSQL: the libpq connection options
    // Coursedesk passes on (sslmode, sslrootcert, sslcert, sslkey, sslcrl, connect_timeout,
    // application_name, target_session_attrs) and its own `timezone`; SQLite: `mode` (ro or rw).
    static QStringList allowedOptions(Engine engine);
    // Empty when `value` is acceptable for option `name`, else a message naming both.
    static QString checkOption(Engine engine, const QString& name, const QString& value);

    QString toString(bool withPassword = false) const;
    // The zone the platform's TIMESTAMP columns are written in (default UTC).
    QString storedTimeZone() const { return options.value(QStringLiteral("timezone"), QStringLiteral("UTC")); }
    // True when the URL asks for a read-only connection (?mode=ro, SQLite).
    bool readOnlyRequested() const { return options.value(QStringLiteral("mode")) == QLatin1String("ro"); }
    // The libpq options for QSqlDatabase::setConnectOptions(): key='value' pairs, each value quoted
    // the libpq way (\\ and \'), with Coursedesk's defaults for connect_timeout and application_name.
    QString libpqOptions() const;
    QString displayName() const;

private:
    QString queryText() const; // "?key=value&..." percent-encoded, or empty
};
