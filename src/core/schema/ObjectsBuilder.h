#pragma once

#include "db/DatabaseUrl.h"

#include <QList>
#include <QMutex>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <atomic>
#include <functional>
#include <optional>

// Creates Coursedesk's own objects (coursedesk_ tables, migration 003's indexes, the version
// table) in a database that may be the platform's production database, without ever blocking it:
//
//  - Tables (Coursedesk's own, new and empty) are created in one short transaction.
//  - Each index is built on its own, outside any transaction. PostgreSQL: CREATE INDEX
//    CONCURRENTLY, which takes only a SHARE UPDATE EXCLUSIVE lock, so the platform's INSERTs and
//    UPDATEs go on while it builds (a plain CREATE INDEX blocks them for the whole build).
//  - An index left INVALID by an interrupted concurrent build (cancel, lost connection) is found
//    (pg_index.indisvalid) and dropped concurrently, then built again.
//  - The migrations are recorded as applied only once everything exists; a run that stopped half
//    way is completed by the next run, which skips what exists.
//  - Never alters a platform table.
//
// Runs on the thread that owns `db`; cancel() and progress() may be called from another thread
// with a connection of its own.
class ObjectsBuilder
{
public:
    struct Item
    {
        enum class Kind { Table, Index };
        Kind kind = Kind::Table;
        QString name;
        QString table;     // indexes: the table it is on
        QString sql;       // the migration's statement
        int migration = 0; // the migration that creates it
        bool exists = false;
        bool invalid = false; // PostgreSQL: an interrupted concurrent build left it unusable
        QString state() const;
    };

    struct Progress
    {
        QString index; // the index being built
        QString phase; // "building index: scanning table"
        qint64 done = -1;
        qint64 total = -1; // blocks or tuples of the current phase; -1 when the phase has none
        int step = 0;      // 1-based: which of `steps` statements runs
        int steps = 0;
        QString text() const; // "coursedesk_orders_amount_id (3/11): building index: scanning table 45%"
    };

    explicit ObjectsBuilder(QSqlDatabase db);

    // Every object Coursedesk would have here, with what exists; no change made.
    QList<Item> inventory() const;
    bool isComplete() const;
    // The exact statements apply() would run now, in order (empty when nothing is missing).
    QStringList plannedSql() const;

    // Creates what is missing. `step` is told before each statement. False with `error` on failure
    // or cancel (wasCancelled()); what was created stays and the next run completes it.
    bool apply(QString* error, const std::function<void(int step, int steps, const QString& sql)>& step = {});
    bool wasCancelled() const { return m_cancelled.load(); }

    // Thread-safe. PostgreSQL: pg_cancel_backend on `viaConnection` (open, of the calling thread);
    // SQLite: sqlite3_interrupt. A running concurrent build stops and leaves an INVALID index.
    void cancel(const QString& viaConnection);
    // Thread-safe: the running build's progress, read through `viaConnection` (PostgreSQL:
    // pg_stat_progress_create_index; SQLite: only the step).
    Progress progress(const QString& viaConnection) const;
    // The builder's PostgreSQL backend (0 on SQLite), for tests and pg_locks.
    qint64 backendPid() const { return m_pid; }

private:
    struct Planned
    {
        QString sql;
        QString index; // the index it builds, if it does
        bool inTransaction = false;
    };
    QList<Planned> plan() const;
    bool managed() const;

    QSqlDatabase m_db;
    Engine m_engine;
    qint64 m_pid = 0;
    void* m_sqlite = nullptr;
    std::atomic_bool m_cancelled = false;
    mutable QMutex m_mutex; // m_current*
    QString m_currentIndex;
    int m_currentStep = 0;
    int m_steps = 0;
};
