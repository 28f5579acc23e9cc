#pragma once

#include "db/DatabaseUrl.h"

#include <QString>

// SQL fragments that turn a DECIMAL(10,2) column into exact integer minor units, per engine.
// `column` must come from the schema (a fixed identifier), never from user input.
namespace MoneySql {
// PostgreSQL: (x*100)::bigint is exact on NUMERIC. SQLite: CAST(round(x*100) AS INTEGER).
QString minorUnits(Engine engine, const QString& column);
// SUM of minor units, exact on both engines (integers on SQLite, NUMERIC on PostgreSQL); NULL when
// any summed value is damaged (see damagedAmount), so the reader reports it instead of a wrong total.
QString sumMinorUnits(Engine engine, const QString& column);
// A condition true when `column` holds no usable DECIMAL(10,2) amount: NULL, NaN (PostgreSQL's
// NUMERIC has one), a blob or text (SQLite stores what it is given), below zero, beyond
// 99999999.99 or with more than two decimals. Money::sqlAmountDamage says which, per value.
QString damagedAmount(Engine engine, const QString& column);
// minorUnits() of `column`, NULL where damagedAmount() holds: NaN cannot become a bigint on
// PostgreSQL, and SQLite would turn 'NaN' or a blob into 0 and 1e308 into the largest integer.
QString checkedMinorUnits(Engine engine, const QString& column);
} // namespace MoneySql
