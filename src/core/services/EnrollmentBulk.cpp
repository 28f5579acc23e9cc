// EnrollmentService: the status workflows on many enrollments at once (bulk suspend, reactivate,
// complete from a selection), each enrollment exactly as changeStatus() changes one, all in one
// transaction (an outer WriteSession that each changeStatus joins) with one audit row each.
#include "EnrollmentService.h"

#include "WriteService.h"
#include "domain/PlatformValues.h"

namespace EnrollmentService {

StatusChanges changeStatuses(const QSqlDatabase& db, const QVariantList& ids, const QStringList& labels, Action action,
                             const QString& reason)
{
    StatusChanges out;
    if (ids.isEmpty()) {
        out.message = QStringLiteral("No enrollments are selected");
        return out;
    }
    WriteSession session(db, WriteContext::ofWorkflow(actionName(action), reason));
    if (!session.isActive()) {
        out.message = QStringLiteral("Could not start a transaction: ") + session.error();
        return out;
    }
    for (int i = 0; i < ids.size(); ++i) {
        const ServiceResult result = changeStatus(db, ids.at(i), action, reason);
        if (!result.ok) {
            const QString label = i < labels.size() && !labels.at(i).isEmpty()
                                      ? labels.at(i)
                                      : QStringLiteral("enrollment #%1").arg(ids.at(i).toString());
            out.failedKey = ids.at(i);
            out.message = QStringLiteral("%1: %2. Nothing was changed.").arg(label, result.message);
            return out; // the session rolls back every change made so far
        }
        ++(result.changed ? out.changed : out.unchanged);
    }
    if (!session.commit()) {
        out.message = QStringLiteral("Could not commit: ") + session.error();
        return out;
    }
    out.ok = true;
    const QString target =
        PlatformValues::label(PlatformValues::Kind::EnrollmentStatus, targetStatus(action)).toLower();
    out.message =
        out.unchanged == 0
            ? QStringLiteral("%1 enrollments %2").arg(out.changed).arg(target)
            : QStringLiteral("%1 enrollments %2; %3 were %2 already").arg(out.changed).arg(target).arg(out.unchanged);
    return out;
}

} // namespace EnrollmentService
