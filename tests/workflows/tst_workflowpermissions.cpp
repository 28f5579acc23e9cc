// Every workflow run by someone the database does not let write: a SELECT-only role and a staff
// role on PostgreSQL (made from `coursedesk db roles --print-sql`), a file opened read-only on
// SQLite. Each refusal reads "You may not <action> <table>…" and says nothing was written; the
// server's own words ("permission denied for table payments", 42501, 25P02, "attempt to write a
// readonly database") never reach the user, and nothing changed.
#include "TestRoles.h"
#include "WorkflowFixture.h"
#include "db/Database.h"
#include "services/BulkUpdate.h"
#include "services/CourseService.h"
#include "services/EnrollmentService.h"
#include "services/PaymentService.h"
#include "services/RowWriter.h"
#include "services/UserService.h"
#include "services/WriteService.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <functional>

namespace {
struct Connection
{
    QString name;
    explicit Connection(QString n) : name(std::move(n)) {}
    ~Connection() { Database::close(name); }
    QSqlDatabase db() const { return QSqlDatabase::database(name, false); }
};

// One workflow, what it should say it may not do ("add to payments"), and how to run it.
struct Workflow
{
    const char* name;
    QString refused;
    std::function<QString(const QSqlDatabase&)> run; // the message the user is shown
    // When the engines stop at different statements (PostgreSQL locks rows with FOR UPDATE, which
    // takes an UPDATE right; SQLite refuses the first write): empty = the same as `refused`.
    QString refusedOnSqlite = QString();
};

const TableSpec& spec(const char* table)
{
    return *TableSpec::forTable(QLatin1String(table));
}

QList<Workflow> workflows()
{
    auto row = [](const QSqlDatabase& db, const char* table, const QVariant& key) {
        QString error;
        return RowSnapshot::load(db, spec(table), key, false, &error);
    };
    return {
        // Recording a payment locks its order first: a role that may not update orders is told so.
        {"record a payment", QStringLiteral("update orders"),
         [](const QSqlDatabase& db) {
             PaymentService::PaymentInput in;
             in.orderId = 1;
             in.amountMinor = 599900;
             in.paymentMethod = QStringLiteral("upi");
             return PaymentService::recordPayment(db, in).message;
         },
         QStringLiteral("add to payments")},
        {"refund", QStringLiteral("update payments"),
         [](const QSqlDatabase& db) {
             return PaymentService::refund(db, 1, QStringLiteral("customer asked")).message;
         }},
        {"suspend an enrollment", QStringLiteral("update enrollments"),
         [](const QSqlDatabase& db) {
             return EnrollmentService::changeStatus(db, 1, EnrollmentService::Action::Suspend, QStringLiteral("late"))
                 .message;
         }},
        {"suspend enrollments", QStringLiteral("update enrollments"),
         [](const QSqlDatabase& db) {
             return EnrollmentService::changeStatuses(db, {1}, {QStringLiteral("liam")},
                                                      EnrollmentService::Action::Suspend, QStringLiteral("late"))
                 .message;
         }},
        {"complimentary enrollment", QStringLiteral("add to orders"),
         [](const QSqlDatabase& db) {
             return EnrollmentService::enrollComplimentary(db, QStringLiteral("starter-track"), {3}, {},
                                                           QStringLiteral("scholarship"))
                 .message;
         }},
        {"create a course", QStringLiteral("add to courses"),
         [](const QSqlDatabase& db) {
             return CourseService::create(db,
                                          {{QStringLiteral("id"), QStringLiteral("new-track")},
                                           {QStringLiteral("name"), QStringLiteral("New Track")},
                                           {QStringLiteral("duration"), QStringLiteral("30 Days")},
                                           {QStringLiteral("fee"), QStringLiteral("100.00")},
                                           {QStringLiteral("original_price"), QStringLiteral("200.00")},
                                           {QStringLiteral("level"), QStringLiteral("Beginner")}},
                                          std::nullopt)
                 .message;
         }},
        {"edit a course", QStringLiteral("update courses"),
         [row](const QSqlDatabase& db) {
             return CourseService::update(db, row(db, "courses", QStringLiteral("growth-track")),
                                          {{QStringLiteral("name"), QStringLiteral("Growth Track II")}}, false,
                                          std::nullopt)
                 .message;
         }},
        {"create a user", QStringLiteral("add to users"),
         [](const QSqlDatabase& db) {
             return UserService::create(db,
                                        {{QStringLiteral("first_name"), QStringLiteral("Nia")},
                                         {QStringLiteral("last_name"), QStringLiteral("Das")},
                                         {QStringLiteral("email"), QStringLiteral("nia@example.in")},
                                         {QStringLiteral("phone"), QStringLiteral("9123456780")},
                                         {QStringLiteral("address"), QStringLiteral("1 Lake Rd")},
                                         {QStringLiteral("city"), QStringLiteral("Pune")},
                                         {QStringLiteral("state"), QStringLiteral("Maharashtra")},
                                         {QStringLiteral("pincode"), QStringLiteral("411001")}},
                                        QStringLiteral("Secret#2026pass"))
                 .message;
         }},
        {"edit a user", QStringLiteral("update users"),
         [row](const QSqlDatabase& db) {
             return UserService::update(db, row(db, "users", 1), {{QStringLiteral("city"), QStringLiteral("Goa")}},
                                        false)
                 .message;
         }},
        {"reset a password", QStringLiteral("update users"),
         [](const QSqlDatabase& db) {
             return UserService::resetPassword(db, 1, QStringLiteral("Another#2026pass")).message;
         }},
        {"set a field on many rows", QStringLiteral("update users"),
         [row](const QSqlDatabase& db) {
             BulkUpdate::Row asha;
             asha.key = 1;
             asha.loaded = row(db, "users", 1).values();
             asha.label = QStringLiteral("asha@example.in");
             return BulkUpdate::setField(db, spec("users"), {asha}, QStringLiteral("city"), QStringLiteral("Goa"))
                 .message;
         }},
        {"delete a row", QStringLiteral("delete from course_marketplaces"),
         [](const QSqlDatabase& db) { return WriteService::remove(db, spec("course_marketplaces"), 1).message; }},
        {"save a batch", QStringLiteral("update orders"),
         [row](const QSqlDatabase& db) {
             WriteBatch batch;
             batch.update(QStringLiteral("orders"), 1,
                          {{QStringLiteral("razorpay_order_id"), QStringLiteral("order_B2")}}, row(db, "orders", 1));
             return WriteService::apply(db, batch).message;
         }},
    };
}

// The words a user must see, and none of the server's.
QString problem(const QString& message, const QString& refused)
{
    // The workflow may say first what did not happen ("The payment was not recorded: You may not…").
    if (!message.contains(QStringLiteral("You may not ") + refused + QLatin1Char(':'))) {
        return QStringLiteral("does not say \"You may not %1:\"").arg(refused);
    }
    if (!message.contains(QStringLiteral("Nothing was written"))) {
        return QStringLiteral("does not say that nothing was written");
    }
    for (const char* raw : {"permission denied", "42501", "25P02", "readonly database", "read-only database",
                            "current transaction is aborted", "ERROR", "QPSQL", "Unable to"}) {
        if (message.contains(QLatin1String(raw), Qt::CaseInsensitive)) {
            return QStringLiteral("passes on the server's words \"%1\"").arg(QLatin1String(raw));
        }
    }
    return QString();
}
} // namespace

class TestWorkflowPermissions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    // SELECT-only on PostgreSQL; a read-only file on SQLite.
    void everyWorkflowSaysWhatMayNotBeDone()
    {
        SEEDED_DATABASE(db);
        const QString before = WorkflowFixture::fingerprint(db.db());
        std::unique_ptr<TestRoles> roles;
        DatabaseUrl url = db.url();
        if (db.engine() == Engine::Postgres) {
            roles = std::make_unique<TestRoles>(db);
            QVERIFY2(roles->create(), qPrintable(roles->error()));
            url = roles->urlFor(QStringLiteral("viewer"));
        } else {
            url.options.insert(QStringLiteral("mode"), QStringLiteral("ro"));
        }
        Connection viewer(QStringLiteral("viewer"));
        QString error;
        QVERIFY2(Database::open(url, viewer.name, &error), qPrintable(error));
        for (const Workflow& w : workflows()) {
            const QString message = w.run(viewer.db());
            const QString wrong = problem(
                message, db.engine() == Engine::Sqlite && !w.refusedOnSqlite.isEmpty() ? w.refusedOnSqlite : w.refused);
            QVERIFY2(wrong.isEmpty(), qPrintable(QStringLiteral("%1: \"%2\" %3").arg(w.name, message, wrong)));
            // The connection is still usable: no transaction was left open or aborted.
            QSqlQuery probe(viewer.db());
            QVERIFY2(probe.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && probe.next(),
                     qPrintable(QStringLiteral("%1: %2").arg(w.name, probe.lastError().text())));
        }
        QCOMPARE(WorkflowFixture::fingerprint(db.db()), before);
    }

    // The staff role may do most things but not refunds nor set passwords: those two say so.
    void staffRoleIsToldWhatItMayNotDo()
    {
        SEEDED_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("roles exist on PostgreSQL only");
        }
        const QString before = WorkflowFixture::fingerprint(db.db());
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        Connection staff(QStringLiteral("staff"));
        QString error;
        QVERIFY2(Database::open(roles.urlFor(QStringLiteral("staff")), staff.name, &error), qPrintable(error));
        const QString refund = PaymentService::refund(staff.db(), 1, QStringLiteral("customer asked")).message;
        QVERIFY2(problem(refund, QStringLiteral("update payments")).isEmpty(), qPrintable(refund));
        const QString password = UserService::resetPassword(staff.db(), 1, QStringLiteral("Another#2026pass")).message;
        QVERIFY2(problem(password, QStringLiteral("update users")).isEmpty(), qPrintable(password));
        QCOMPARE(WorkflowFixture::fingerprint(db.db()), before);
        // What the role may do still works on the same connection afterwards.
        const ServiceResult suspended = EnrollmentService::changeStatus(
            staff.db(), 1, EnrollmentService::Action::Suspend, QStringLiteral("late payment"));
        QVERIFY2(suspended.ok, qPrintable(suspended.message));
    }
};

QTEST_GUILESS_MAIN(TestWorkflowPermissions)
#include "tst_workflowpermissions.moc"
