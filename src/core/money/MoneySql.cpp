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
    if (engine == Engine::Postgres) {
        return QStringLiteral("COALESCE(SUM(%1 * 100), 0)::bigint").arg(column);
    }
    return QStringLiteral("COALESCE(SUM(CAST(round(%1 * 100) AS INTEGER)), 0)").arg(column);
}

QString damagedAmount(Engine engine, const QString& column)
{
    if (engine == Engine::Postgres) {
        return QStringLiteral("(%1 IS NULL OR %1 = CAST('NaN' AS numeric) OR %1 < 0 OR %1 > 99999999.99 OR "
                              "%1 <> round(%1, 2))")
            .arg(column);
    }
    // 1e308 * 100 is infinite and inf - inf is NULL in SQLite: the range test catches it first.
    return QStringLiteral("(typeof(%1) NOT IN ('integer', 'real') OR %1 < 0 OR %1 > 99999999.99 OR "
                          "abs(%1 * 100 - round(%1 * 100)) > 0.000001)")
        .arg(column);
}

QString checkedMinorUnits(Engine engine, const QString& column)
{
    return QStringLiteral("CASE WHEN %1 THEN NULL ELSE %2 END")
        .arg(damagedAmount(engine, column), minorUnits(engine, column));
}
} // namespace MoneySql
