#include "BatchInsert.h"

#include <QSqlError>

BatchInsert::BatchInsert(QSqlDatabase db, QString table, QStringList columns, int rowsPerStatement)
    : m_db(std::move(db)), m_table(std::move(table)), m_columns(std::move(columns)),
      m_rowsPerStatement(rowsPerStatement)
{
}

BatchInsert::~BatchInsert() = default;

QString BatchInsert::statement(int rows) const
{
    QString placeholders = QStringLiteral("(?");
    for (int i = 1; i < m_columns.size(); ++i) {
        placeholders += QStringLiteral(", ?");
    }
    placeholders += QLatin1Char(')');
    QStringList values;
    values.reserve(rows);
    for (int i = 0; i < rows; ++i) {
        values << placeholders;
    }
    // Table and column names are fixed identifiers from the generator, never user input.
    return QStringLiteral("INSERT INTO %1 (%2) VALUES %3")
        .arg(m_table, m_columns.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")));
}

bool BatchInsert::run(QSqlQuery& query, int rows)
{
    const int values = rows * int(m_columns.size());
    for (int i = 0; i < values; ++i) {
        query.bindValue(i, m_pending.at(i));
    }
    if (!query.exec()) {
        m_error = QStringLiteral("Could not insert into %1: %2").arg(m_table, query.lastError().text());
        return false;
    }
    m_pending.clear();
    return true;
}

bool BatchInsert::add(const QVariantList& row)
{
    Q_ASSERT(row.size() == m_columns.size());
    m_pending += row;
    if (m_pending.size() < m_rowsPerStatement * m_columns.size()) {
        return true;
    }
    if (!m_full) {
        m_full = std::make_unique<QSqlQuery>(m_db);
        if (!m_full->prepare(statement(m_rowsPerStatement))) {
            m_error =
                QStringLiteral("Could not prepare the insert into %1: %2").arg(m_table, m_full->lastError().text());
            return false;
        }
    }
    return run(*m_full, m_rowsPerStatement);
}

bool BatchInsert::finish()
{
    if (m_pending.isEmpty()) {
        return true;
    }
    QSqlQuery rest(m_db);
    const int rows = int(m_pending.size() / m_columns.size());
    if (!rest.prepare(statement(rows))) {
        m_error = QStringLiteral("Could not prepare the insert into %1: %2").arg(m_table, rest.lastError().text());
        return false;
    }
    return run(rest, rows);
}
