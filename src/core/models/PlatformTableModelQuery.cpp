// PlatformTableModel: the SELECT with bound search values, sorting and the row count.
#include "PlatformTableModel.h"

#include "db/Database.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

namespace {
// LIKE with '\' as escape character: the user's % and _ are literal characters.
QString likePattern(const QString& text)
{
    QString escaped = text.toLower();
    escaped.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    escaped.replace(QLatin1Char('%'), QLatin1String("\\%"));
    escaped.replace(QLatin1Char('_'), QLatin1String("\\_"));
    return QLatin1Char('%') + escaped + QLatin1Char('%');
}
} // namespace

void PlatformTableModel::setSearchText(const QString& text)
{
    const QString trimmed = text.trimmed();
    if (trimmed == m_search) {
        return;
    }
    m_search = trimmed;
    select();
}

void PlatformTableModel::setFixedFilter(const QString& column, const QVariant& value)
{
    for (auto& pair : m_fixed) {
        if (pair.first == column) {
            pair.second = value;
            return;
        }
    }
    m_fixed.append({column, value});
}

QString PlatformTableModel::columnExpression(int column) const
{
    const QSqlDriver* driver = database().driver();
    const ColumnSpec* c = columnSpec(column);
    if (c && c->kind == ColumnSpec::Kind::Relation) {
        // QSqlRelationalTableModel aliases the referenced table relTblAl_<model column>.
        return QStringLiteral("relTblAl_%1.%2").arg(column).arg(c->relationDisplay);
    }
    return driver->escapeIdentifier(m_spec.table, QSqlDriver::TableName) + QLatin1Char('.') +
           driver->escapeIdentifier(m_fieldNames.at(column), QSqlDriver::FieldName);
}

QStringList PlatformTableModel::conditions(QVariantList* binds) const
{
    QStringList out;
    const QSqlDriver* driver = database().driver();
    for (const auto& [column, value] : m_fixed) {
        out << driver->escapeIdentifier(m_spec.table, QSqlDriver::TableName) + QLatin1Char('.') +
                   driver->escapeIdentifier(column, QSqlDriver::FieldName) + QStringLiteral(" = ?");
        if (binds) {
            binds->append(value);
        }
    }
    if (m_keys) {
        if (m_keys->isEmpty()) {
            out << QStringLiteral("1 = 0");
        } else {
            QStringList marks;
            for (const QVariant& key : std::as_const(*m_keys)) {
                marks << QStringLiteral("?");
                if (binds) {
                    binds->append(key);
                }
            }
            out << driver->escapeIdentifier(m_spec.table, QSqlDriver::TableName) + QLatin1Char('.') +
                       driver->escapeIdentifier(m_spec.key, QSqlDriver::FieldName) + QStringLiteral(" IN (") +
                       marks.join(QStringLiteral(", ")) + QLatin1Char(')');
        }
    }
    if (!m_search.isEmpty()) {
        QStringList any;
        const QString pattern = likePattern(m_search);
        for (int i = 0; i < m_columns.size(); ++i) {
            const ColumnSpec* c = m_columns.at(i);
            if (!c || !c->searchable) {
                continue;
            }
            any << QStringLiteral("LOWER(%1) LIKE ? ESCAPE '\\'").arg(columnExpression(i));
            if (binds) {
                binds->append(pattern);
            }
        }
        if (!any.isEmpty()) {
            out << QLatin1Char('(') + any.join(QStringLiteral(" OR ")) + QLatin1Char(')');
        }
    }
    return out;
}

QString PlatformTableModel::selectStatement() const
{
    QString statement = QSqlRelationalTableModel::selectStatement();
    const QStringList where = conditions(nullptr);
    if (where.isEmpty() && !m_emptyProbe) {
        return statement;
    }
    const QString order = orderByClause();
    if (!order.isEmpty() && statement.endsWith(order)) {
        statement.chop(order.size());
    }
    statement = statement.trimmed();
    statement += filter().isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ");
    statement += m_emptyProbe ? QStringLiteral("1 = 0") : where.join(QStringLiteral(" AND "));
    if (!order.isEmpty()) {
        statement += QLatin1Char(' ') + order;
    }
    return statement;
}

QString PlatformTableModel::orderByClause() const
{
    // The key as a tie-breaker keeps the row order stable between selects (rows with the same
    // created_at), which restoring edits after a failed save relies on.
    const QSqlDriver* driver = database().driver();
    const QString key = driver->escapeIdentifier(m_spec.table, QSqlDriver::TableName) + QLatin1Char('.') +
                        driver->escapeIdentifier(m_spec.key, QSqlDriver::FieldName);
    const QString order = QSqlRelationalTableModel::orderByClause();
    if (order.isEmpty()) {
        return QStringLiteral("ORDER BY ") + key;
    }
    const bool descending = order.endsWith(QLatin1String("DESC"));
    return order + QStringLiteral(", ") + key + (descending ? QStringLiteral(" DESC") : QString());
}

bool PlatformTableModel::select()
{
    if (const quint64 session = Database::sessionNumber(database().connectionName()); session != m_session) {
        // Reconnected: a select() that failed on the dead connection left QSqlTableModel without
        // its table's record, and its prepared statements belong to the old server session.
        m_session = session;
        setUp();
    }
    m_referencedCurrency.clear();
    QVariantList binds;
    conditions(&binds);
    if (binds.isEmpty()) {
        const bool ok = QSqlRelationalTableModel::select();
        if (ok) {
            m_deferredRestore.clear();
            updateMatchingCount();
        }
        return ok;
    }
    QSqlQuery query(database());
    if (!query.prepare(selectStatement())) {
        setLastError(query.lastError());
        return false;
    }
    for (const QVariant& value : std::as_const(binds)) {
        query.addBindValue(value);
    }
    if (!query.exec()) {
        setLastError(query.lastError());
        return false;
    }
    // QSqlTableModel::select() is the only way to clear its private edit cache and relation
    // dictionaries; run it on a statement that matches nothing, then install the bound query.
    m_emptyProbe = true;
    QSqlRelationalTableModel::select();
    m_emptyProbe = false;
    beginResetModel();
    QSqlQueryModel::setQuery(std::move(query));
    endResetModel();
    if (lastError().isValid()) {
        return false;
    }
    m_deferredRestore.clear();
    updateMatchingCount();
    return true;
}

void PlatformTableModel::updateMatchingCount()
{
    QString statement = selectStatement();
    const QString order = orderByClause();
    if (statement.endsWith(order)) {
        statement.chop(order.size());
    }
    QVariantList binds;
    conditions(&binds);
    QSqlQuery query(database());
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT COUNT(*) FROM (%1) cd_matching").arg(statement));
    for (const QVariant& value : std::as_const(binds)) {
        query.addBindValue(value);
    }
    m_matching = (query.exec() && query.next()) ? query.value(0).toLongLong() : rowCount();
    emit selected();
}
