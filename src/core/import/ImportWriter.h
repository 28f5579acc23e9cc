#pragma once

#include "ImportPlan.h"

#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <functional>

// Carries out an ImportPlan in one WriteSession (the core write path: one transaction, the
// table's rules, row locks, compare-and-set, audit rows): all of it or none of it. Users are
// inserted or updated (only the columns the file changes; a user someone changed since the preview
// is a conflict that stops the import), complimentary enrollments get their 0.00 PAID order and
// ACTIVE enrollment as EnrollmentService does (workflow "enroll", the file named in the reason).
// A process killed halfway leaves no trace: the transaction never commits.
namespace ImportWriter {
struct Result
{
    bool ok = false;
    int written = 0; // rows of the file carried out
    QString message;
};
using Progress = std::function<void(int done, int total)>;

Result apply(const QSqlDatabase& db, const ImportPlan& plan, const Progress& progress = {},
             const std::atomic_bool* cancel = nullptr);
} // namespace ImportWriter
