#pragma once

#include <QString>

#include <cstdint>

// The exact texts an export writes for values, in one place. A shared cell formatter for the grid,
// forms and exports is planned in src/core; until it exists this delegates to Money (the grid's own
// code), so that switching is a change of this file only.
namespace CellText {
// "5999.00", "-12.30": exact, no grouping, no symbol (for files other programs read).
QString exactDecimal(std::int64_t minor);
} // namespace CellText
