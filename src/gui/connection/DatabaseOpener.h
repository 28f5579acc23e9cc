#pragma once

#include "db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

class QWidget;

// Opening a database for the app: connect (asking for a PostgreSQL password through
// PasswordPrompt when the server wants one), inspect the schema, and act on what was found, asking
// through Prompt (so tests can answer). Only an interactive Yes creates anything; every question's
// default is No, and an unattended run (--screenshot) asks nothing and creates nothing:
//   missing SQLite file -> offer to create it with the schema (unattended: refused);
//   Empty      -> offer to create the platform schema; No leaves the database as it was;
//   Foreign    -> another application's tables: refused, naming them, nothing offered;
//   Unmanaged  -> the platform's own database: list exactly what Coursedesk would create and ask
//                 (Yes / No: the app reads and writes the platform tables without its own objects);
//   Outdated   -> offer the pending Coursedesk migrations (No opens without them);
//   TooNew     -> refuse with the runner's message, change nothing;
//   Incomplete -> refuse, naming every missing table and column.
class DatabaseOpener
{
public:
    // On false the connection is closed again and `error` says why, for the caller to show (empty
    // when the user declined or cancelled).
    static bool open(const DatabaseUrl& url, const QString& connectionName, QWidget* parent, QString* error);
    static bool prepareSchema(QSqlDatabase db, QWidget* parent, QString* error);

    // Unattended runs (--screenshot) never create or migrate and ask nothing: what would need a
    // Yes fails with a message instead, and optional objects are left out.
    static void setUnattended(bool on);
    static bool unattended();

    // How often a rejected password is asked again before giving up.
    static constexpr int maxPasswordQuestions = 3;

private:
    static bool connect(DatabaseUrl url, const QString& connectionName, QWidget* parent, QString* error,
                        bool createFile);
    static bool createSchema(QSqlDatabase db, QString* error);
};
