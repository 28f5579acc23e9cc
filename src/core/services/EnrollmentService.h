#pragma once

#include "ServiceResult.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>
#include <QVariant>

// Enrollments outside the checkout: complimentary (free) enrollments, one or many at a time, and
// the status changes staff make. Every enrollment needs an order, so a free one is a 0.00 PAID
// order plus its ACTIVE enrollment, as the platform records it.
namespace EnrollmentService {

struct BulkResult
{
    bool ok = false;
    QString message;      // the failure, or a one-line summary
    QStringList enrolled; // emails now enrolled
    QStringList alreadyEnrolled;
    QStringList unknown; // emails (or "user #12") with no user
    QString summary() const;
};

// All in one transaction: for each user (by id or by email, case-insensitive; duplicates once)
// a 0.00 PAID order in INR with a fresh order number and an ACTIVE enrollment. Users already
// enrolled in the course are reported and skipped; unknown emails reported. Any write failing
// leaves nothing behind.
BulkResult enrollComplimentary(const QSqlDatabase& db, const QString& courseId, const QList<QVariant>& userIds,
                               const QStringList& emails, const QString& reason = QString());
// "a@x.in, b@y.in; c@z.in\n" -> the addresses, in order, without blanks.
QStringList parseEmails(const QString& pasted);

enum class Action { Suspend, Reactivate, Cancel, Complete };
QString actionName(Action action); // "suspend"
// Target status of `action` and whether `from` may go there.
QString targetStatus(Action action);
bool allowed(Action action, const QString& from);
// One transaction: the new status (and completion_date for Complete), updated_at, and an audit
// entry with `reason`. Already in the target status: nothing changes.
ServiceResult changeStatus(const QSqlDatabase& db, const QVariant& enrollmentId, Action action, const QString& reason);

struct StatusChanges
{
    bool ok = false;
    int changed = 0;
    int unchanged = 0;  // already in the target status
    QVariant failedKey; // the enrollment at fault
    QString message;    // the failure naming the enrollment, or a summary
};
// Several enrollments, one reason, one transaction (EnrollmentBulk.cpp): one that may not take
// the action (a cancelled one cannot be suspended) changes none and is named. `labels` name the
// enrollments in messages (same order as `ids`).
StatusChanges changeStatuses(const QSqlDatabase& db, const QVariantList& ids, const QStringList& labels, Action action,
                             const QString& reason);

} // namespace EnrollmentService
