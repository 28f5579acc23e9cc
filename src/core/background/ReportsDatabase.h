#pragma once

#include "db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

// The optional second database that reads run on (`--reports-database URL`, or the connection
// dialog's "Reports database" field): a streaming read replica of the primary. The dashboard,
// payments review, reconciliation and reports read there (BackgroundQueries::reportsConnection());
// every write still goes to the primary.
namespace ReportsDatabase {
struct Status
{
    bool usable = false;
    qint64 lagSeconds = 0; // how far the replica's replay is behind, when it is behind
    QString message;       // for the user when not usable: what is wrong, and the way out
};

// How far behind the primary a replica may be and still serve reports.
constexpr int maxLagSeconds = 30;

// Checks `replica` against `primary`: reachable, and caught up with the primary's WAL or replaying
// commits younger than `maxLag` seconds. A replica whose replay is paused counts as behind.
Status check(const QSqlDatabase& primary, const QSqlDatabase& replica, int maxLag = maxLagSeconds);

// Opens `url` under `connectionName` and checks it against the open connection `primary`. When
// usable it becomes the primary's reports connection; otherwise the connection is closed again and
// the status says why and reads stay on the primary. `evenIfBehind`: the user chose to read from a
// reachable replica that is behind.
// `maxLag`: as for check().
Status attach(const QString& primary, const DatabaseUrl& url, const QString& connectionName, bool evenIfBehind = false,
              int maxLag = maxLagSeconds);
// Reads go back to the primary; the reports connection is closed.
void detach(const QString& primary);
} // namespace ReportsDatabase
