#include "EnrollmentService.h"

#include "ServiceSql.h"
#include "WriteService.h"
#include "domain/OrderNumber.h"
#include "domain/PlatformValues.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace EnrollmentService {

namespace PV = PlatformValues;

QString BulkResult::summary() const
{
    QStringList parts;
    parts << (enrolled.size() == 1 ? QStringLiteral("1 user enrolled")
                                   : QStringLiteral("%1 users enrolled").arg(enrolled.size()));
    if (!alreadyEnrolled.isEmpty()) {
        parts << QStringLiteral("already enrolled (skipped): %1").arg(alreadyEnrolled.join(QStringLiteral(", ")));
    }
    if (!unknown.isEmpty()) {
        parts << QStringLiteral("no such user: %1").arg(unknown.join(QStringLiteral(", ")));
    }
    return parts.join(QStringLiteral("; "));
}

QStringList parseEmails(const QString& pasted)
{
    static const QRegularExpression separators(QStringLiteral("[\\s,;]+"));
    QStringList out;
    for (const QString& part : pasted.split(separators, Qt::SkipEmptyParts)) {
        // "Asha Rao <asha@x.in>" as mail clients copy it.
        QString email = part;
        email.remove(QLatin1Char('<')).remove(QLatin1Char('>'));
        if (email.contains(QLatin1Char('@'))) {
            out << email.trimmed();
        }
    }
    return out;
}

BulkResult enrollComplimentary(const QSqlDatabase& db, const QString& courseId, const QList<QVariant>& userIds,
                               const QStringList& emails, const QString& reason)
{
    BulkResult result;
    WriteSession session(db, WriteContext::ofWorkflow(QStringLiteral("enroll"), reason));
    if (!session.isActive()) {
        result.message = QStringLiteral("Could not start a transaction: ") + session.error();
        return result;
    }
    if (!ServiceSql::scalar(db, QStringLiteral("SELECT id FROM courses WHERE id = ?"), {courseId})) {
        result.message = QStringLiteral("Course %1 does not exist").arg(courseId);
        return result;
    }
    // Resolve everyone first (id -> email), keeping the order given and each user once.
    QList<QPair<QVariant, QString>> users;
    QSet<QString> seen;
    auto add = [&](const QVariant& id, const QString& email) {
        if (!seen.contains(id.toString())) {
            seen.insert(id.toString());
            users.append({id, email});
        }
    };
    for (const QVariant& id : userIds) {
        if (const auto email = ServiceSql::scalar(db, QStringLiteral("SELECT email FROM users WHERE id = ?"), {id})) {
            add(id, email->toString());
        } else {
            result.unknown << QStringLiteral("user #%1").arg(id.toString());
        }
    }
    for (const QString& email : emails) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("SELECT id, email FROM users WHERE lower(email) = lower(?) ORDER BY id"));
        query.addBindValue(email.trimmed());
        if (query.exec() && query.next()) {
            add(query.value(0), query.value(1).toString());
        } else if (!result.unknown.contains(email.trimmed(), Qt::CaseInsensitive)) {
            result.unknown << email.trimmed();
        }
    }
    const QString now = ServiceSql::now(db);
    for (const auto& [userId, email] : std::as_const(users)) {
        if (ServiceSql::scalar(db, QStringLiteral("SELECT id FROM enrollments WHERE user_id = ? AND course_id = ?"),
                               {userId, courseId})) {
            result.alreadyEnrolled << email;
            continue;
        }
        const WriteResult order = session.insert(*TableSpec::forTable(QStringLiteral("orders")),
                                                 {{QStringLiteral("order_number"), OrderNumber::next(db)},
                                                  {QStringLiteral("user_id"), userId},
                                                  {QStringLiteral("course_id"), courseId},
                                                  {QStringLiteral("amount"), QStringLiteral("0.00")},
                                                  {QStringLiteral("currency"), QStringLiteral("INR")},
                                                  {QStringLiteral("status"), PV::Order::paid}});
        const WriteResult enrollment = order.ok() ? session.insert(*TableSpec::forTable(QStringLiteral("enrollments")),
                                                                   {{QStringLiteral("user_id"), userId},
                                                                    {QStringLiteral("course_id"), courseId},
                                                                    {QStringLiteral("order_id"), order.key},
                                                                    {QStringLiteral("status"), PV::Enrollment::active},
                                                                    {QStringLiteral("enrollment_date"), now}})
                                                  : order;
        if (!enrollment.ok()) {
            result = BulkResult();
            result.message =
                QStringLiteral("Nobody was enrolled: enrolling %1 failed (%2)").arg(email, enrollment.message);
            return result;
        }
        result.enrolled << email;
    }
    if (!session.commit()) {
        result = BulkResult();
        result.message = QStringLiteral("Nobody was enrolled: ") + session.error();
        return result;
    }
    result.ok = true;
    result.message = result.summary();
    return result;
}

QString actionName(Action action)
{
    switch (action) {
    case Action::Suspend:
        return QStringLiteral("suspend");
    case Action::Reactivate:
        return QStringLiteral("reactivate");
    case Action::Cancel:
        return QStringLiteral("cancel");
    case Action::Complete:
        return QStringLiteral("complete");
    }
    return QString();
}

QString targetStatus(Action action)
{
    switch (action) {
    case Action::Suspend:
        return PV::Enrollment::suspended;
    case Action::Reactivate:
        return PV::Enrollment::active;
    case Action::Cancel:
        return PV::Enrollment::cancelled;
    case Action::Complete:
        return PV::Enrollment::completed;
    }
    return QString();
}

bool allowed(Action action, const QString& from)
{
    switch (action) {
    case Action::Suspend:
        return from == PV::Enrollment::active;
    case Action::Reactivate:
        return from == PV::Enrollment::suspended;
    case Action::Cancel:
        return from == PV::Enrollment::active || from == PV::Enrollment::suspended;
    case Action::Complete:
        return from == PV::Enrollment::active;
    }
    return false;
}

ServiceResult changeStatus(const QSqlDatabase& db, const QVariant& enrollmentId, Action action, const QString& reason)
{
    WriteSession session(db, WriteContext::ofWorkflow(actionName(action), reason));
    if (!session.isActive()) {
        return ServiceResult::failure(QStringLiteral("Could not start a transaction: ") + session.error());
    }
    const TableSpec& spec = *TableSpec::forTable(QStringLiteral("enrollments"));
    QString lockError;
    const RowSnapshot row = session.lock(spec, enrollmentId, &lockError);
    if (!lockError.isEmpty()) {
        return ServiceResult::failure(lockError);
    }
    const std::optional<QVariant> current =
        row.exists() ? std::optional<QVariant>(row.value(QStringLiteral("status"))) : std::nullopt;
    if (!current) {
        return ServiceResult::failure(QStringLiteral("The enrollment does not exist"));
    }
    const QString from = current->toString();
    const QString to = targetStatus(action);
    if (from == to) {
        return ServiceResult::success(QStringLiteral("The enrollment is already %1; nothing was changed")
                                          .arg(PV::label(PV::Kind::EnrollmentStatus, to).toLower()),
                                      false, enrollmentId);
    }
    if (!allowed(action, from)) {
        return ServiceResult::failure(QStringLiteral("A %1 enrollment cannot be %2")
                                          .arg(PV::label(PV::Kind::EnrollmentStatus, from).toLower(),
                                               action == Action::Suspend      ? QStringLiteral("suspended")
                                               : action == Action::Reactivate ? QStringLiteral("reactivated")
                                               : action == Action::Cancel     ? QStringLiteral("cancelled")
                                                                              : QStringLiteral("completed")),
                                      QStringLiteral("status"));
    }
    QHash<QString, QVariant> values{{QStringLiteral("status"), to}};
    if (action == Action::Complete) {
        values.insert(QStringLiteral("completion_date"), ServiceSql::now(db));
    }
    if (const auto r = session.update(spec, enrollmentId, values); !r.ok()) {
        return ServiceResult::failure(QStringLiteral("The enrollment was not changed: ") + r.message);
    }
    if (!session.commit()) {
        return ServiceResult::failure(QStringLiteral("Could not commit: ") + session.error());
    }
    return ServiceResult::success(
        QStringLiteral("Enrollment %1").arg(PV::label(PV::Kind::EnrollmentStatus, to).toLower()), true, enrollmentId);
}

} // namespace EnrollmentService
