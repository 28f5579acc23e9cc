#include "ImportWriter.h"

#include "db/SqlTime.h"
#include "domain/OrderNumber.h"
#include "domain/PlatformValues.h"
#include "domain/TableSpec.h"
#include "services/WriteService.h"

#include <algorithm>

namespace ImportWriter {

namespace {
constexpr int progressEvery = 200;
// New users per WriteSession::insertMany call: a multiple of progressEvery.
constexpr int insertSlice = 5 * progressEvery;

QString failure(int line, const WriteResult& r)
{
    return r.column.isEmpty() ? QStringLiteral("line %1: %2").arg(line).arg(r.message)
                              : QStringLiteral("line %1, %2: %3").arg(line).arg(r.column, r.message);
}

class Run
{
public:
    Run(const ImportPlan& plan, const Progress& progress, const std::atomic_bool* cancel)
        : m_plan(plan), m_progress(progress), m_cancel(cancel),
          m_total(int(plan.creates.size() + plan.updates.size() + plan.enrollments.size()))
    {
    }

    bool users(WriteSession& session)
    {
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("users"));
        // New users go in slices: multi-row statements (WriteSession::insertMany), with progress
        // and Cancel between slices.
        for (qsizetype start = 0; start < m_plan.creates.size(); start += insertSlice) {
            if (stopped()) {
                return false;
            }
            const qsizetype end = std::min<qsizetype>(start + insertSlice, m_plan.creates.size());
            QList<QHash<QString, QVariant>> rows;
            rows.reserve(end - start);
            for (qsizetype i = start; i < end; ++i) {
                const ImportUser& user = m_plan.creates.at(i);
                if (user.passwordHash.isEmpty()) {
                    m_error = QStringLiteral("line %1: no password hash (hashing did not finish)").arg(user.line);
                    return false;
                }
                QHash<QString, QVariant> values = user.values;
                values.insert(QStringLiteral("password"), user.passwordHash);
                rows << values;
            }
            if (const WriteResult r = session.insertMany(spec, rows); !r.ok()) {
                m_error = failure(m_plan.creates.at(start + std::max(r.index, 0)).line, r);
                return false;
            }
            tick(int(end - start));
        }
        const SqlTime time = SqlTime::forConnection(session.database());
        for (const ImportUser& user : m_plan.updates) {
            if (stopped()) {
                return false;
            }
            // The row as the preview read it: a user someone changed since is a conflict.
            QHash<QString, QVariant> before;
            for (auto it = user.before.cbegin(); it != user.before.cend(); ++it) {
                before.insert(it.key(), it.value());
            }
            const RowSnapshot loaded = RowSnapshot::fromValues(spec, user.id, before, time);
            QHash<QString, QVariant> values = user.values;
            if (!user.passwordHash.isEmpty()) {
                values.insert(QStringLiteral("password"), user.passwordHash);
            }
            if (const WriteResult r = session.update(spec, user.id, values, &loaded); !r.ok()) {
                m_error = failure(user.line, r);
                return false;
            }
            tick();
        }
        return true;
    }

    bool enrollments(WriteSession& session)
    {
        const TableSpec& orders = *TableSpec::forTable(QStringLiteral("orders"));
        const TableSpec& enrollments = *TableSpec::forTable(QStringLiteral("enrollments"));
        const QDateTime now = QDateTime::currentDateTimeUtc();
        for (const ImportEnrollment& e : m_plan.enrollments) {
            if (stopped()) {
                return false;
            }
            const WriteResult order =
                session.insert(orders, {{QStringLiteral("order_number"), OrderNumber::next(session.database())},
                                        {QStringLiteral("user_id"), e.userId},
                                        {QStringLiteral("course_id"), e.courseId},
                                        {QStringLiteral("amount"), QStringLiteral("0.00")},
                                        {QStringLiteral("currency"), QStringLiteral("INR")},
                                        {QStringLiteral("status"), PlatformValues::Order::paid}});
            if (!order.ok()) {
                m_error = failure(e.line, order);
                return false;
            }
            const WriteResult enrollment =
                session.insert(enrollments, {{QStringLiteral("user_id"), e.userId},
                                             {QStringLiteral("course_id"), e.courseId},
                                             {QStringLiteral("order_id"), order.key},
                                             {QStringLiteral("status"), PlatformValues::Enrollment::active},
                                             {QStringLiteral("enrollment_date"), now}});
            if (!enrollment.ok()) {
                m_error = failure(e.line, enrollment);
                return false;
            }
            tick();
        }
        return true;
    }

    int done() const { return m_done; }
    QString error() const { return m_error; }

private:
    bool stopped()
    {
        if (m_cancel && m_cancel->load()) {
            m_error = QStringLiteral("cancelled");
            return true;
        }
        return false;
    }
    void tick(int rows = 1)
    {
        m_done += rows;
        if (m_progress && (m_done % progressEvery == 0 || m_done == m_total)) {
            m_progress(m_done, m_total);
        }
    }

    const ImportPlan& m_plan;
    const Progress& m_progress;
    const std::atomic_bool* m_cancel;
    int m_total = 0;
    int m_done = 0;
    QString m_error;
};
} // namespace

Result apply(const QSqlDatabase& db, const ImportPlan& plan, const Progress& progress, const std::atomic_bool* cancel)
{
    Result result;
    if (!plan.ok()) {
        result.message = QStringLiteral("The file has problems; nothing was imported");
        return result;
    }
    const bool users = plan.options.kind == ImportKind::Users;
    WriteSession session(
        db, users ? WriteContext::plain()
                  : WriteContext::ofWorkflow(
                        QStringLiteral("enroll"),
                        QStringLiteral("Complimentary enrollment imported from %1").arg(plan.options.sourceName)));
    if (!session.isActive()) {
        result.message = QStringLiteral("Nothing was imported: could not start a transaction: ") + session.error();
        return result;
    }
    Run run(plan, progress, cancel);
    if (!(users ? run.users(session) : run.enrollments(session))) {
        // The session rolls everything back as it goes.
        result.message = QStringLiteral("Nothing was imported: %1").arg(run.error());
        return result;
    }
    if (!session.commit()) {
        result.message = QStringLiteral("Nothing was imported: could not commit: ") + session.error();
        return result;
    }
    result.ok = true;
    result.written = run.done();
    result.message =
        users ? QStringLiteral("%1 users created, %2 updated").arg(plan.creates.size()).arg(plan.updates.size())
              : QStringLiteral("%1 complimentary enrollments made").arg(plan.enrollments.size());
    return result;
}

} // namespace ImportWriter
