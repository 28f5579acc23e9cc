#pragma once

#include "ExportSource.h"
#include "ExportTypes.h"

#include <QString>

#include <atomic>
#include <functional>

// One export, start to end: opens the source, writes its rows batch by batch (one batch in
// memory), reports progress after each batch and stops at the next batch once `cancel` is set.
// Runs on whatever thread calls it (the GUI runs it on a worker, the command line on its own).
// Cancelled or failed: no file at `path` (an existing file there is left as it was).
namespace ExportJob {
struct Result
{
    enum class Status { Written, Cancelled, Failed };
    Status status = Status::Failed;
    qint64 rows = 0;
    qint64 elapsedMs = 0;
    QString message;
    bool ok() const { return status == Status::Written; }
};
using Progress = std::function<void(const ExportProgress&)>;

Result run(ExportSource& source, const ExportOptions& options, const QString& path,
           const std::atomic_bool* cancel = nullptr, const Progress& progress = {});
} // namespace ExportJob
