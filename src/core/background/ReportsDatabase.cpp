#include "ReportsDatabase.h"

#include "BackgroundQueries.h"
#include "db/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {
QString unreachable(const QString& where, const QString& error)
{
    return QStringLiteral("The reports database %1 is not reachable: %2\nThe dashboard, payments review, "
                          "reconciliation and reports can run on the primary database instead.")
        .arg(where, error.trimmed());
}
} // namespace

namespace ReportsDatabase {
Status check(const QSqlDatabase& primary, const QSqlDatabase& replica, int maxLag)
{
    Status status;
    const QString where = Database::url(replica).displayName();
    if (!replica.isOpen()) {
        status.message = unreachable(where, replica.lastError().text());
        return status;
    }
    if (!Database::isPostgres(replica) || !Database::isPostgres(primary)) {
        status.usable = true; // a copy of a SQLite file has nothing to replay
        return status;
    }
    QSqlQuery standby(replica);
    if (!standby.exec(QStringLiteral("SELECT pg_is_in_recovery(), CAST(pg_last_wal_replay_lsn() AS text), "
                                     "CAST(EXTRACT(EPOCH FROM (now() - pg_last_xact_replay_timestamp())) AS bigint), "
                                     "CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END")) ||
        !standby.next()) {
        status.message = unreachable(where, standby.lastError().text());
        return status;
    }
    if (!standby.value(0).toBool()) {
        status.usable = true; // not a standby (a copy, or the primary itself): nothing to lag
        return status;
    }
    const QString replayed = standby.value(1).toString();
    const qint64 age = standby.value(2).isNull() ? 0 : standby.value(2).toLongLong();
    const bool paused = standby.value(3).toBool();
    QSqlQuery behind(primary);
    behind.prepare(QStringLiteral("SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), CAST(? AS pg_lsn)) > 0"));
    behind.addBindValue(replayed.isEmpty() ? QStringLiteral("0/0") : replayed);
    const bool isBehind = behind.exec() && behind.next() && behind.value(0).toBool();
    // Caught up: however long ago the last commit was, the replica has everything the primary has.
    if (!isBehind || (!paused && age <= maxLag)) {
        status.usable = true;
        return status;
    }
    status.lagSeconds = age;
    status.message = QStringLiteral("The reports database %1 is behind the primary%2: it has not applied the "
                                    "changes of the last %3 seconds, so its figures would be out of date.\n"
                                    "The dashboard, payments review, reconciliation and reports can run on the "
                                    "primary database instead.")
                         .arg(where, paused ? QStringLiteral(" (its replay is paused)") : QString())
                         .arg(age);
    return status;
}

Status attach(const QString& primary, const DatabaseUrl& url, const QString& connectionName, bool evenIfBehind,
              int maxLag)
{
    QString error;
    if (!Database::open(url, connectionName, &error)) {
        Status status;
        status.message = unreachable(url.displayName(), error);
        return status;
    }
    const Status status =
        check(QSqlDatabase::database(primary, false), QSqlDatabase::database(connectionName, false), maxLag);
    if (status.usable || (evenIfBehind && status.lagSeconds > 0)) {
        BackgroundQueries::setReportsConnection(primary, connectionName);
    } else {
        Database::close(connectionName);
    }
    return status;
}

void detach(const QString& primary)
{
    const QString reports = BackgroundQueries::reportsConnection(primary);
    if (reports == primary) {
        return;
    }
    BackgroundQueries::setReportsConnection(primary, QString());
    BackgroundQueries::release(reports);
    Database::close(reports);
}
} // namespace ReportsDatabase
