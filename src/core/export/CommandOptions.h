#pragma once

#include <QMap>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// Shared by `coursedesk export` and `coursedesk import`: "--name value", "--name=value" and bare
// flags, and a database connection that only ever opens what exists (a missing SQLite file is an
// error, never created; nothing is migrated).
namespace CommandOptions {
// `valued`: options that take a value; `flags`: options that do not. False with `error` on
// anything else; positional arguments go to `positional` when given, else they are an error.
bool parse(const QStringList& args, const QStringList& valued, const QStringList& flags,
           QMap<QString, QString>* options, QString* error, QStringList* positional = nullptr);

class Connection
{
public:
    Connection() = default;
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;
    bool open(const QString& url, const QString& purpose, QString* error);
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }
    QString name() const { return m_name; }

private:
    QString m_name;
};
} // namespace CommandOptions
