#pragma once

#include <QSqlDatabase>
#include <QSqlDriver>
#include <QSqlQuery>
#include <QSqlResult>

// A PostgreSQL driver for connections through a transaction-pooling pooler (PgBouncer with
// pool_mode = transaction), chosen by `?pooler=transaction` in the URL.
//
// Qt's QPSQL driver runs every prepared query as SQL-level `PREPARE qpsqlpstmt_N` at prepare(),
// `EXECUTE qpsqlpstmt_N (values)` at exec() and `DEALLOCATE` when the query goes away: three
// statements that a transaction pooler may hand to three different server sessions, so EXECUTE
// fails with "prepared statement qpsqlpstmt_N does not exist" and names collide between clients.
// QPSQL's EXECUTE carries the bound values as literals written by the driver's formatValue(), not as
// protocol parameters. This driver therefore reports no PreparedQueries feature: QSqlResult then
// substitutes each bound value with the same formatValue() literal and sends one self-contained
// statement, which any server session can run. Callers keep binding values (addBindValue); nothing
// named outlives a statement. Everything else is delegated to a real QPSQL connection.
class PooledPostgresDriver : public QSqlDriver
{
    Q_OBJECT
public:
    explicit PooledPostgresDriver(QObject* parent = nullptr);
    ~PooledPostgresDriver() override;

    bool hasFeature(DriverFeature feature) const override;
    bool open(const QString& db, const QString& user, const QString& password, const QString& host, int port,
              const QString& options) override;
    void close() override;
    QSqlResult* createResult() const override;

    bool beginTransaction() override;
    bool commitTransaction() override;
    bool rollbackTransaction() override;

    QStringList tables(QSql::TableType type) const override;
    QSqlIndex primaryIndex(const QString& table) const override;
    QSqlRecord record(const QString& table) const override;
    QString formatValue(const QSqlField& field, bool trimStrings = false) const override;
    QString escapeIdentifier(const QString& identifier, IdentifierType type) const override;
    bool isIdentifierEscaped(const QString& identifier, IdentifierType type) const override;
    QString stripDelimiters(const QString& identifier, IdentifierType type) const override;
    QVariant handle() const override;

    // The QPSQL connection doing the work (same thread as this driver).
    QSqlDatabase inner() const;

private:
    bool transactionStep(bool (QSqlDatabase::*step)());

    QString m_inner;
    QSqlDatabase m_db;
};

// One statement of a PooledPostgresDriver connection, run on its QPSQL connection.
class PooledPostgresResult : public QSqlResult
{
public:
    explicit PooledPostgresResult(const PooledPostgresDriver* driver);

protected:
    bool reset(const QString& sql) override;
    QVariant data(int index) override;
    bool isNull(int index) override;
    bool fetch(int index) override;
    bool fetchFirst() override;
    bool fetchLast() override;
    bool fetchNext() override;
    bool fetchPrevious() override;
    int size() override;
    int numRowsAffected() override;
    QSqlRecord record() const override;
    QVariant lastInsertId() const override;
    QVariant handle() const override;
    void detachFromResultSet() override;

private:
    bool moved(bool ok);

    const PooledPostgresDriver* m_driver;
    QSqlQuery m_query;
};
