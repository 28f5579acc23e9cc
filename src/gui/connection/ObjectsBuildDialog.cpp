#include "ObjectsBuildDialog.h"

#include "reports/RevenueRollup.h"
#include "schema/IndexCatalog.h"
#include "schema/ObjectsBuildJob.h"

#include <QEventLoop>
#include <QTimer>

ObjectsBuildDialog::ObjectsBuildDialog(QString connectionName, QWidget* parent)
    : QProgressDialog(parent), m_connection(std::move(connectionName))
{
    setObjectName(QStringLiteral("objectsBuildDialog"));
    setWindowTitle(tr("Creating Coursedesk's objects"));
    setLabelText(tr("Starting…"));
    setCancelButtonText(tr("Cancel"));
    setRange(0, 0);
    setMinimumDuration(0);
    setAutoClose(false);
    setAutoReset(false);
    setWindowModality(Qt::WindowModal);
}

bool ObjectsBuildDialog::build(QString* error)
{
    // Then the daily revenue rollup starts recording, as with `coursedesk db objects --apply`.
    const auto job = ObjectsBuildJob::cloneOf(m_connection, &RevenueRollup::start);
    QEventLoop loop;
    QTimer poll;
    poll.setObjectName(QStringLiteral("objectsBuildPoll"));
    poll.setInterval(250);
    connect(&poll, &QTimer::timeout, &loop, [&] {
        if (job->isDone()) {
            loop.quit();
            return;
        }
        const ObjectsBuilder::Progress progress = job->progress(m_connection);
        if (progress.steps > 0) {
            setRange(0, progress.steps);
            setValue(progress.step - 1);
            setLabelText(progress.index.isEmpty()
                             ? tr("Creating tables (step %1 of %2)…").arg(progress.step).arg(progress.steps)
                             : tr("Building %1").arg(progress.text()));
        }
    });
    connect(this, &QProgressDialog::canceled, &loop, [&] {
        setLabelText(tr("Cancelling…"));
        job->cancel(m_connection);
    });
    show();
    poll.start();
    loop.exec();
    job->wait();
    // The pages plan from the indexes that exist now.
    IndexCatalog::forget(m_connection);
    if (!job->ok() && error) {
        *error = job->error();
    }
    return job->ok();
}
