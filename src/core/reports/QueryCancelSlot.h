#pragma once

#include <QMutex>

class QueryCancel;

// Where a page's Cancel button meets the QueryCancel of a query that runs on a pool thread. The
// page keeps the slot (shared with the running task); the task attaches its QueryCancel while its
// connection is in use. A cancel that comes before the task started (it waits for a pool thread)
// is kept and applied when it attaches, so no click is lost.
class QueryCancelSlot
{
public:
    // Thread-safe. nullptr detaches.
    void attach(QueryCancel* cancel);
    // Thread-safe: cancels the attached query, or the one that attaches next.
    void cancel();
    bool isRequested() const;

private:
    mutable QMutex m_mutex;
    QueryCancel* m_current = nullptr;
    bool m_requested = false;
};
