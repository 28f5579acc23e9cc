#include "TestDatabase.h"

#include "demo/DemoDatabase.h"
#include "schema/MigrationRunner.h"

#include <QDate>

bool TestDatabase::fillDemoData()
{
    // A fixed anchor: every suite sees the same rows on every day it runs (the data covers the
    // 18 months before 1 July 2025).
    static const QDate anchor(2025, 7, 1);
    MigrationRunner runner(db());
    if (runner.inspect().state == MigrationRunner::State::Empty && !runner.createSchema(&m_error)) {
        return false;
    }
    return DemoDatabase::fill(db(), &m_error, anchor);
}
