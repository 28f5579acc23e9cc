#pragma once

#include "ImportPlan.h"

#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <functional>

// Carries out an ImportPlan in one transaction: all of it or none of it. Users are inserted or
// updated (only the columns the file changes; a user changed by someone else since the preview
// stops the import), complimentary enrollments get their 0.00 PAID order and ACTIVE enrollment as
// EnrollmentService does, and every written row gets its audit row in the same transaction
// (contract of coursedesk_audit_log: "insert"/"update" for users, "enroll" with the file as the
// reason for the orders and enrollments). A process killed halfway leaves no trace: the
// transaction never commits.
//
// This is the import's single write function; once the core WriteService's Batch API exists, its
// body becomes one Batch.
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
