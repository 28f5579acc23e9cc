#include "RelationLookup.h"

#include "db/Database.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {
QString quoted(const QString& identifier)
{
    return QLatin1Char('"') + identifier + QLatin1Char('"');
}
} // namespace

QList<RelationLookup::Match> RelationLookup::firstMatches(const QSqlDatabase& db, const ColumnSpec& column,
                                                          const QString& prefix, int limit, QString* error)
{
    QList<Match> matches;
    if (column.kind != ColumnSpec::Kind::Relation || prefix.contains(QChar(0))) {
        return matches; // no stored text holds U+0000
    }
    // Same expression as the index (lower(email) COLLATE "C" on PostgreSQL): a range scan of at
    // most `limit` index entries, already in order.
    const QString collate = Database::isPostgres(db) ? QStringLiteral(" COLLATE \"C\"") : QString();
    const bool caseInsensitive = column.relationDisplay != QLatin1String("order_number");
    const QString display = quoted(column.relationDisplay);
    const QString expression = (caseInsensitive ? QStringLiteral("lower(%1)").arg(display) : display) + collate;
    const QString needle = caseInsensitive ? prefix.trimmed().toLower() : prefix.trimmed();
    QString sql =
        QStringLiteral("SELECT %1, %2 FROM %3").arg(quoted(column.relationKey), display, quoted(column.relationTable));
    QString upper;
    if (!needle.isEmpty()) {
        upper = needle;
        const ushort last = upper.back().unicode();
        if (last < 0xD7FF) {
            upper.back() = QChar(static_cast<ushort>(last + 1));
            sql += QStringLiteral(" WHERE %1 >= ? AND %1 < ?").arg(expression);
        } else {
            upper.clear();
            // substr() counts code points, not UTF-16 units (a trailing 😀 is one character).
            sql += QStringLiteral(" WHERE substr(%1, 1, %2) = ?").arg(expression).arg(needle.toUcs4().size());
        }
    }
    sql += QStringLiteral(" ORDER BY %1, %2 LIMIT %3").arg(expression, quoted(column.relationKey)).arg(limit);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    if (!needle.isEmpty()) {
        query.addBindValue(needle);
        if (!upper.isEmpty()) {
            query.addBindValue(upper);
        }
    }
    if (!query.exec()) {
        if (error) {
            *error = query.lastError().text();
        }
        return matches;
    }
    while (query.next()) {
        matches.append({query.value(0), query.value(1).toString()});
    }
    return matches;
}

QString RelationLookup::displayFor(const QSqlDatabase& db, const ColumnSpec& column, const QVariant& key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?")
                      .arg(quoted(column.relationDisplay), quoted(column.relationTable), quoted(column.relationKey)));
    query.addBindValue(key);
    return query.exec() && query.next() ? query.value(0).toString() : QString();
}
