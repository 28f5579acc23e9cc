#include "ServiceSql.h"

#include "db/Database.h"
#include "db/SqlTime.h"
#include "money/MoneySql.h"

#include <QSqlQuery>

namespace ServiceSql {

Transaction::Transaction(QSqlDatabase db) : m_db(std::move(db))
{
    m_active = m_db.transaction();
}

Transaction::~Transaction()
{
    if (m_active) {
        m_db.rollback();
    }
}

bool Transaction::commit()
{
    if (!m_active) {
        return false;
    }
    m_active = false;
    if (m_db.commit()) {
        return true;
    }
    m_db.rollback();
    return false;
}

namespace {
bool run(QSqlQuery& query, const QString& sql, const QVariantList& binds, QSqlError* error)
{
    if (!query.prepare(sql)) {
        if (error) {
            *error = query.lastError();
        }
        return false;
    }
    for (const QVariant& v : binds) {
        query.addBindValue(v);
    }
    if (!query.exec()) {
        if (error) {
            *error = query.lastError();
        }
        return false;
    }
    return true;
}
} // namespace

bool exec(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, QSqlError* error)
{
    QSqlQuery query(db);
    return run(query, sql, binds, error);
}

std::optional<QVariant> scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, QSqlError* error)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!run(query, sql, binds, error) || !query.next()) {
        return std::nullopt;
    }
    return query.value(0);
}

QVariant insert(const QSqlDatabase& db, const QString& table, const QStringList& columns, const QVariantList& values,
                QSqlError* error)
{
    QStringList marks;
    for (qsizetype i = 0; i < columns.size(); ++i) {
        marks << QStringLiteral("?");
    }
    QString sql = QStringLiteral("INSERT INTO %1 (%2) VALUES (%3)")
                      .arg(table, columns.join(QStringLiteral(", ")), marks.join(QStringLiteral(", ")));
    const bool postgres = Database::isPostgres(db);
    // QPSQL's lastInsertId() asks lastval(), which is wrong for a table without a sequence
    // (courses); RETURNING answers for both kinds of key.
    if (postgres) {
        sql += QStringLiteral(" RETURNING id");
    }
    QSqlQuery query(db);
    if (!run(query, sql, values, error)) {
        return QVariant();
    }
    if (postgres) {
        return query.next() ? query.value(0) : QVariant();
    }
    const qsizetype idColumn = columns.indexOf(QStringLiteral("id"));
    return idColumn >= 0 ? values.at(idColumn) : query.lastInsertId();
}

QString now(const QSqlDatabase& db)
{
    return SqlTime::forConnection(db).nowForDb();
}

QString minorUnits(const QSqlDatabase& db, const QString& column)
{
    return MoneySql::minorUnits(Database::engine(db), column);
}

bool hasTable(const QSqlDatabase& db, const QString& table)
{
    return db.tables().contains(table, Qt::CaseInsensitive);
}

} // namespace ServiceSql
