#include "TestSql.h"

#include <QDebug>
#include <QFile>
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

QString platformSql(Engine engine)
{
    QFile file(QStringLiteral(COURSEDESK_SOURCE_DIR "/sql/%1/001_platform_schema.sql")
                   .arg(engine == Engine::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite")));
    file.open(QIODevice::ReadOnly);
    return QString::fromUtf8(file.readAll());
}
} // namespace TestSql
