#pragma once

#include "TestDatabase.h"

#include <QTest>

// Every database suite runs once per engine, like Qt's own SQL autotests:
//
//   void initTestCase_data() { TestEngines::addRows(); }
//   void someTest() { TEST_DATABASE(db); ... db.db() ... }
//
// TEST_DATABASE makes a fresh empty database on the current row's engine (with the platform schema
// when asked) and skips the row if PostgreSQL is not configured — unless
// COURSEDESK_REQUIRE_POSTGRES=1 (CI), where a missing server is a failure.
// Declared before the first qMetaTypeId<Engine>() below: a later declaration is a specialization
// after instantiation, which optimised (Release) builds reject.
Q_DECLARE_METATYPE(Engine)

namespace TestEngines {
inline Engine current()
{
    return *static_cast<Engine*>(QTest::qGlobalData("engine", qMetaTypeId<Engine>()));
}
inline void addRows()
{
    QTest::addColumn<Engine>("engine");
    QTest::newRow("sqlite") << Engine::Sqlite;
    QTest::newRow("postgres") << Engine::Postgres;
}
} // namespace TestEngines

#define TEST_ENGINE_OR_SKIP(engineVar)                                                                                 \
    const Engine engineVar = *static_cast<Engine*>(QTest::qGlobalData("engine", qMetaTypeId<Engine>()));               \
    do {                                                                                                               \
        if (engineVar == Engine::Postgres && !TestDatabase::postgresConfigured()) {                                    \
            if (TestDatabase::postgresRequired())                                                                      \
                QFAIL("COURSEDESK_REQUIRE_POSTGRES is set but COURSEDESK_TEST_POSTGRES_URL is not");                   \
            QSKIP("PostgreSQL not configured: set COURSEDESK_TEST_POSTGRES_URL");                                      \
        }                                                                                                              \
    } while (false)

// A fresh database with the full schema (platform + Coursedesk objects) for the current engine.
#define TEST_DATABASE(name)                                                                                            \
    TEST_ENGINE_OR_SKIP(name##Engine);                                                                                 \
    TestDatabase name(name##Engine);                                                                                   \
    QVERIFY2(name.isValid(), qPrintable(name.error()));                                                                \
    QVERIFY2(name.createSchema(), qPrintable(name.error()))

// A fresh, completely empty database for the current engine.
#define TEST_EMPTY_DATABASE(name)                                                                                      \
    TEST_ENGINE_OR_SKIP(name##Engine);                                                                                 \
    TestDatabase name(name##Engine);                                                                                   \
    QVERIFY2(name.isValid(), qPrintable(name.error()))

// Runs a statement and prints the driver's error if it fails.
#define QVERIFY_SQL(query, statement) QVERIFY2((query).statement, qPrintable((query).lastError().text()))
