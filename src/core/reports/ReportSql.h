#pragma once

#include "db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QSqlQuery>

#include <QString>
#include <QVariant>
#include <functional>

class SqlTime;
class QSqlError;
class QDateTime;
class QDate;

// Engine-specific SQL fragments shared by the reports. Column expressions passed in are fixed
// identifiers from the schema; user values are always bound.
namespace ReportSql {
// A bound timestamp: PostgreSQL needs an explicit cast, SQLite compares ISO text.
QString timestampParam(Engine engine);
// A bound 'YYYY-MM-DD' compared with a shiftedDay() value (a DATE on PostgreSQL, text on SQLite).
QString dateParam(Engine engine);
// A shiftedDay() value as read back.
QDate day(const QVariant& value);
// "?, ?, ?": `count` bound values.
QString placeholders(qsizetype count);
// The join of a statement whose left table must drive it: SQLite's planner, without statistics or
// with an index on the right table's key, would otherwise walk the right table and look the left
// one up (CROSS JOIN fixes the order there); PostgreSQL chooses by its statistics.
QString drivingJoin(Engine engine);
// The bound text of a period bound. Whole seconds without ".000": on SQLite a stored value with or
// without milliseconds then compares correctly as text ("...00:00" <= "...00:00.000").
QString boundText(const SqlTime& time, const QDateTime& instant);
// The date of `ts` shifted by a bound number of seconds (see ZoneSegment): a DATE on PostgreSQL,
// 'YYYY-MM-DD' text on SQLite.
QString shiftedDay(Engine engine, const QString& ts);
QVariant shiftValue(Engine engine, qint64 seconds);
// "'A', 'B'" for fixed platform values (constants from PlatformValues, never user input).
QString literalList(const QStringList& values);
// What a failed report query means for the user, in words: a missing table or column, a sum that
// overflowed or met NaN (a damaged amount), a full disk, a cancelled statement; the driver's own
// text otherwise. Reports only read, so every message says that nothing was written.
QString explain(const QSqlError& error);
// Exec with the explained message in `error` on failure.
bool exec(QSqlQuery& query, QString* error);
// Prepares `sql`, binds `binds` in order, runs it forward-only and calls `row` for each result row.
bool select(const QSqlDatabase& db, const QString& sql, const QVariantList& binds,
            const std::function<void(const QSqlQuery&)>& row, QString* error);
} // namespace ReportSql
