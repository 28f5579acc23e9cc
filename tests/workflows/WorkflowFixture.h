#pragma once

#include "TestEngines.h"
#include "TestSql.h"

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

// A small platform catalog and three users, the same on both engines:
//   courses starter-track (5999.00 / 7999.00, 2 features, 1 marketplace), growth-track
//   users 1 asha@example.in, 2 liam@example.in, 3 zoya@example.in
//   order 1: asha, starter-track, 5999.00, CREATED (awaiting payment)
//   order 2: liam, growth-track, 9999.00, PAID + payment 1 (pay_L2, COMPLETED) + enrollment 1 ACTIVE
namespace WorkflowFixture {
bool seed(TestDatabase& db);
using TestSql::scalar;
qlonglong count(const QSqlDatabase& db, const QString& table, const QString& where = QString(),
                const QVariantList& binds = {});
// Every status / role / level column holds only values from PlatformValues; the offenders.
QStringList unknownPlatformValues(const QSqlDatabase& db);
// A trigger that makes `operation` ("INSERT"/"UPDATE") on `table` fail when `condition` (SQL on
// NEW, e.g. "NEW.user_id = 3") holds: a failure halfway through a workflow.
bool injectFailure(TestDatabase& db, const QString& table, const QString& operation, const QString& condition);
// Total rows of the tables workflows write, to prove a failed one left nothing behind.
QString fingerprint(const QSqlDatabase& db);
} // namespace WorkflowFixture

#define SEEDED_DATABASE(name)                                                                                          \
    TEST_DATABASE(name);                                                                                               \
    QVERIFY2(WorkflowFixture::seed(name), qPrintable(name.error()))
