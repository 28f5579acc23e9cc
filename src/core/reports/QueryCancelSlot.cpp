#include "QueryCancelSlot.h"

#include "QueryCancel.h"

#include <QMutexLocker>

void QueryCancelSlot::attach(QueryCancel* cancel)
{
    QMutexLocker lock(&m_mutex);
    m_current = cancel;
    if (m_current && m_requested) {
        m_current->cancel();
    }
}

void QueryCancelSlot::cancel()
{
    QMutexLocker lock(&m_mutex);
    m_requested = true;
    if (m_current) {
        m_current->cancel();
    }
}

bool QueryCancelSlot::isRequested() const
{
    QMutexLocker lock(&m_mutex);
    return m_requested;
}
