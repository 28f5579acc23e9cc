#pragma once

#include "TestDatabase.h"

#include <QStringList>

// Login roles on a PostgreSQL test database, made from Coursedesk's own recommended GRANTs
// (`coursedesk db roles --print-sql`), so tests connect the way a least-privilege user does:
//   staff   (member of <prefix>staff: no SELECT on users.password),
//   finance (member of <prefix>finance),
//   viewer  (member of <prefix>readonly: SELECT only).
// Roles belong to the whole server: each fixture uses its own prefix and drops what it made.
class TestRoles
{
public:
    explicit TestRoles(const TestDatabase& db);
    ~TestRoles();
    TestRoles(const TestRoles&) = delete;
    TestRoles& operator=(const TestRoles&) = delete;

    bool create();
    QString error() const { return m_error; }
    QString prefix() const { return m_prefix; }
    // The test database's URL, logging in as `who` ("staff", "finance", "viewer").
    DatabaseUrl urlFor(const QString& who) const;
    QString roleName(const QString& who) const { return m_prefix + QStringLiteral("login_") + who; }
    // Runs `sql` as the database's administrator (to revoke something mid-test).
    bool adminExec(const QString& sql);

private:
    const TestDatabase& m_db;
    QString m_prefix;
    QStringList m_made;
    QString m_error;
};
