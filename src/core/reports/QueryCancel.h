#pragma once

#include <QSqlDatabase>
#include <QString>

#include <atomic>

// Stops the statement a report is running on one connection, from another thread (a Cancel
// button) or from a SIGINT handler (Ctrl+C on `coursedesk report`). PostgreSQL: PQcancel, which
// libpq documents as safe in a signal handler; SQLite: sqlite3_interrupt, which only sets a flag.
// Once cancelled it stays cancelled: ReportSql::select refuses to start further statements on the
// connection, so a cancel that lands between two queries is not lost.
class QueryCancel
{
public:
    // `db` must be open; the object must not outlive the connection.
    explicit QueryCancel(const QSqlDatabase& db);
    ~QueryCancel();
    QueryCancel(const QueryCancel&) = delete;
    QueryCancel& operator=(const QueryCancel&) = delete;

    // Async-signal-safe and thread-safe.
    void cancel() noexcept;
    bool isCancelled() const noexcept { return m_cancelled.load(); }

    // Whether a QueryCancel of the connection named `connectionName` was cancelled.
    static bool requested(const QString& connectionName);

private:
    QString m_connection;
    void* m_pgCancel = nullptr; // PGcancel*
    void* m_sqlite = nullptr;   // sqlite3*
    std::atomic_bool m_cancelled = false;
};
