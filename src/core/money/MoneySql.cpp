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
} // namespace MoneySql
