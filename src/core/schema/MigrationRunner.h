#pragma once

#include "Migration.h"

#include <QSqlDatabase>
#include <QStringList>

// Decides what a database needs and applies it, each step inside one transaction.
//
//  - Empty database: createSchema() makes the platform tables and Coursedesk's own objects.
//  - Coursedesk-managed database (version table present): applyPending() runs what is newer.
//  - The platform's own database (its tables, maybe _prisma_migrations, no version table): the
//    platform tables are verified, never altered; Coursedesk's objects are created only by
//    adopt(), after the user confirmed plannedObjects(). Without them the app still works.
//  - A version newer than this build knows: refused, nothing changed.
class MigrationRunner
{
public:
    enum class State {
        Empty,      // no platform table at all: offer to create the schema
        Current,    // managed and up to date
        Outdated,   // managed, pending migrations
        Unmanaged,  // platform tables, no Coursedesk version table
        TooNew,     // version table says a newer Coursedesk made it
        Incomplete, // platform tables present but some table or column missing
    };

    struct Status
    {
        State state = State::Empty;
        int currentVersion = 0;
        int latestVersion = 0;
        QStringList missing; // from SchemaInspector::missingPlatformObjects()
        QList<Migration> pending;
        QString message() const;
    };

    explicit MigrationRunner(QSqlDatabase db);

    Status inspect() const;
    // Objects the pending migrations would create, plus the version table when it is absent.
    QStringList plannedObjects() const;

    bool createSchema(QString* error);
    bool applyPending(QString* error);
    bool adopt(QString* error);

    static QString versionTable() { return QStringLiteral("coursedesk_schema_version"); }
    static QString versionTableSql(Engine engine);
    int currentVersion() const;

private:
    bool run(const QList<Migration>& migrations, bool recordPlatformAsAdopted, QString* error);
    QList<Migration> pendingMigrations() const;

    QSqlDatabase m_db;
    Engine m_engine;
    QList<Migration> m_migrations;
};
