#include "ReportSql.h"

#include "db/SqlTime.h"

#include <QSqlError>
#include <QStringList>

namespace ReportSql {
QString timestampParam(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("CAST(? AS timestamp)") : QStringLiteral("?");
}

QString boundText(const SqlTime& time, const QDateTime& instant)
{
    return time.toDb(instant).left(19);
}

QString shiftedDay(Engine engine, const QString& ts)
{
    if (engine == Engine::Postgres) {
        return QStringLiteral("CAST(%1 + CAST(? AS integer) * interval '1 second' AS date)").arg(ts);
    }
    return QStringLiteral("date(%1, ?)").arg(ts);
}

QVariant shiftValue(Engine engine, qint64 seconds)
{
    if (engine == Engine::Postgres) {
        return QVariant::fromValue(seconds);
    }
    // SQLite date modifier: "+19800 seconds".
    return QStringLiteral("%1%2 seconds")
        .arg(seconds < 0 ? QStringLiteral("-") : QStringLiteral("+"))
        .arg(qAbs(seconds));
}

QString literalList(const QStringList& values)
{
    QStringList quoted;
    for (const QString& value : values) {
        Q_ASSERT(!value.contains(QLatin1Char('\'')));
        quoted << QLatin1Char('\'') + value + QLatin1Char('\'');
    }
    return quoted.join(QStringLiteral(", "));
}

bool exec(QSqlQuery& query, QString* error)
{
    if (query.exec()) {
        return true;
    }
    if (error) {
        *error = query.lastError().text();
    }
    return false;
}

bool select(const QSqlDatabase& db, const QString& sql, const QVariantList& binds,
            const std::function<void(const QSqlQuery&)>& row, QString* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        return ReportSql::exec(query, error);
    }
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    if (!ReportSql::exec(query, error)) {
        return false;
    }
    while (query.next()) {
        row(query);
    }
    return true;
}

} // namespace ReportSql
