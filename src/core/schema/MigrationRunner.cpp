#include "MigrationRunner.h"

#include "SchemaInspector.h"
#include "db/Database.h"
#include "db/SqlTime.h"

#include <QSqlError>
#include <QSqlQuery>

QString MigrationRunner::versionTableSql(Engine engine)
{
    if (engine == Engine::Postgres) {
        return QStringLiteral("CREATE TABLE coursedesk_schema_version (version INTEGER PRIMARY KEY, "
                              "name VARCHAR(100) NOT NULL, how VARCHAR(10) NOT NULL, "
                              "applied_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    }
    return QStringLiteral("CREATE TABLE coursedesk_schema_version (version INTEGER PRIMARY KEY, "
                          "name VARCHAR(100) NOT NULL, how VARCHAR(10) NOT NULL, "
                          "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')))");
}

QString MigrationRunner::Status::message() const
{
    switch (state) {
    case State::Empty:
        return QStringLiteral("The database is empty. Coursedesk can create the platform schema in it.");
    case State::Current:
        return QStringLiteral("The schema is up to date (version %1).").arg(currentVersion);
    case State::Outdated:
        return QStringLiteral("The schema is at version %1; this Coursedesk brings it to version %2.")
            .arg(currentVersion)
            .arg(latestVersion);
    case State::Unmanaged:
        return QStringLiteral("This is the platform's database. Its tables are complete; Coursedesk's own "
                              "objects are not installed yet.");
    case State::TooNew:
        return QStringLiteral("This database was set up by a newer Coursedesk (schema version %1; this version "
                              "knows up to %2). Update Coursedesk to open it. Nothing was changed.")
            .arg(currentVersion)
            .arg(latestVersion);
    case State::Incomplete:
        return QStringLiteral("The database lacks what Coursedesk needs:\n- %1")
            .arg(missing.join(QStringLiteral("\n- ")));
    }
    return QString();
}

MigrationRunner::MigrationRunner(QSqlDatabase db)
    : m_db(std::move(db)), m_engine(Database::engine(m_db)), m_migrations(Migration::load(m_engine))
{
}

int MigrationRunner::currentVersion() const
{
    QSqlQuery query(m_db);
    if (query.exec(QStringLiteral("SELECT MAX(version) FROM coursedesk_schema_version")) && query.next()) {
        return query.value(0).toInt();
    }
    return 0;
}

QList<Migration> MigrationRunner::pendingMigrations() const
{
    const int current = SchemaInspector(m_db).hasTable(versionTable()) ? currentVersion() : 1;
    QList<Migration> pending;
    for (const Migration& migration : m_migrations) {
        if (migration.version > current) {
            pending << migration;
        }
    }
    return pending;
}

MigrationRunner::Status MigrationRunner::inspect() const
{
    Status status;
    status.latestVersion = m_migrations.isEmpty() ? 0 : m_migrations.constLast().version;
    const SchemaInspector inspector(m_db);
    const bool managed = inspector.hasTable(versionTable());
    if (managed) {
        status.currentVersion = currentVersion();
        if (status.currentVersion > status.latestVersion) {
            status.state = State::TooNew;
            return status;
        }
    }
    if (!managed && !inspector.hasAnyPlatformTable()) {
        status.state = State::Empty;
        status.pending = m_migrations;
        return status;
    }
    status.missing = inspector.missingPlatformObjects();
    if (!status.missing.isEmpty()) {
        status.state = State::Incomplete;
        return status;
    }
    status.pending = pendingMigrations();
    if (!managed) {
        status.state = State::Unmanaged;
    } else {
        status.state = status.pending.isEmpty() ? State::Current : State::Outdated;
    }
    return status;
}

QStringList MigrationRunner::plannedObjects() const
{
    QStringList objects;
    if (!SchemaInspector(m_db).hasTable(versionTable())) {
        objects << QStringLiteral("table ") + versionTable();
    }
    for (const Migration& migration : pendingMigrations()) {
        objects << migration.createdObjects();
    }
    return objects;
}

bool MigrationRunner::createSchema(QString* error)
{
    const Status status = inspect();
    if (status.state != State::Empty) {
        if (error) {
            *error = QStringLiteral("The database is not empty; the schema was not created.");
        }
        return false;
    }
    return run(m_migrations, false, error);
}

bool MigrationRunner::applyPending(QString* error)
{
    const Status status = inspect();
    if (status.state == State::TooNew || status.state == State::Incomplete) {
        if (error) {
            *error = status.message();
        }
        return false;
    }
    if (status.state == State::Empty) {
        return createSchema(error);
    }
    return run(status.pending, status.state == State::Unmanaged, error);
}

bool MigrationRunner::adopt(QString* error)
{
    const Status status = inspect();
    if (status.state != State::Unmanaged) {
        if (error) {
            *error = QStringLiteral("Only a platform database without Coursedesk objects can be adopted. ") +
                     status.message();
        }
        return false;
    }
    return run(status.pending, true, error);
}

bool MigrationRunner::run(const QList<Migration>& migrations, bool recordPlatformAsAdopted, QString* error)
{
    if (!m_db.transaction()) {
        if (error) {
            *error = QStringLiteral("Could not start a transaction: ") + m_db.lastError().text();
        }
        return false;
    }
    auto fail = [&](const QString& message) {
        m_db.rollback();
        if (error) {
            *error = message;
        }
        return false;
    };
    QSqlQuery query(m_db);
    const SqlTime time = SqlTime::forConnection(m_db);
    if (!SchemaInspector(m_db).hasTable(versionTable())) {
        if (!query.exec(versionTableSql(m_engine))) {
            return fail(QStringLiteral("Could not create %1: %2").arg(versionTable(), query.lastError().text()));
        }
    }
    auto record = [&](const Migration& migration, const QString& how) {
        QSqlQuery insert(m_db);
        insert.prepare(QStringLiteral("INSERT INTO coursedesk_schema_version (version, name, how, applied_at) "
                                      "VALUES (?, ?, ?, ?)"));
        insert.addBindValue(migration.version);
        insert.addBindValue(migration.name);
        insert.addBindValue(how);
        insert.addBindValue(time.nowForDb());
        return insert.exec() ? QString() : insert.lastError().text();
    };
    if (recordPlatformAsAdopted) {
        for (const Migration& migration : m_migrations) {
            if (migration.isPlatformSchema()) {
                if (const QString problem = record(migration, QStringLiteral("adopted")); !problem.isEmpty()) {
                    return fail(problem);
                }
            }
        }
    }
    for (const Migration& migration : migrations) {
        if (migration.isPlatformSchema() && recordPlatformAsAdopted) {
            continue;
        }
        for (const QString& statement : migration.statements()) {
            if (!query.exec(statement)) {
                return fail(QStringLiteral("Migration %1 (%2) failed: %3\n%4")
                                .arg(migration.version)
                                .arg(migration.name, query.lastError().text(), statement.left(200)));
            }
        }
        if (const QString problem = record(migration, QStringLiteral("applied")); !problem.isEmpty()) {
            return fail(problem);
        }
    }
    if (!m_db.commit()) {
        return fail(QStringLiteral("Could not commit the migration: ") + m_db.lastError().text());
    }
    return true;
}
