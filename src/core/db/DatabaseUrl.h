#pragma once

#include <QMap>
#include <QString>

#include <optional>

enum class Engine { Sqlite, Postgres };

// A connection described the way users type it:
//   sqlite:///home/me/coursedesk.db
//   postgresql://user[:password]@host:5432/dbname?sslmode=require&timezone=UTC
// The password is kept only in memory; toString() leaves it out unless asked.
struct DatabaseUrl
{
    Engine engine = Engine::Sqlite;
    QString path; // SQLite file
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;
    QMap<QString, QString> options; // query parameters: sslmode, connect_timeout, timezone, ...

    static std::optional<DatabaseUrl> parse(const QString& text, QString* error = nullptr);
    static DatabaseUrl sqliteFile(const QString& path);

    QString toString(bool withPassword = false) const;
    // The zone the platform's TIMESTAMP columns are written in (default UTC).
    QString storedTimeZone() const { return options.value(QStringLiteral("timezone"), QStringLiteral("UTC")); }
    QString displayName() const;
};
