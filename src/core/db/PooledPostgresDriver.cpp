#include "PooledPostgresDriver.h"

#include <QAtomicInteger>
#include <QSqlError>
#include <QSqlIndex>
#include <QSqlRecord>

PooledPostgresDriver::PooledPostgresDriver(QObject* parent) : QSqlDriver(parent)
{
    static QAtomicInteger<quint64> serial;
    m_inner = QStringLiteral("pooled-postgres-%1").arg(serial.fetchAndAddRelaxed(1));
}

PooledPostgresDriver::~PooledPostgresDriver()
{
    // Normally closed already (Database::close closes before removing). Not here otherwise: a
    // driver is deleted inside QSqlDatabase::removeDatabase(), which holds the registry's lock.
    if (m_db.isValid()) {
        m_db.close();
    }
}

bool PooledPostgresDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case PreparedQueries: // see the class comment
    case NamedPlaceholders:
    case BatchOperations:
    case SimpleLocking:
    case FinishQuery:
    case CancelQuery:
    case EventNotifications: // LISTEN does not survive a transaction pooler either
        return false;
    case PositionalPlaceholders:
    case Transactions:
    case QuerySize:
    case LastInsertId:
    case LowPrecisionNumbers:
    case MultipleResultSets:
    case BLOB:
    case Unicode:
        return true;
    }
    return false;
}

bool PooledPostgresDriver::open(const QString& db, const QString& user, const QString& password, const QString& host,
                                int port, const QString& options)
{
    close();
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_inner);
    QSqlDatabase& inner = m_db;
    inner.setDatabaseName(db);
    inner.setUserName(user);
    inner.setPassword(password);
    inner.setHostName(host);
    inner.setPort(port);
    inner.setConnectOptions(options);
    if (!inner.open()) {
        setLastError(inner.lastError());
        setOpenError(true);
        return false;
    }
    setOpen(true);
    setOpenError(false);
    return true;
}

void PooledPostgresDriver::close()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_inner);
    }
    setOpen(false);
    setOpenError(false);
}

QSqlDatabase PooledPostgresDriver::inner() const
{
    return m_db;
}

QSqlResult* PooledPostgresDriver::createResult() const
{
    return new PooledPostgresResult(this);
}

bool PooledPostgresDriver::transactionStep(bool (QSqlDatabase::*step)())
{
    QSqlDatabase db = inner();
    if ((db.*step)()) {
        return true;
    }
    setLastError(db.lastError());
    return false;
}

bool PooledPostgresDriver::beginTransaction()
{
    return transactionStep(&QSqlDatabase::transaction);
}

bool PooledPostgresDriver::commitTransaction()
{
    return transactionStep(&QSqlDatabase::commit);
}

bool PooledPostgresDriver::rollbackTransaction()
{
    return transactionStep(&QSqlDatabase::rollback);
}

QStringList PooledPostgresDriver::tables(QSql::TableType type) const
{
    return inner().tables(type);
}

QSqlIndex PooledPostgresDriver::primaryIndex(const QString& table) const
{
    return inner().primaryIndex(table);
}

QSqlRecord PooledPostgresDriver::record(const QString& table) const
{
    return inner().record(table);
}

QString PooledPostgresDriver::formatValue(const QSqlField& field, bool trimStrings) const
{
    return inner().driver()->formatValue(field, trimStrings);
}

QString PooledPostgresDriver::escapeIdentifier(const QString& identifier, IdentifierType type) const
{
    return inner().driver()->escapeIdentifier(identifier, type);
}

bool PooledPostgresDriver::isIdentifierEscaped(const QString& identifier, IdentifierType type) const
{
    return inner().driver()->isIdentifierEscaped(identifier, type);
}

QString PooledPostgresDriver::stripDelimiters(const QString& identifier, IdentifierType type) const
{
    return inner().driver()->stripDelimiters(identifier, type);
}

QVariant PooledPostgresDriver::handle() const
{
    return inner().driver()->handle();
}

PooledPostgresResult::PooledPostgresResult(const PooledPostgresDriver* driver) : QSqlResult(driver), m_driver(driver) {}

bool PooledPostgresResult::reset(const QString& sql)
{
    // Called with the statement text, bound values already written in by QSqlResult::exec().
    m_query = QSqlQuery(m_driver->inner());
    m_query.setForwardOnly(isForwardOnly());
    m_query.setNumericalPrecisionPolicy(numericalPrecisionPolicy());
    const bool ok = m_query.exec(sql);
    setAt(QSql::BeforeFirstRow);
    if (!ok) {
        setLastError(m_query.lastError());
        setActive(false);
        return false;
    }
    setSelect(m_query.isSelect());
    setActive(true);
    return true;
}

bool PooledPostgresResult::moved(bool ok)
{
    if (ok) {
        setAt(m_query.at());
    } else if (m_query.lastError().isValid()) {
        setLastError(m_query.lastError());
    }
    return ok;
}

QVariant PooledPostgresResult::data(int index)
{
    return m_query.value(index);
}

bool PooledPostgresResult::isNull(int index)
{
    return m_query.isNull(index);
}

bool PooledPostgresResult::fetch(int index)
{
    return moved(m_query.seek(index));
}

bool PooledPostgresResult::fetchFirst()
{
    return moved(m_query.first());
}

bool PooledPostgresResult::fetchLast()
{
    return moved(m_query.last());
}

bool PooledPostgresResult::fetchNext()
{
    return moved(m_query.next());
}

bool PooledPostgresResult::fetchPrevious()
{
    return moved(m_query.previous());
}

int PooledPostgresResult::size()
{
    return m_query.size();
}

int PooledPostgresResult::numRowsAffected()
{
    return m_query.numRowsAffected();
}

QSqlRecord PooledPostgresResult::record() const
{
    return m_query.record();
}

QVariant PooledPostgresResult::lastInsertId() const
{
    return m_query.lastInsertId();
}

QVariant PooledPostgresResult::handle() const
{
    return m_query.result() ? m_query.result()->handle() : QVariant();
}

void PooledPostgresResult::detachFromResultSet()
{
    m_query.finish();
}
