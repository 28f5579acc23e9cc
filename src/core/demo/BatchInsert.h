#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <memory>

// Inserts many rows into one table with multi-row INSERT ... VALUES (?, ...), (?, ...) statements,
// prepared once and reused. One round trip per batch instead of per row is what makes the demo
// fill fast on PostgreSQL; every value is still a bound parameter.
class BatchInsert
{
public:
    BatchInsert(QSqlDatabase db, QString table, QStringList columns, int rowsPerStatement = 200);
    ~BatchInsert();
    BatchInsert(const BatchInsert&) = delete;
    BatchInsert& operator=(const BatchInsert&) = delete;

    // Queues a row (one value per column, QVariant() for NULL); runs a statement when a batch is full.
    bool add(const QVariantList& row);
    // Writes the rows still queued.
    bool finish();
    QString error() const { return m_error; }

private:
    QString statement(int rows) const;
    bool run(QSqlQuery& query, int rows);

    QSqlDatabase m_db;
    QString m_table;
    QStringList m_columns;
    int m_rowsPerStatement;
    QVariantList m_pending;
    std::unique_ptr<QSqlQuery> m_full; // the prepared statement for a full batch
    QString m_error;
};
