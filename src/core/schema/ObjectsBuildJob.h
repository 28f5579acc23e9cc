#pragma once

#include "ObjectsBuilder.h"
#include "db/DatabaseUrl.h"

#include <QSqlDatabase>
#include <QString>

#include <functional>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

// One ObjectsBuilder::apply() on a thread of its own, with a connection of its own (a clone of an
// app connection, or a URL), so that the caller's thread stays free to show progress and to
// cancel. Used by `coursedesk db objects --apply` and the app's "create Coursedesk's objects".
class ObjectsBuildJob
{
public:
    // What runs on the job's connection once every object exists (the daily revenue rollup's
    // start); its failure fails the job.
    using Then = std::function<bool(const QSqlDatabase& db, QString* error)>;
    // Starts at once. `source` is an open connection to clone (its thread must be the caller's).
    static std::unique_ptr<ObjectsBuildJob> cloneOf(const QString& sourceConnection, Then then = {});
    static std::unique_ptr<ObjectsBuildJob> forUrl(const DatabaseUrl& url, Then then = {});
    ~ObjectsBuildJob(); // waits for the build to end (cancel() first to stop it)

    bool isDone() const { return m_done.load(); }
    // After isDone().
    bool ok() const { return m_ok; }
    bool wasCancelled() const { return m_cancelled; }
    QString error() const { return m_error; }

    // Through `viaConnection`, an open connection of the calling thread.
    ObjectsBuilder::Progress progress(const QString& viaConnection) const;
    void cancel(const QString& viaConnection);
    void wait();

private:
    ObjectsBuildJob() = default;
    void start(const std::function<bool(const QString& name, QString* error)>& open, Then then);

    std::thread m_thread;
    std::atomic_bool m_done = false;
    mutable std::mutex m_mutex; // m_builder, while cancel()/progress() use it
    ObjectsBuilder* m_builder = nullptr;
    bool m_cancelRequested = false;
    bool m_ok = false;
    bool m_cancelled = false;
    QString m_error;
};
