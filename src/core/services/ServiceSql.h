#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

#include <optional>

// Small SQL helpers shared by the services. Table and column names passed here come from the
// schema (fixed identifiers), never from user input; values are always bound.
namespace ServiceSql {

// Begins a transaction on construction and rolls it back on destruction unless commit() ran, so
// every early return of a workflow leaves nothing behind.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase db);
    ~Transaction();
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;

    bool isActive() const { return m_active; }
    bool commit();
    QString error() const { return m_db.lastError().text(); }

private:
    QSqlDatabase m_db;
    bool m_active = false;
};

// Runs `sql` with `binds`; on failure fills `error` (when given) and returns false.
bool exec(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, QSqlError* error = nullptr);
// The first column of the first row, or nullopt when there is no row or the query failed.
std::optional<QVariant> scalar(const QSqlDatabase& db, const QString& sql, const QVariantList& binds,
                               QSqlError* error = nullptr);
// INSERT INTO table (columns) VALUES (?...). Returns the row's id (generated or given), or an
// invalid QVariant on failure.
QVariant insert(const QSqlDatabase& db, const QString& table, const QStringList& columns, const QVariantList& values,
                QSqlError* error = nullptr);
// "now" for created_at / updated_at, in the connection's stored zone.
QString now(const QSqlDatabase& db);
// An amount column as exact minor units (see MoneySql).
QString minorUnits(const QSqlDatabase& db, const QString& column);
// Whether Coursedesk's own migration ran here (the audit log exists).
bool hasTable(const QSqlDatabase& db, const QString& table);

} // namespace ServiceSql
