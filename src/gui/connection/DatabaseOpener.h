#pragma once

#include "db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

class QWidget;

// Opening a database for the app: connect (asking for a PostgreSQL password through
// PasswordPrompt when the server wants one), inspect the schema, and act on what was found, asking
// through Prompt (so tests can answer):
//   Empty      -> offer to create the platform schema; No leaves the database as it was (a SQLite
//                 file that did not exist before is removed again);
//   Unmanaged  -> the platform's own database: list exactly what Coursedesk would create and ask
//                 (Yes / No: the app reads and writes the platform tables without its own objects);
//   Outdated   -> apply the pending Coursedesk migrations;
//   TooNew     -> refuse with the runner's message, change nothing;
//   Incomplete -> refuse, naming every missing table and column.
class DatabaseOpener
{
public:
    // On false the connection is closed again and `error` says why, for the caller to show (empty
    // when the user declined or cancelled).
    static bool open(const DatabaseUrl& url, const QString& connectionName, QWidget* parent, QString* error);
    static bool prepareSchema(QSqlDatabase db, QWidget* parent, QString* error);

    // How often a rejected password is asked again before giving up.
    static constexpr int maxPasswordQuestions = 3;

private:
    static bool connect(DatabaseUrl url, const QString& connectionName, QWidget* parent, QString* error);
};
