#pragma once

#include "db/DatabaseUrl.h"

#include <QString>

// SQL fragments that turn a DECIMAL(10,2) column into exact integer minor units, per engine.
// `column` must come from the schema (a fixed identifier), never from user input.
namespace MoneySql {
// PostgreSQL: (x*100)::bigint is exact on NUMERIC. SQLite: CAST(round(x*100) AS INTEGER).
QString minorUnits(Engine engine, const QString& column);
// SUM of minor units, exact on both engines (integers on SQLite, NUMERIC on PostgreSQL).
QString sumMinorUnits(Engine engine, const QString& column);
} // namespace MoneySql
