#pragma once

#include <QSqlDatabase>
#include <QString>

// The connection for one piece of work on a BackgroundQueries::pool() thread (Qt allows a
// connection only in the thread that opened it): this thread's open clone of `sourceConnection`,
// opened on first use and kept for the thread's next jobs. Create it inside the job, before anything
// that holds a QSqlQuery.
class WorkerConnection
{
public:
    explicit WorkerConnection(const QString& sourceConnection);
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
