#pragma once

#include "db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

class QWidget;

// Opening a database for the app: connect, inspect the schema, and act on what was found, asking
// through Prompt (so tests can answer):
//   Empty      -> offer to create the platform schema;
//   Unmanaged  -> the platform's own database: list exactly what Coursedesk would create and ask
//                 (Yes / Not now: the app works without its own objects);
//   Outdated   -> apply the pending Coursedesk migrations;
//   TooNew     -> refuse with the runner's message, change nothing;
//   Incomplete -> show what is missing and refuse.
class DatabaseOpener
{
public:
    // On false the connection is closed again and `error` says why (empty when the user declined).
    static bool open(const DatabaseUrl& url, const QString& connectionName, QWidget* parent, QString* error);
    static bool prepareSchema(QSqlDatabase db, QWidget* parent, QString* error);
};
