#include "MoneySql.h"

namespace MoneySql {
QString minorUnits(Engine engine, const QString& column)
{
    if (engine == Engine::Postgres) {
        return QStringLiteral("(%1 * 100)::bigint").arg(column);
    }
    return QStringLiteral("CAST(round(%1 * 100) AS INTEGER)").arg(column);
}

QString sumMinorUnits(Engine engine, const QString& column)
{
    // NULL (which Money::minorFromSqlMinorUnits refuses) as soon as one summed value is damaged,
    // instead of an error halfway ("integer overflow") or a total that counts NaN as 0. Damaged
    // values are not summed at all, so nothing overflows; NULLs are skipped as SUM skips them.
    const QString damaged = damagedAmount(engine, column);
    if (engine == Engine::Postgres) {
        return QStringLiteral("CASE WHEN bool_or((%1) IS NOT NULL AND %2) THEN NULL ELSE COALESCE(SUM(CASE WHEN %2 "
                              "THEN 0 ELSE (%1) * 100 END), 0)::bigint END")
            .arg(column, damaged);
    }
    return QStringLiteral("CASE WHEN MAX(CASE WHEN (%1) IS NOT NULL AND %2 THEN 1 ELSE 0 END) = 1 THEN NULL ELSE "
                          "COALESCE(SUM(CASE WHEN %2 THEN 0 ELSE CAST(round((%1) * 100) AS INTEGER) END), 0) END")
        .arg(column, damaged);
}

QString damagedAmount(Engine engine, const QString& column)
{
    if (engine == Engine::Postgres) {
        return QStringLiteral("((%1) IS NULL OR (%1) = CAST('NaN' AS numeric) OR (%1) < 0 OR (%1) > 99999999.99 OR "
                              "(%1) <> round((%1), 2))")
            .arg(column);
    }
    // 1e308 * 100 is infinite and inf - inf is NULL in SQLite: the range test catches it first.
    return QStringLiteral("(typeof(%1) NOT IN ('integer', 'real') OR (%1) < 0 OR (%1) > 99999999.99 OR "
                          "abs((%1) * 100 - round((%1) * 100)) > 0.000001)")
        .arg(column);
}

QString checkedMinorUnits(Engine engine, const QString& column)
{
    return QStringLiteral("CASE WHEN %1 THEN NULL ELSE %2 END")
        .arg(damagedAmount(engine, column), minorUnits(engine, column));
}
} // namespace MoneySql
