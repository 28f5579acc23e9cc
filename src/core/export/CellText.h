#pragma once

#include <QString>

#include <cstdint>

// The exact texts an export writes for values that files need in another form than the screen:
// CellFormat (domain/) gives the text the grid and forms show ("₹5,999.00"), which exports use
// for statuses and names; money in a file is the plain exact decimal ("5999.00") instead.
namespace CellText {
// "5999.00", "-12.30": exact, no grouping, no symbol (for files other programs read).
QString exactDecimal(std::int64_t minor);
} // namespace CellText
