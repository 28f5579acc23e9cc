#include "Privileges.h"

#include "Database.h"

#include <QMutex>
#include <QSqlQuery>

namespace {
QMutex s_cacheMutex;
QHash<QString, Privileges>& cache()
{
    static QHash<QString, Privileges> map;
    return map;
}

QString verb(Privileges::Action action)
{
    switch (action) {
    case Privileges::Action::Select:
        return QStringLiteral("read");
    case Privileges::Action::Insert:
        return QStringLiteral("add to");
    case Privileges::Action::Update:
        return QStringLiteral("update");
    case Privileges::Action::Delete:
        return QStringLiteral("delete from");
    }
    return QString();
}

const QString& auditLog()
{
    static const QString name = QStringLiteral("coursedesk_audit_log");
    return name;
}
} // namespace

Privileges Privileges::read(const QSqlDatabase& db)
{
    Privileges p;
    if (!db.isValid()) {
        return p;
    }
    if (!Database::isPostgres(db)) {
        p.m_readOnlyReason = Database::readOnlyReason(db);
        p.m_everything = p.m_readOnlyReason.isEmpty();
        return p;
    }
    // Table-level answers count a privilege on any column (a staff role updates users without its
    // password column); the column answers are read for every column of the current schema's
    // tables: a few hundred rows at most.
    QSqlQuery tables(db);
    tables.setForwardOnly(true);
    if (!tables.exec(QStringLiteral(
            "SELECT c.relname, has_any_column_privilege(c.oid, 'SELECT'), has_any_column_privilege(c.oid, 'INSERT'), "
            "has_any_column_privilege(c.oid, 'UPDATE'), has_table_privilege(c.oid, 'DELETE') "
            "FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) "
            "AND c.relkind IN ('r', 'p', 'v')"))) {
        return p; // cannot tell: let the server decide on save
    }
    p.m_everything = false;
    while (tables.next()) {
        Table& t = p.m_tables[tables.value(0).toString()];
        t.select = tables.value(1).toBool();
        t.insert = tables.value(2).toBool();
        t.update = tables.value(3).toBool();
        t.del = tables.value(4).toBool();
    }
    QSqlQuery columns(db);
    columns.setForwardOnly(true);
    if (columns.exec(QStringLiteral(
            "SELECT c.relname, a.attname, has_column_privilege(c.oid, a.attnum, 'SELECT'), "
            "has_column_privilege(c.oid, a.attnum, 'INSERT'), has_column_privilege(c.oid, a.attnum, 'UPDATE') "
            "FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid "
            "WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND c.relkind IN "
            "('r', 'p', 'v') "
            "AND a.attnum > 0 AND NOT a.attisdropped"))) {
        while (columns.next()) {
            Table& t = p.m_tables[columns.value(0).toString()];
            const QString column = columns.value(1).toString();
            t.columnSelect.insert(column, columns.value(2).toBool());
            t.columnInsert.insert(column, columns.value(3).toBool());
            t.columnUpdate.insert(column, columns.value(4).toBool());
        }
    }
    return p;
}

Privileges Privileges::of(const QSqlDatabase& db)
{
    const QString name = db.connectionName();
    {
        QMutexLocker lock(&s_cacheMutex);
        if (const auto it = cache().constFind(name); it != cache().cend()) {
            return *it;
        }
    }
    const Privileges p = read(db);
    QMutexLocker lock(&s_cacheMutex);
    cache().insert(name, p);
    return p;
}

void Privileges::forget(const QString& connectionName)
{
    QMutexLocker lock(&s_cacheMutex);
    cache().remove(connectionName);
}

bool Privileges::allowed(const Table& t, const Need& need)
{
    if (!need.column.isEmpty()) {
        const QHash<QString, bool>* columns = need.action == Action::Select   ? &t.columnSelect
                                              : need.action == Action::Insert ? &t.columnInsert
                                              : need.action == Action::Update ? &t.columnUpdate
                                                                              : nullptr;
        if (columns && columns->contains(need.column)) {
            return columns->value(need.column);
        }
    }
    switch (need.action) {
    case Action::Select:
        return t.select;
    case Action::Insert:
        return t.insert;
    case Action::Update:
        return t.update;
    case Action::Delete:
        return t.del;
    }
    return false;
}

bool Privileges::may(const QString& table, Action action) const
{
    return mayAll({{table, action}});
}

bool Privileges::mayColumn(const QString& table, const QString& column, Action action) const
{
    return mayAll({{table, action, column}});
}

bool Privileges::mayAll(const QList<Need>& needs) const
{
    return refusal(needs).isEmpty();
}

QString Privileges::refusal(const QList<Need>& needs) const
{
    if (m_everything) {
        return QString();
    }
    for (const Need& need : needs) {
        if (!m_readOnlyReason.isEmpty()) {
            if (need.action != Action::Select) {
                return QStringLiteral("Read-only: %1").arg(m_readOnlyReason);
            }
            continue;
        }
        const auto it = m_tables.constFind(need.table);
        if (it == m_tables.cend()) {
            continue; // no such table: not a question of privileges
        }
        if (!allowed(*it, need)) {
            return QStringLiteral("Read-only: your role may not %1").arg(describe(need));
        }
    }
    return QString();
}

bool Privileges::readOnly() const
{
    if (m_everything) {
        return false;
    }
    if (!m_readOnlyReason.isEmpty()) {
        return true;
    }
    for (auto it = m_tables.cbegin(); it != m_tables.cend(); ++it) {
        if (it.key() != auditLog() && (it->insert || it->update || it->del)) {
            return false;
        }
    }
    return true;
}

QList<Privileges::Need> Privileges::workflowNeeds(const QString& workflow)
{
    const Need audit{auditLog(), Action::Insert};
    if (workflow == QLatin1String("record_payment")) {
        return {{QStringLiteral("payments"), Action::Insert},
                {QStringLiteral("orders"), Action::Update},
                {QStringLiteral("enrollments"), Action::Insert},
                audit};
    }
    if (workflow == QLatin1String("refund")) {
        return {{QStringLiteral("payments"), Action::Update},
                {QStringLiteral("orders"), Action::Update},
                {QStringLiteral("enrollments"), Action::Update},
                audit};
    }
    if (workflow == QLatin1String("enroll")) {
        return {{QStringLiteral("orders"), Action::Insert}, {QStringLiteral("enrollments"), Action::Insert}, audit};
    }
    if (workflow == QLatin1String("suspend") || workflow == QLatin1String("reactivate") ||
        workflow == QLatin1String("cancel") || workflow == QLatin1String("complete")) {
        return {{QStringLiteral("enrollments"), Action::Update}, audit};
    }
    if (workflow == QLatin1String("reset_password")) {
        return {{QStringLiteral("users"), Action::Update, QStringLiteral("password")}, audit};
    }
    return {};
}

QString Privileges::describe(const Need& need)
{
    if (!need.column.isEmpty()) {
        return QStringLiteral("%1 %2.%3").arg(verb(need.action), need.table, need.column);
    }
    return QStringLiteral("%1 %2").arg(verb(need.action), need.table);
}
