#include "QueryCancel.h"

#include <QHash>
#include <QMutex>
#include <QSqlDriver>
#include <QVariant>

#include <libpq-fe.h>
#include <sqlite3.h>

namespace {
QMutex registryMutex;
QHash<QString, QueryCancel*>& registry()
{
    static QHash<QString, QueryCancel*> map;
    return map;
}
} // namespace

QueryCancel::QueryCancel(const QSqlDatabase& db) : m_connection(db.connectionName())
{
    const QVariant handle = db.isOpen() ? db.driver()->handle() : QVariant();
    // QPSQL names the type after libpq's struct ("pg_conn*"), older builds after its typedef.
    const char* type = handle.isValid() ? handle.typeName() : "";
    if (qstrcmp(type, "PGconn*") == 0 || qstrcmp(type, "pg_conn*") == 0) {
        if (PGconn* conn = *static_cast<PGconn* const*>(handle.data())) {
            m_pgCancel = PQgetCancel(conn);
        }
    } else if (qstrcmp(type, "sqlite3*") == 0) {
        m_sqlite = *static_cast<sqlite3* const*>(handle.data());
    }
    QMutexLocker lock(&registryMutex);
    registry().insert(m_connection, this);
}

QueryCancel::~QueryCancel()
{
    {
        QMutexLocker lock(&registryMutex);
        if (registry().value(m_connection) == this) {
            registry().remove(m_connection);
        }
    }
    if (m_pgCancel) {
        PQfreeCancel(static_cast<PGcancel*>(m_pgCancel));
    }
}

void QueryCancel::cancel() noexcept
{
    m_cancelled.store(true);
    if (m_pgCancel) {
        char buffer[256];
        PQcancel(static_cast<PGcancel*>(m_pgCancel), buffer, sizeof buffer);
    } else if (m_sqlite) {
        sqlite3_interrupt(static_cast<sqlite3*>(m_sqlite));
    }
}

bool QueryCancel::requested(const QString& connectionName)
{
    QMutexLocker lock(&registryMutex);
    const QueryCancel* cancel = registry().value(connectionName);
    return cancel && cancel->isCancelled();
}
