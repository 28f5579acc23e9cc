#include "ObjectsBuildJob.h"

#include "db/Database.h"

#include <QAtomicInt>
#include <QSqlDatabase>

namespace {
QAtomicInt s_serial;
}

std::unique_ptr<ObjectsBuildJob> ObjectsBuildJob::cloneOf(const QString& sourceConnection, Then then)
{
    std::unique_ptr<ObjectsBuildJob> job(new ObjectsBuildJob);
    job->start([sourceConnection](const QString& name,
                                  QString* error) { return Database::openClone(sourceConnection, name, error); },
               std::move(then));
    return job;
}

std::unique_ptr<ObjectsBuildJob> ObjectsBuildJob::forUrl(const DatabaseUrl& url, Then then)
{
    std::unique_ptr<ObjectsBuildJob> job(new ObjectsBuildJob);
    job->start([url](const QString& name, QString* error) { return Database::open(url, name, error); },
               std::move(then));
    return job;
}

void ObjectsBuildJob::start(const std::function<bool(const QString&, QString*)>& open, Then then)
{
    const QString name = QStringLiteral("coursedesk_objects_build%1").arg(s_serial.fetchAndAddRelaxed(1));
    m_thread = std::thread([this, open, then, name] {
        QString error;
        if (open(name, &error)) {
            {
                ObjectsBuilder builder(QSqlDatabase::database(name, false));
                {
                    std::lock_guard lock(m_mutex);
                    m_builder = &builder;
                }
                const bool cancelledEarly = [this] {
                    std::lock_guard lock(m_mutex);
                    return m_cancelRequested;
                }();
                m_ok = !cancelledEarly && builder.apply(&error) &&
                       (!then || then(QSqlDatabase::database(name, false), &error));
                m_cancelled = cancelledEarly || builder.wasCancelled();
                if (cancelledEarly) {
                    error = QStringLiteral("Cancelled before anything was built.");
                }
                std::lock_guard lock(m_mutex);
                m_builder = nullptr;
            }
            Database::close(name);
        }
        m_error = error;
        m_done = true;
    });
}

ObjectsBuildJob::~ObjectsBuildJob()
{
    wait();
}

void ObjectsBuildJob::wait()
{
    if (m_thread.joinable()) {
        m_thread.join();
    }
}

ObjectsBuilder::Progress ObjectsBuildJob::progress(const QString& viaConnection) const
{
    std::lock_guard lock(m_mutex);
    return m_builder ? m_builder->progress(viaConnection) : ObjectsBuilder::Progress{};
}

void ObjectsBuildJob::cancel(const QString& viaConnection)
{
    std::lock_guard lock(m_mutex);
    m_cancelRequested = true;
    if (m_builder) {
        m_builder->cancel(viaConnection);
    }
}
