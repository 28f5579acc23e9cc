#include "TestRoles.h"

#include "dbadmin/RoleGrants.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <QSqlError>
#include <QSqlQuery>

TestRoles::TestRoles(const TestDatabase& db)
    : m_db(db), m_prefix(QStringLiteral("cdt%1_%2_")
                             .arg(QCoreApplication::applicationPid())
                             .arg(QRandomGenerator::global()->bounded(1000000)))
{
}

TestRoles::~TestRoles()
{
    QSqlQuery query(m_db.db());
    for (const QString& role : std::as_const(m_made)) {
        query.exec(QStringLiteral("DROP OWNED BY %1").arg(role));
    }
    for (const QString& role : std::as_const(m_made)) {
        query.exec(QStringLiteral("DROP ROLE IF EXISTS %1").arg(role));
    }
}

bool TestRoles::adminExec(const QString& sql)
{
    QSqlQuery query(m_db.db());
    if (!query.exec(sql)) {
        m_error = query.lastError().text() + QLatin1Char('\n') + sql;
        return false;
    }
    return true;
}

bool TestRoles::create()
{
    const QString grants = RoleGrants::sql(m_db.db(), m_prefix, &m_error);
    if (grants.isEmpty()) {
        return false;
    }
    m_made << m_prefix + QStringLiteral("readonly") << m_prefix + QStringLiteral("staff")
           << m_prefix + QStringLiteral("finance");
    // The script as a database owner would run it: statement by statement (one per line).
    for (const QString& line : grants.split(QLatin1Char('\n'))) {
        if (line.trimmed().isEmpty() || line.startsWith(QLatin1String("--"))) {
            continue;
        }
        if (!adminExec(line.trimmed().chopped(1))) {
            return false;
        }
    }
    const QList<QPair<QString, QString>> logins = {{QStringLiteral("staff"), QStringLiteral("staff")},
                                                   {QStringLiteral("finance"), QStringLiteral("finance")},
                                                   {QStringLiteral("viewer"), QStringLiteral("readonly")}};
    for (const auto& [who, group] : logins) {
        if (!adminExec(QStringLiteral("CREATE ROLE %1 LOGIN IN ROLE %2").arg(roleName(who), m_prefix + group))) {
            return false;
        }
        m_made.prepend(roleName(who));
        if (!adminExec(QStringLiteral("GRANT CONNECT ON DATABASE %1 TO %2").arg(m_db.url().database, roleName(who)))) {
            return false;
        }
    }
    return true;
}

DatabaseUrl TestRoles::urlFor(const QString& who) const
{
    DatabaseUrl url = m_db.url();
    url.user = roleName(who);
    url.password.clear();
    return url;
}
