#include "ObjectsBuilder.h"

#include "IndexCatalog.h"
#include "Migration.h"
#include "MigrationRunner.h"
#include "SchemaInspector.h"
#include "db/Database.h"
#include "db/SqlTime.h"

#include <QMutexLocker>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

namespace {
QString createdTable(const QString& statement)
{
    static const QRegularExpression table(
        QStringLiteral("^\\s*CREATE\\s+TABLE\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?(\\w+)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    const auto match = table.match(statement);
    return match.hasMatch() ? match.captured(1) : QString();
}

// "CREATE INDEX x ON …" -> "CREATE INDEX CONCURRENTLY x ON …" (PostgreSQL).
QString concurrently(const QString& statement)
{
    static const QRegularExpression create(QStringLiteral("^(\\s*CREATE\\s+(?:UNIQUE\\s+)?INDEX)\\s+"),
                                           QRegularExpression::CaseInsensitiveOption);
    QString sql = statement;
    sql.replace(create, QStringLiteral("\\1 CONCURRENTLY "));
    return sql;
}

bool cancelledByServer(const QSqlError& error, Engine engine)
{
    const QString code = error.nativeErrorCode();
    return engine == Engine::Postgres ? code == QLatin1String("57014") : code == QLatin1String("9");
}
} // namespace

QString ObjectsBuilder::Item::state() const
{
    if (invalid) {
        return QStringLiteral("invalid (an interrupted build; will be rebuilt)");
    }
    return exists ? QStringLiteral("exists") : QStringLiteral("missing");
}

QString ObjectsBuilder::Progress::text() const
{
    QString line = index.isEmpty() ? QStringLiteral("step") : index;
    if (steps > 0) {
        line += QStringLiteral(" (%1/%2)").arg(step).arg(steps);
    }
    if (!phase.isEmpty()) {
        line += QStringLiteral(": ") + phase;
    }
    if (total > 0 && done >= 0) {
        line += QStringLiteral(" %1%").arg(100 * done / total);
    }
    return line;
}

ObjectsBuilder::ObjectsBuilder(QSqlDatabase db) : m_db(std::move(db)), m_engine(Database::engine(m_db))
{
    if (m_engine == Engine::Postgres) {
        QSqlQuery query(m_db);
        if (query.exec(QStringLiteral("SELECT pg_backend_pid()")) && query.next()) {
            m_pid = query.value(0).toLongLong();
        }
    } else {
        const QVariant handle = m_db.driver()->handle();
        if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
            m_sqlite = *static_cast<sqlite3* const*>(handle.data());
        }
    }
}

bool ObjectsBuilder::managed() const
{
    return SchemaInspector(m_db).hasTable(MigrationRunner::versionTable());
}

QList<ObjectsBuilder::Item> ObjectsBuilder::inventory() const
{
    QList<Item> items;
    const SchemaInspector inspector(m_db);
    const QStringList tables = inspector.tables();
    const IndexCatalog catalog = IndexCatalog::read(m_db);
    Item version;
    version.kind = Item::Kind::Table;
    version.name = MigrationRunner::versionTable();
    version.sql = MigrationRunner::versionTableSql(m_engine);
    version.exists = tables.contains(version.name);
    items << version;
    for (const Migration& migration : Migration::load(m_engine)) {
        if (migration.isPlatformSchema()) {
            continue;
        }
        for (const QString& statement : migration.statements()) {
            Item item;
            item.sql = statement;
            item.migration = migration.version;
            const IndexCatalog::Index index = IndexCatalog::parseCreateIndex(statement);
            if (!index.name.isEmpty()) {
                item.kind = Item::Kind::Index;
                item.name = index.name;
                item.table = index.table;
                const IndexCatalog::Index* found = catalog.find(index.name);
                item.exists = found && found->valid;
                item.invalid = found && !found->valid;
            } else if (const QString table = createdTable(statement); !table.isEmpty()) {
                item.kind = Item::Kind::Table;
                item.name = table;
                item.exists = tables.contains(table);
            } else {
                continue; // not an object (the pending migration runs it, see plan())
            }
            items << item;
        }
    }
    return items;
}

bool ObjectsBuilder::isComplete() const
{
    for (const Item& item : inventory()) {
        if (!item.exists) {
            return false;
        }
    }
    return plan().isEmpty();
}

QList<ObjectsBuilder::Planned> ObjectsBuilder::plan() const
{
    const bool hasVersionTable = managed();
    const int current = hasVersionTable ? MigrationRunner(m_db).currentVersion() : 0;
    // Nothing recorded yet: the platform's own database (or a run that stopped before recording).
    const bool adopting = current == 0;
    const QList<Item> items = inventory();
    auto itemFor = [&items](const QString& sql) -> const Item* {
        for (const Item& item : items) {
            if (item.sql == sql) {
                return &item;
            }
        }
        return nullptr;
    };
    QList<Planned> tables;
    QList<Planned> indexes;
    QList<Planned> versions;
    if (!hasVersionTable) {
        tables << Planned{MigrationRunner::versionTableSql(m_engine), QString(), true};
    }
    const QString now = SqlTime::forConnection(m_db).nowForDb();
    auto record = [&](const Migration& migration, const QString& how) {
        QSqlField name(QStringLiteral("name"), QMetaType(QMetaType::QString));
        name.setValue(migration.name);
        QSqlField at(QStringLiteral("at"), QMetaType(QMetaType::QString));
        at.setValue(now);
        versions << Planned{QStringLiteral("INSERT INTO %1 (version, name, how, applied_at) VALUES (%2, %3, '%4', %5)")
                                .arg(MigrationRunner::versionTable())
                                .arg(migration.version)
                                .arg(m_db.driver()->formatValue(name), how, m_db.driver()->formatValue(at)),
                            QString(), true};
    };
    for (const Migration& migration : Migration::load(m_engine)) {
        if (migration.isPlatformSchema()) {
            if (adopting) {
                record(migration, QStringLiteral("adopted"));
            }
            continue;
        }
        const bool pending = migration.version > std::max(current, 1);
        for (const QString& statement : migration.statements()) {
            const Item* item = itemFor(statement);
            if (item && item->kind == Item::Kind::Index) {
                if (item->exists) {
                    continue;
                }
                if (m_engine == Engine::Postgres) {
                    if (item->invalid) {
                        indexes << Planned{QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS %1").arg(item->name),
                                           item->name, false};
                    }
                    indexes << Planned{concurrently(statement), item->name, false};
                } else {
                    indexes << Planned{statement, item->name, false};
                }
            } else if (item) {
                if (!item->exists) {
                    tables << Planned{statement, QString(), true};
                }
            } else if (pending) {
                tables << Planned{statement, QString(), true};
            }
        }
        if (pending) {
            record(migration, QStringLiteral("applied"));
        }
    }
    // PostgreSQL keeps statistics of an index's expressions (lower(email)) only from the next
    // ANALYZE; until then it guesses their selectivity (5,000 matches for one email) and may plan
    // a search by email as a walk of the whole orders table. ANALYZE samples the table and takes
    // the same lock as the concurrent build: the platform's writes go on.
    QStringList analyze;
    for (const Planned& p : std::as_const(indexes)) {
        const IndexCatalog::Index index = IndexCatalog::parseCreateIndex(p.sql);
        const bool expression = std::any_of(index.keys.cbegin(), index.keys.cend(),
                                            [](const QString& key) { return key.contains(QLatin1Char('(')); });
        if (m_engine == Engine::Postgres && expression && !analyze.contains(index.table)) {
            analyze << index.table;
        }
    }
    for (const QString& table : std::as_const(analyze)) {
        indexes << Planned{QStringLiteral("ANALYZE %1").arg(table), QString(), false};
    }
    return tables + indexes + versions;
}

QStringList ObjectsBuilder::plannedSql() const
{
    QStringList sql;
    const QList<Planned> planned = plan();
    bool inTransaction = false;
    for (const Planned& p : planned) {
        if (p.inTransaction != inTransaction) {
            sql << (p.inTransaction ? QStringLiteral("BEGIN") : QStringLiteral("COMMIT"));
            inTransaction = p.inTransaction;
        }
        sql << p.sql;
    }
    if (inTransaction) {
        sql << QStringLiteral("COMMIT");
    }
    return sql;
}

bool ObjectsBuilder::apply(QString* error, const std::function<void(int, int, const QString&)>& step)
{
    m_cancelled = false;
    const QList<Planned> planned = plan();
    {
        QMutexLocker lock(&m_mutex);
        m_steps = static_cast<int>(planned.size());
        m_currentStep = 0;
        m_currentIndex.clear();
    }
    auto fail = [&](const QString& message, bool rollback) {
        if (rollback) {
            m_db.rollback();
        }
        if (error) {
            *error = message;
        }
        QMutexLocker lock(&m_mutex);
        m_currentIndex.clear();
        return false;
    };
    bool inTransaction = false;
    for (int i = 0; i < planned.size(); ++i) {
        const Planned& p = planned.at(i);
        if (m_cancelled) {
            return fail(QStringLiteral("Cancelled; what was built is kept, the next run completes the rest."),
                        inTransaction);
        }
        if (p.inTransaction && !inTransaction) {
            if (!m_db.transaction()) {
                return fail(QStringLiteral("Could not start a transaction: ") + m_db.lastError().text(), false);
            }
            inTransaction = true;
        } else if (!p.inTransaction && inTransaction) {
            if (!m_db.commit()) {
                return fail(QStringLiteral("Could not commit: ") + m_db.lastError().text(), true);
            }
            inTransaction = false;
        }
        {
            QMutexLocker lock(&m_mutex);
            m_currentStep = i + 1;
            m_currentIndex = p.index;
        }
        if (step) {
            step(i + 1, static_cast<int>(planned.size()), p.sql);
        }
        QSqlQuery query(m_db);
        if (!query.exec(p.sql)) {
            const QSqlError e = query.lastError();
            if (cancelledByServer(e, m_engine)) {
                m_cancelled = true;
                return fail(QStringLiteral("Cancelled while building %1; it is left unusable and is rebuilt by the "
                                           "next run.")
                                .arg(p.index.isEmpty() ? QStringLiteral("an object") : p.index),
                            inTransaction);
            }
            return fail(QStringLiteral("%1 failed: %2").arg(p.sql.left(200), e.text()), inTransaction);
        }
    }
    if (inTransaction && !m_db.commit()) {
        return fail(QStringLiteral("Could not commit: ") + m_db.lastError().text(), true);
    }
    QMutexLocker lock(&m_mutex);
    m_currentIndex.clear();
    return true;
}

void ObjectsBuilder::cancel(const QString& viaConnection)
{
    m_cancelled = true;
    if (m_engine == Engine::Sqlite) {
        if (m_sqlite) {
            sqlite3_interrupt(static_cast<sqlite3*>(m_sqlite));
        }
        return;
    }
    QSqlQuery query(QSqlDatabase::database(viaConnection, false));
    query.prepare(QStringLiteral("SELECT pg_cancel_backend(?)"));
    query.addBindValue(m_pid);
    query.exec();
}

ObjectsBuilder::Progress ObjectsBuilder::progress(const QString& viaConnection) const
{
    Progress progress;
    {
        QMutexLocker lock(&m_mutex);
        progress.index = m_currentIndex;
        progress.step = m_currentStep;
        progress.steps = m_steps;
    }
    if (m_engine != Engine::Postgres || m_pid <= 0 || progress.index.isEmpty()) {
        return progress;
    }
    QSqlQuery query(QSqlDatabase::database(viaConnection, false));
    query.prepare(QStringLiteral("SELECT phase, blocks_done, blocks_total, tuples_done, tuples_total, lockers_done, "
                                 "lockers_total FROM pg_stat_progress_create_index WHERE pid = ?"));
    query.addBindValue(m_pid);
    if (query.exec() && query.next()) {
        progress.phase = query.value(0).toString();
        for (int column : {1, 3, 5}) {
            if (query.value(column + 1).toLongLong() > 0) {
                progress.done = query.value(column).toLongLong();
                progress.total = query.value(column + 1).toLongLong();
                break;
            }
        }
    }
    return progress;
}
