#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include "db/DatabaseUrl.h"

// Small SQL helpers shared by the suites: they read what the app wrote, independently of it.
namespace TestSql {
// The first column of the first row of `sql` with `binds`; an invalid QVariant (and a warning
// naming the statement) when it fails or returns nothing.
QVariant scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {});
// The platform's own schema script (sql/<engine>/001_platform_schema.sql from the source tree):
// what the platform's backend created, for tests that start from a platform database.
QString platformSql(Engine engine);
} // namespace TestSql
