#include "RevenueFigures.h"
#include "RevenueFixture.h"
#include "TestEngines.h"
#include "schema/ObjectsBuilder.h"
#include "services/PaymentService.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// With Coursedesk's objects a short period's payments are found by index range scans (report
// date, refunded payments by updated_at, refund audit rows by time) instead of reading every
// payment. Every figure must be exactly the one the full scan gives: the scan is the reference.
using namespace RevenueFigures;

class TestRevenueIndexPath : public QObject
{
    Q_OBJECT
private:
    static QTimeZone kolkata() { return QTimeZone("Asia/Kolkata"); }

    static RevenueFilter period(QDate from, QDate to, const QString& currency = QString())
    {
        RevenueFilter f;
        f.from = from;
        f.to = to;
        f.granularity = Granularity::Day;
        f.currency = currency;
        f.userZone = kolkata();
        return f;
    }

    // The fixture plus the cases the index path must find: refunds dated by their audit row and by
    // updated_at, refunds of payments made months before, a payment without payment_date.
    static void prepare(const QSqlDatabase& db, const RevenueFixture& fixture)
    {
        QString error;
        QVERIFY2(fixture.insert(db, &error), qPrintable(error));
        QList<qint64> completed; // COMPLETED payments paid in Nov-Dec 2023
        for (const RevenueFixture::Payment& p : fixture.payments) {
            if (p.status == QLatin1String("COMPLETED") && p.paymentDate.isValid() &&
                p.paymentDate < RevenueFixture::utc("2024-01-01 00:00:00.000")) {
                completed << p.id;
            }
        }
        QVERIFY(completed.size() >= 6);
        // Coursedesk's refund, dated by its audit row in February; updated_at later says April.
        const auto audited = PaymentService::refund(db, completed.at(0), QStringLiteral("Customer request"));
        QVERIFY2(audited.ok && audited.changed, qPrintable(audited.message));
        QVERIFY(exec(db,
                     QStringLiteral("UPDATE coursedesk_audit_log SET occurred_at = ? WHERE action = 'refund' AND "
                                    "table_name = 'payments' AND row_key = ?"),
                     {QStringLiteral("2024-02-10 06:00:00.000"), QString::number(completed.at(0))}));
        QVERIFY(exec(db, QStringLiteral("UPDATE payments SET updated_at = ? WHERE id = ?"),
                     {QStringLiteral("2024-04-05 06:00:00.000"), completed.at(0)}));
        // Coursedesk's refund made in December, edited in February: it stays in December.
        const auto edited = PaymentService::refund(db, completed.at(1), QStringLiteral("Duplicate"));
        QVERIFY2(edited.ok && edited.changed, qPrintable(edited.message));
        QVERIFY(exec(db,
                     QStringLiteral("UPDATE coursedesk_audit_log SET occurred_at = ? WHERE action = 'refund' AND "
                                    "table_name = 'payments' AND row_key = ?"),
                     {QStringLiteral("2023-12-20 06:00:00.000"), QString::number(completed.at(1))}));
        QVERIFY(exec(db, QStringLiteral("UPDATE payments SET updated_at = ? WHERE id = ?"),
                     {QStringLiteral("2024-02-11 06:00:00.000"), completed.at(1)}));
        // The platform's own refunds (no audit row): in February and in January (the previous
        // month of the KPI deltas), of payments made in November or December.
        QVERIFY(exec(db, QStringLiteral("UPDATE payments SET status = 'REFUNDED', updated_at = ? WHERE id = ?"),
                     {QStringLiteral("2024-02-20 12:00:00.000"), completed.at(2)}));
        QVERIFY(exec(db, QStringLiteral("UPDATE payments SET status = 'REFUNDED', updated_at = ? WHERE id = ?"),
                     {QStringLiteral("2024-01-15 12:00:00.000"), completed.at(3)}));
        // Just inside February in Asia/Kolkata (UTC 18:30 on 31 January).
        QVERIFY(exec(db, QStringLiteral("UPDATE payments SET status = 'REFUNDED', updated_at = ? WHERE id = ?"),
                     {QStringLiteral("2024-01-31 18:30:00.000"), completed.at(4)}));
        // Paid in February with no payment_date: it counts by created_at.
        QVERIFY(exec(db, QStringLiteral("UPDATE payments SET payment_date = NULL, created_at = ? WHERE id = ?"),
                     {QStringLiteral("2024-02-15 09:00:00.000"), completed.at(5)}));
    }

    static void compareFor(const QSqlDatabase& db, const RevenueFilter& f, bool expectIndex)
    {
        const auto byIndex = run(db, f, RevenuePath::Index);
        const auto byScan = run(db, f, RevenuePath::Scan);
        QVERIFY(byIndex && byScan);
        QCOMPARE(byIndex->readByIndex, expectIndex);
        QVERIFY(!byScan->readByIndex);
        const QStringList a = figures(*byIndex);
        const QStringList b = figures(*byScan);
        for (qsizetype i = 0; i < qMin(a.size(), b.size()); ++i) {
            QCOMPARE(a.at(i), b.at(i));
        }
        QCOMPARE(a.size(), b.size());
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void monthByIndexEqualsScan()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(300);
        prepare(db.db(), fixture);
        if (QTest::currentTestFailed()) {
            return;
        }
        const QDate feb(2024, 2, 1);
        const QDate mar(2024, 3, 1);
        compareFor(db.db(), period(feb, mar, QStringLiteral("INR")), true);
        compareFor(db.db(), period(feb, mar), true); // every currency
        RevenueFilter picked = period(feb, mar);     // the dashboard's first open
        picked.pickCurrency = true;
        compareFor(db.db(), picked, true);
        compareFor(db.db(), period(QDate(2024, 1, 1), feb, QStringLiteral("INR")), true);
        compareFor(db.db(), period(QDate(2024, 1, 10), QDate(2024, 2, 20), QStringLiteral("USD")), true);

        // The cases above are in the figures, not only equal on both paths.
        const auto february = run(db.db(), period(feb, mar, QStringLiteral("INR")), RevenuePath::Index);
        QVERIFY(february);
        const auto january = run(db.db(), period(QDate(2024, 1, 1), feb, QStringLiteral("INR")), RevenuePath::Index);
        QVERIFY(january);
        QCOMPARE(february->currencies.value(QStringLiteral("INR")).previous.refundCount,
                 january->currencies.value(QStringLiteral("INR")).current.refundCount);
        QVERIFY(february->currencies.value(QStringLiteral("INR")).current.refundCount >= 1);

        // A long period reads every payment once, as before.
        compareFor(db.db(), period(QDate(2023, 11, 1), QDate(2024, 4, 1), QStringLiteral("INR")), false);
    }

    void courseFilterByIndexEqualsScan()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(200);
        prepare(db.db(), fixture);
        if (QTest::currentTestFailed()) {
            return;
        }
        QSet<QString> courses;
        for (const RevenueFixture::Order& o : fixture.orders) {
            courses.insert(o.course);
        }
        QVERIFY(!courses.isEmpty());
        for (const QString& course : std::as_const(courses)) {
            RevenueFilter f = period(QDate(2024, 2, 1), QDate(2024, 3, 1), QStringLiteral("INR"));
            f.courseId = course;
            compareFor(db.db(), f, true);
        }
    }

    void withoutTheObjectsTheScanRuns()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(100);
        prepare(db.db(), fixture);
        if (QTest::currentTestFailed()) {
            return;
        }
        QVERIFY(exec(db.db(), QStringLiteral("DROP INDEX coursedesk_payments_refunded_updated_at")));
        compareFor(db.db(), period(QDate(2024, 2, 1), QDate(2024, 3, 1), QStringLiteral("INR")), false);
    }

    void objectsListOffersTheRefundIndexes()
    {
        TEST_DATABASE(db);
        QVERIFY(exec(db.db(), QStringLiteral("DROP INDEX coursedesk_payments_refunded_updated_at")));
        const ObjectsBuilder builder(db.db());
        QStringList missing;
        bool auditIndexExists = false;
        for (const ObjectsBuilder::Item& item : builder.inventory()) {
            if (item.kind == ObjectsBuilder::Item::Kind::Index && !item.exists) {
                missing << item.name;
            }
            if (item.name == QLatin1String("coursedesk_audit_log_action")) {
                auditIndexExists = item.exists;
                QVERIFY(item.sql.contains(QLatin1String("occurred_at")));
            }
        }
        QCOMPARE(missing, QStringList{QStringLiteral("coursedesk_payments_refunded_updated_at")});
        QVERIFY(auditIndexExists);
    }
};

QTEST_GUILESS_MAIN(TestRevenueIndexPath)
#include "tst_revenueindexpath.moc"
