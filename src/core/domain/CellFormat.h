#pragma once

#include "domain/TableSpec.h"

#include <QDateTime>
#include <QString>
#include <QVariant>

#include <cstdint>

class SqlTime;

// How a value of a platform column reads, everywhere: the grid, the forms, exports. One format per
// kind, so a timestamp reads "2026-11-25 14:05" (local time, sortable, no month names to
// translate) in every place, and an amount "₹5,999.00" in its row's currency.
namespace CellFormat {

// QDateTimeEdit display format matching timestamp().
inline constexpr const char* dateTimeEditFormat = "yyyy-MM-dd HH:mm";

// An instant in this machine's zone (cached per quarter hour: formatting a window of rows asks
// the zone database once, not once per cell).
QDateTime toLocal(const QDateTime& instant);
// "2026-11-25 14:05" of a date-time already in local time.
QString wallClock(const QDateTime& local);
// "2026-11-25 14:05" of any instant, in local time; empty for an invalid one.
QString timestamp(const QDateTime& instant);
QString money(std::int64_t minor, const QString& currency);
// The text of one stored value of `column` (money as decimal text, timestamps as the connection
// stores them, enums as codes, relations: give the referenced row's display text instead).
QString text(const ColumnSpec& column, const QVariant& stored, const SqlTime& time,
             const QString& currency = QStringLiteral("INR"));

} // namespace CellFormat
