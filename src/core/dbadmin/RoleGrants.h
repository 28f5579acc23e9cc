#pragma once

#include <QSqlDatabase>
#include <QString>

// The recommended least-privilege roles for a PostgreSQL platform database, as SQL for its owner
// to review and run (Coursedesk prints it; it never changes roles itself):
//   <prefix>readonly  reads every platform table, users without the password column, and
//                     Coursedesk's own tables;
//   <prefix>staff     readonly, plus the catalog (courses, features, marketplaces), users (every
//                     column but the password: a new user's hash is written on insert only),
//                     business info, enrollments and the enrollment workflows;
//   <prefix>finance   readonly, plus the payments workflows (record payment, refund: payments,
//                     the order's status, the enrollment it makes or cancels).
// Staff and finance write the audit log and their saved views. Roles are NOLOGIN groups: grant
// them to login roles. Only tables the database has are named; sequences are granted by name.
namespace RoleGrants {
QString sql(const QSqlDatabase& db, const QString& prefix, QString* error);
}
