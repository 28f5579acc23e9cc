#include "CellText.h"

#include "money/Money.h"

namespace CellText {
QString exactDecimal(std::int64_t minor)
{
    return Money::toDecimalString(minor);
}
} // namespace CellText
