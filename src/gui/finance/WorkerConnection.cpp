#include "WorkerConnection.h"

#include "db/Database.h"

#include <QAtomicInteger>
#include <QThreadPool>

QThreadPool* WorkerConnection::pool()
{
    // Destroyed at exit, after waiting for work still running.
    static QThreadPool instance;
    static const bool configured = [] {
        instance.setObjectName(QStringLiteral("financeWorkers"));
        instance.setMaxThreadCount(4); // page, count, lists and a signature scan together
        return true;
    }();
    Q_UNUSED(configured);
    return &instance;
}

WorkerConnection::WorkerConnection(const QString& sourceConnection)
{
    static QAtomicInteger<quint64> serial;
    m_name = QStringLiteral("finance-worker-%1").arg(serial.fetchAndAddRelaxed(1));
    m_open = Database::openClone(sourceConnection, m_name, &m_error);
}

WorkerConnection::~WorkerConnection()
{
    if (m_open) {
        Database::close(m_name);
    }
}

QSqlDatabase WorkerConnection::db() const
{
    return QSqlDatabase::database(m_name, false);
}
