// EnrollmentService: the status workflows on many enrollments at once (bulk suspend, reactivate,
// complete from a selection), each enrollment exactly as changeStatus() changes one, all in one
// transaction with one audit row per enrollment.
#include "EnrollmentService.h"

#include "ServiceSql.h"
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
    ServiceSql::Transaction tx(db);
    if (!tx.isActive()) {
        out.message = QStringLiteral("Could not start a transaction: ") + tx.error();
        return out;
    }
    for (int i = 0; i < ids.size(); ++i) {
        const ServiceResult result = changeStatusInTransaction(db, ids.at(i), action, reason);
        if (!result.ok) {
            const QString label = i < labels.size() && !labels.at(i).isEmpty()
                                      ? labels.at(i)
                                      : QStringLiteral("enrollment #%1").arg(ids.at(i).toString());
            out.failedKey = ids.at(i);
            out.message = QStringLiteral("%1: %2. Nothing was changed.").arg(label, result.message);
            return out;
        }
        ++(result.changed ? out.changed : out.unchanged);
    }
    if (out.changed > 0 && !tx.commit()) {
        out.message = QStringLiteral("Could not commit: ") + tx.error();
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
