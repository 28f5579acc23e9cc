#include "WindowedFilter.h"

#include "WindowedQuery.h"
#include "money/Money.h"

namespace {
using K = ColumnSpec::Kind;

// Money compares in exact minor units: PostgreSQL casts the bound decimal text to NUMERIC; SQLite
// (whose NUMERIC columns hold integers or reals) compares round(x*100) with a bound integer.
QString boundValue(Engine engine, const QString& expression, const ColumnSpec* column, const QVariant& value,
                   QString* lhs, QVariantList* binds)
{
    if (column && column->kind == K::Money) {
        const qint64 minor = value.toLongLong();
        if (engine == Engine::Postgres) {
            *lhs = expression;
            *binds << Money::toDecimalString(minor);
            return QStringLiteral("CAST(? AS NUMERIC(12,2))");
        }
        *lhs = QStringLiteral("CAST(round(%1 * 100) AS INTEGER)").arg(expression);
        *binds << minor;
        return QStringLiteral("?");
    }
    // Timestamps arrive as the stored-zone text of the bound ("2026-01-31 18:30:00.000", see
    // ViewState::filters): TIMESTAMP(3) on PostgreSQL and ISO text on SQLite both compare with it.
    *lhs = expression;
    *binds << value;
    if (engine == Engine::Postgres && column && column->kind == K::Timestamp) {
        return QStringLiteral("CAST(? AS TIMESTAMP(3))");
    }
    return QStringLiteral("?");
}
} // namespace

namespace WindowedFilter {

QString escapeLike(const QString& text)
{
    QString out;
    out.reserve(text.size() + 4);
    for (const QChar ch : text) {
        if (ch == QLatin1Char('\\') || ch == QLatin1Char('%') || ch == QLatin1Char('_')) {
            out += QLatin1Char('\\');
        }
        out += ch;
    }
    return out;
}

QString sql(Engine engine, const QString& expression, const ColumnSpec* column, const ColumnFilter& filter,
            QVariantList* binds)
{
    switch (filter.match) {
    case ColumnFilter::Match::Contains: {
        const QString text = filter.value.toString().toLower();
        if (text.isEmpty()) {
            return QString();
        }
        // LIKE with every wildcard of the user's text escaped: "50%_off" matches only itself.
        // Case-insensitive like the prefix search; a substring can use no b-tree, so this reads
        // every row (the page says so next to the mode).
        *binds << QLatin1Char('%') + escapeLike(text) + QLatin1Char('%');
        const QString lhs = column && column->kind != K::Text && column->kind != K::Relation
                                ? QStringLiteral("lower(CAST(%1 AS TEXT))").arg(expression)
                                : QStringLiteral("lower(%1)").arg(expression);
        return lhs + QStringLiteral(" LIKE ? ESCAPE '\\'");
    }
    case ColumnFilter::Match::AtLeast:
    case ColumnFilter::Match::Below:
    case ColumnFilter::Match::AtMost: {
        if (!filter.value.isValid() || filter.value.isNull()) {
            return QString();
        }
        QString lhs;
        const QString rhs = boundValue(engine, expression, column, filter.value, &lhs, binds);
        const QString op = filter.match == ColumnFilter::Match::AtLeast ? QStringLiteral(">=")
                           : filter.match == ColumnFilter::Match::Below ? QStringLiteral("<")
                                                                        : QStringLiteral("<=");
        return QStringLiteral("%1 %2 %3").arg(lhs, op, rhs);
    }
    default:
        return QString();
    }
}

} // namespace WindowedFilter
