#pragma once

#include "db/DatabaseUrl.h"
#include "domain/TableSpec.h"

#include <QString>
#include <QVariantList>

struct ColumnFilter;

// The SQL of the filters a page's filter bar and "contains" search add to a windowed query:
// literal substring matches and range bounds. Kept apart from WindowedQuery's planning so that
// each can change without the other. Values are always bound, identifiers come from the spec.
namespace WindowedFilter {
// The condition on `expression` (a column expression of the query), or an empty string when the
// filter does not apply. `column` is the filtered column's spec (nullptr: a referenced table's
// display column, always text).
QString sql(Engine engine, const QString& expression, const ColumnSpec* column, const ColumnFilter& filter,
            QVariantList* binds);
// `text` with LIKE's wildcards and the escape character escaped for ESCAPE '\'.
QString escapeLike(const QString& text);
} // namespace WindowedFilter
