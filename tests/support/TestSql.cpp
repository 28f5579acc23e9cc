#include "TestSql.h"

#include <QDebug>
#include <QSqlError>
#include <QSqlQuery>

namespace TestSql {
QVariant scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
{
    QSqlQuery query(db);
    bool ok = false;
    if (binds.isEmpty()) {
        ok = query.exec(sql); // unprepared: utility statements such as SHOW cannot be prepared
    } else {
        query.prepare(sql);
        for (const QVariant& b : binds) {
            query.addBindValue(b);
        }
        ok = query.exec();
    }
    if (!ok || !query.next()) {
        qWarning() << "scalar failed:" << sql << query.lastError().text();
        return QVariant();
    }
    return query.value(0);
}
} // namespace TestSql
