// The purchase workflow, complimentary enrollment, enrollment status changes and refunds, on both
// engines: what each writes, that a repeat changes nothing, that a failure halfway leaves nothing
// behind, and that only the platform's own values are ever written.
#include "WorkflowFixture.h"
#include "domain/PlatformValues.h"
#include "services/AuditLog.h"
#include "services/EnrollmentService.h"
#include "services/PaymentService.h"

#include <QSqlQuery>
#include <QTest>

using namespace WorkflowFixture;
namespace PV = PlatformValues;

class TestWorkflows : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void recordPaymentMarksOrderPaidAndEnrolls()
    {
        SEEDED_DATABASE(db);
        PaymentService::PaymentInput input;
        input.orderId = 1;
        input.amountMinor = 599900;
        input.paymentMethod = QStringLiteral("Razorpay");
        input.razorpayPaymentId = QStringLiteral("pay_A1");
        input.razorpaySignature = QStringLiteral("abc123");
        const auto result = PaymentService::recordPayment(db.db(), input);
        QVERIFY2(result.ok, qPrintable(result.message));
        QVERIFY(result.changed);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM orders WHERE id = 1")).toString(), PV::Order::paid);
        QVERIFY(scalar(db.db(), QStringLiteral("SELECT updated_at FROM orders WHERE id = 1")).toString() !=
                QStringLiteral("2026-01-01 00:00:00"));
        QCOMPARE(count(db.db(), QStringLiteral("payments"),
                       QStringLiteral("razorpay_payment_id = 'pay_A1' AND status = 'COMPLETED' AND payment_date IS NOT "
                                      "NULL AND razorpay_signature = 'abc123'")),
                 1);
        QCOMPARE(
            count(db.db(), QStringLiteral("enrollments"),
                  QStringLiteral("user_id = 1 AND course_id = 'starter-track' AND order_id = 1 AND status = 'ACTIVE'")),
            1);

        // The same Razorpay payment again: nothing changes.
        const QString before = fingerprint(db.db());
        const auto again = PaymentService::recordPayment(db.db(), input);
        QVERIFY2(again.ok, qPrintable(again.message));
        QVERIFY(!again.changed);
        QCOMPARE(again.key, result.key);
        QCOMPARE(fingerprint(db.db()), before);
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    void recordPaymentRefusesAmountMismatch()
    {
        SEEDED_DATABASE(db);
        const QString before = fingerprint(db.db());
        PaymentService::PaymentInput input;
        input.orderId = 1;
        input.amountMinor = 599800;
        input.razorpayPaymentId = QStringLiteral("pay_X");
        const auto result = PaymentService::recordPayment(db.db(), input);
        QVERIFY(!result.ok);
        QCOMPARE(result.column, QStringLiteral("amount"));
        QVERIFY2(result.message.contains(QString::fromUtf8("₹5,998.00")) &&
                     result.message.contains(QString::fromUtf8("₹5,999.00")),
                 qPrintable(result.message));
        QCOMPARE(fingerprint(db.db()), before);

        // A paid order is not paid twice.
        input.orderId = 2;
        input.amountMinor = 999900;
        const auto paid = PaymentService::recordPayment(db.db(), input);
        QVERIFY(!paid.ok);
        QVERIFY2(paid.message.contains(QStringLiteral("not awaiting payment")), qPrintable(paid.message));
        QCOMPARE(fingerprint(db.db()), before);

        // Only platform statuses.
        input.orderId = 1;
        input.amountMinor = 599900;
        input.status = QStringLiteral("SETTLED");
        QVERIFY(!PaymentService::recordPayment(db.db(), input).ok);
        QCOMPARE(fingerprint(db.db()), before);
    }

    void recordPaymentFailureHalfwayLeavesNothing()
    {
        SEEDED_DATABASE(db);
        // The payment and the order update succeed, then the enrollment insert fails.
        QVERIFY(injectFailure(db, QStringLiteral("enrollments"), QStringLiteral("INSERT"),
                              QStringLiteral("NEW.user_id = 1")));
        const QString before = fingerprint(db.db());
        PaymentService::PaymentInput input;
        input.orderId = 1;
        input.amountMinor = 599900;
        input.razorpayPaymentId = QStringLiteral("pay_A1");
        const auto result = PaymentService::recordPayment(db.db(), input);
        QVERIFY(!result.ok);
        QCOMPARE(fingerprint(db.db()), before);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM orders WHERE id = 1")).toString(),
                 PV::Order::created);
        QCOMPARE(count(db.db(), QStringLiteral("payments"), QStringLiteral("razorpay_payment_id = 'pay_A1'")), 0);
    }

    void pendingPaymentDoesNotEnroll()
    {
        SEEDED_DATABASE(db);
        PaymentService::PaymentInput input;
        input.orderId = 1;
        input.amountMinor = 599900;
        input.status = PV::Payment::pending;
        const auto result = PaymentService::recordPayment(db.db(), input);
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM orders WHERE id = 1")).toString(),
                 PV::Order::created);
        QCOMPARE(count(db.db(), QStringLiteral("enrollments")), 1);
        QCOMPARE(
            count(db.db(), QStringLiteral("payments"), QStringLiteral("status = 'PENDING' AND payment_date IS NULL")),
            1);
    }

    void complimentaryEnrollmentReportsSkipsAndUnknowns()
    {
        SEEDED_DATABASE(db);
        const auto result = EnrollmentService::enrollComplimentary(
            db.db(), QStringLiteral("growth-track"), {QVariant(1)},
            EnrollmentService::parseEmails(
                QStringLiteral("LIAM@example.in, nobody@example.in;\nZoya Khan <zoya@example.in>\nasha@example.in")),
            QStringLiteral("Scholarship"));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.enrolled, (QStringList{QStringLiteral("asha@example.in"), QStringLiteral("zoya@example.in")}));
        QCOMPARE(result.alreadyEnrolled, QStringList{QStringLiteral("liam@example.in")});
        QCOMPARE(result.unknown, QStringList{QStringLiteral("nobody@example.in")});
        QCOMPARE(
            count(db.db(), QStringLiteral("orders"),
                  QStringLiteral("course_id = 'growth-track' AND amount = 0 AND status = 'PAID' AND currency = 'INR' "
                                 "AND order_number LIKE 'ORD%'")),
            2);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(DISTINCT order_number) FROM orders")).toLongLong(), 4);
        QCOMPARE(
            count(db.db(), QStringLiteral("enrollments"),
                  QStringLiteral("course_id = 'growth-track' AND status = 'ACTIVE' AND order_id IN (SELECT id FROM "
                                 "orders WHERE amount = 0)")),
            2);
        // One audit row per row written: each user's order and enrollment.
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"),
                       QStringLiteral("action = 'enroll' AND reason = 'Scholarship'")),
                 4);

        // Again: everyone is already enrolled, nothing is written.
        const QString before = fingerprint(db.db());
        const auto again = EnrollmentService::enrollComplimentary(db.db(), QStringLiteral("growth-track"),
                                                                  {QVariant(1), QVariant(3)}, {});
        QVERIFY(again.ok);
        QVERIFY(again.enrolled.isEmpty());
        QCOMPARE(again.alreadyEnrolled.size(), 2);
        QCOMPARE(fingerprint(db.db()), before);
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    void complimentaryEnrollmentFailureHalfwayLeavesNothing()
    {
        SEEDED_DATABASE(db);
        // The first user's order and enrollment are written, the second user's enrollment fails.
        QVERIFY(injectFailure(db, QStringLiteral("enrollments"), QStringLiteral("INSERT"),
                              QStringLiteral("NEW.user_id = 3")));
        const QString before = fingerprint(db.db());
        const auto result = EnrollmentService::enrollComplimentary(db.db(), QStringLiteral("starter-track"),
                                                                   {QVariant(2), QVariant(3)}, {});
        QVERIFY(!result.ok);
        QVERIFY(result.enrolled.isEmpty());
        QVERIFY2(result.message.contains(QStringLiteral("zoya@example.in")), qPrintable(result.message));
        QCOMPARE(fingerprint(db.db()), before);
    }

    void complimentaryEnrollmentUnknownCourse()
    {
        SEEDED_DATABASE(db);
        const QString before = fingerprint(db.db());
        const auto result =
            EnrollmentService::enrollComplimentary(db.db(), QStringLiteral("no-such-course"), {QVariant(1)}, {});
        QVERIFY(!result.ok);
        QCOMPARE(fingerprint(db.db()), before);
    }

    void enrollmentStatusChanges()
    {
        SEEDED_DATABASE(db);
        using EnrollmentService::Action;
        auto status = [&] {
            return scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString();
        };
        auto r =
            EnrollmentService::changeStatus(db.db(), 1, Action::Suspend, QStringLiteral("Chargeback under review"));
        QVERIFY2(r.ok && r.changed, qPrintable(r.message));
        QCOMPARE(status(), PV::Enrollment::suspended);
        r = EnrollmentService::changeStatus(db.db(), 1, Action::Suspend, QStringLiteral("again"));
        QVERIFY(r.ok && !r.changed);
        QVERIFY(!EnrollmentService::changeStatus(db.db(), 1, Action::Complete, QString()).ok);
        r = EnrollmentService::changeStatus(db.db(), 1, Action::Reactivate, QStringLiteral("Cleared"));
        QVERIFY2(r.ok && r.changed, qPrintable(r.message));
        QCOMPARE(status(), PV::Enrollment::active);
        QVERIFY(scalar(db.db(), QStringLiteral("SELECT completion_date FROM enrollments WHERE id = 1")).isNull());
        r = EnrollmentService::changeStatus(db.db(), 1, Action::Complete, QStringLiteral("Finished all modules"));
        QVERIFY2(r.ok && r.changed, qPrintable(r.message));
        QCOMPARE(status(), PV::Enrollment::completed);
        QVERIFY(!scalar(db.db(), QStringLiteral("SELECT completion_date FROM enrollments WHERE id = 1")).isNull());
        QVERIFY(!EnrollmentService::changeStatus(db.db(), 1, Action::Cancel, QString()).ok);
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"),
                       QStringLiteral("table_name = 'enrollments' AND row_key = '1'")),
                 3);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT reason FROM coursedesk_audit_log WHERE action = 'suspend'"))
                     .toString(),
                 QStringLiteral("Chargeback under review"));
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    void statusChangeWithoutAuditLog()
    {
        SEEDED_DATABASE(db);
        // A platform database whose owner declined Coursedesk's own tables.
        QVERIFY(db.exec(QStringLiteral("DROP TABLE coursedesk_audit_log")));
        QVERIFY(!AuditLog::available(db.db()));
        const auto r = EnrollmentService::changeStatus(db.db(), 1, EnrollmentService::Action::Cancel,
                                                       QStringLiteral("Asked to leave"));
        QVERIFY2(r.ok && r.changed, qPrintable(r.message));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString(),
                 PV::Enrollment::cancelled);
    }

    void statusChangeFailureLeavesNothing()
    {
        SEEDED_DATABASE(db);
        // The status update succeeds, the audit entry fails: the status change is rolled back too.
        QVERIFY(injectFailure(db, QStringLiteral("coursedesk_audit_log"), QStringLiteral("INSERT"),
                              QStringLiteral("1 = 1")));
        const QString before = fingerprint(db.db());
        QVERIFY(
            !EnrollmentService::changeStatus(db.db(), 1, EnrollmentService::Action::Suspend, QStringLiteral("x")).ok);
        QCOMPARE(fingerprint(db.db()), before);
    }

    void refundCancelsOrderAndEnrollment()
    {
        SEEDED_DATABASE(db);
        const auto summary = PaymentService::refundSummary(db.db(), 1);
        QVERIFY(summary);
        QVERIFY2(summary->question().contains(QString::fromUtf8("₹9,999.00")) &&
                     summary->question().contains(QStringLiteral("Liam Paul")) &&
                     summary->question().contains(QStringLiteral("Growth Track")),
                 qPrintable(summary->question()));
        const auto r = PaymentService::refund(db.db(), 1, QStringLiteral("Customer request"));
        QVERIFY2(r.ok && r.changed, qPrintable(r.message));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM payments WHERE id = 1")).toString(),
                 PV::Payment::refunded);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM orders WHERE id = 2")).toString(),
                 PV::Order::cancelled);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString(),
                 PV::Enrollment::cancelled);
        // One audit row per changed row: the payment, its order and the enrollment.
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"),
                       QStringLiteral("action = 'refund' AND reason = 'Customer request'")),
                 3);
        const QString before = fingerprint(db.db());
        const auto again = PaymentService::refund(db.db(), 1, QStringLiteral("again"));
        QVERIFY(again.ok && !again.changed);
        QCOMPARE(fingerprint(db.db()), before);
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    void refundFailureHalfwayLeavesNothing()
    {
        SEEDED_DATABASE(db);
        // Payment and order are updated, then the enrollment update fails.
        QVERIFY(injectFailure(db, QStringLiteral("enrollments"), QStringLiteral("UPDATE"), QStringLiteral("1 = 1")));
        const QString before = fingerprint(db.db());
        const auto r = PaymentService::refund(db.db(), 1, QStringLiteral("x"));
        QVERIFY(!r.ok);
        QCOMPARE(fingerprint(db.db()), before);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM payments WHERE id = 1")).toString(),
                 PV::Payment::completed);
    }
};

QTEST_GUILESS_MAIN(TestWorkflows)
#include "tst_workflows.moc"
