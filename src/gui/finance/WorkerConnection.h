#pragma once

#include <QSqlDatabase>
#include <QString>

class QThreadPool;

// A connection of its own for one piece of work on a pool thread (Qt allows a connection only in
// the thread that opened it): cloned from the page's connection on construction, closed on
// destruction. Declare it before anything that holds a QSqlDatabase or QSqlQuery, so those are
// gone when it closes.
class WorkerConnection
{
public:
    // The pool finance work runs on. Not QThreadPool::globalInstance(): Qt's raster paint engine
    // hands work to that pool too, so a multi-second count there stalled painting (measured: the
    // first page of 1.6M payments was ready after 0.2 s but appeared after 3.8 s).
    static QThreadPool* pool();

    explicit WorkerConnection(const QString& sourceConnection);
    ~WorkerConnection();
    WorkerConnection(const WorkerConnection&) = delete;
    WorkerConnection& operator=(const WorkerConnection&) = delete;

    bool isOpen() const { return m_open; }
    QString error() const { return m_error; }
    QSqlDatabase db() const;

private:
    QString m_name;
    QString m_error;
    bool m_open = false;
};
