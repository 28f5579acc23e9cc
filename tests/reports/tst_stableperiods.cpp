#include "RevenueFixture.h"
#include "TestEngines.h"
#include "domain/TableSpec.h"
#include "services/PaymentService.h"
#include "services/RowSnapshot.h"
#include "services/RowWriter.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// A closed month's revenue never moves because of a later, unrelated edit: a refund is dated by
// the time Coursedesk recorded it (the "refund" audit row), not by the payment's updated_at.
class TestStablePeriods : public QObject
{
    Q_OBJECT
private:
    static QTimeZone kolkata() { return QTimeZone("Asia/Kolkata"); }

    static RevenueFilter month(int year, int month, const QString& currency = QStringLiteral("INR"))
    {
        RevenueFilter f;
        f.from = QDate(year, month, 1);
        f.to = f.from.addMonths(1);
        f.granularity = Granularity::Day;
        f.currency = currency;
        f.userZone = kolkata();
        return f;
    }

    // These tests move a row's updated_at back into 2024, as if the change had been made then. The
    // platform never does that (updated_at is the time of the write), and the daily rollup finds
    // changes by updated_at, so the figures here are read from the platform's tables (Index);
    // tst_revenuerollup checks the rollup against them with changes made now.
    static RevenueKpis kpis(const QSqlDatabase& db, const RevenueFilter& f)
    {
        QString error;
        RevenueReport report(db);
        report.setPath(RevenuePath::Index);
        const auto r = report.run(f, &error);
        if (!r) {
            qWarning() << error;
            return {};
        }
        return r->currencies.value(f.currency).current;
    }

    static bool exec(const QSqlDatabase& db, const QString& sql, const QVariantList& binds)
    {
        QSqlQuery q(db);
        q.prepare(sql);
        for (const QVariant& v : binds) {
            q.addBindValue(v);
        }
        if (!q.exec()) {
            qWarning() << q.lastError().text();
            return false;
        }
        return true;
    }

    // A COMPLETED INR payment of the fixture, paid before March 2024.
    static qint64 completedPayment(const RevenueFixture& fixture)
    {
        for (const RevenueFixture::Payment& p : fixture.payments) {
            const auto& orders = fixture.orders;
            const auto order = std::find_if(orders.cbegin(), orders.cend(),
                                            [&](const RevenueFixture::Order& o) { return o.id == p.orderId; });
            if (p.status == QLatin1String("COMPLETED") && order != orders.cend() &&
                order->currency == QLatin1String("INR") && p.paymentDate.isValid() &&
                p.paymentDate < RevenueFixture::utc("2024-02-01 00:00:00.000")) {
                return p.id;
            }
        }
        return 0;
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void editAfterRefundKeepsThePastPeriod()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(60);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        const qint64 id = completedPayment(fixture);
        QVERIFY(id > 0);
        const RevenueKpis before = kpis(db.db(), month(2024, 3));

        // The refund workflow, then its time moved into March 2024 as if it had run then.
        const auto refunded = PaymentService::refund(db.db(), id, QStringLiteral("Customer request"));
        QVERIFY2(refunded.ok && refunded.changed, qPrintable(refunded.message));
        const QString march = QStringLiteral("2024-03-10 06:00:00.000");
        QVERIFY(exec(db.db(),
                     QStringLiteral("UPDATE coursedesk_audit_log SET occurred_at = ? WHERE action = 'refund' AND "
                                    "table_name = 'payments' AND row_key = ?"),
                     {march, QString::number(id)}));
        QVERIFY(exec(db.db(), QStringLiteral("UPDATE payments SET updated_at = ? WHERE id = ?"), {march, id}));
        const RevenueKpis refundedInMarch = kpis(db.db(), month(2024, 3));
        QCOMPARE(refundedInMarch.refundCount, before.refundCount + 1);
        QVERIFY(refundedInMarch.refundsMinor > before.refundsMinor);

        // Months later someone corrects the payment's method through the ordinary write path.
        const TableSpec* spec = TableSpec::forTable(QStringLiteral("payments"));
        QVERIFY(spec);
        const RowSnapshot loaded = RowSnapshot::load(db.db(), *spec, id);
        QVERIFY(loaded.exists());
        const auto saved = RowWriter::update(db.db(), *spec, loaded,
                                             {{QStringLiteral("payment_method"), QStringLiteral("upi")}}, false);
        QVERIFY2(saved.ok(), qPrintable(saved.message));

        const RevenueKpis after = kpis(db.db(), month(2024, 3));
        QCOMPARE(after.refundCount, refundedInMarch.refundCount);
        QCOMPARE(after.refundsMinor, refundedInMarch.refundsMinor);
        QCOMPARE(after.grossMinor, refundedInMarch.grossMinor);
        QCOMPARE(after.netMinor(), refundedInMarch.netMinor());
        // ...and the month of the edit gained nothing.
        const QDate today = QDateTime::currentDateTimeUtc().toTimeZone(kolkata()).date();
        QCOMPARE(kpis(db.db(), month(today.year(), today.month())).refundCount, 0);
    }

    void platformRefundFallsBackToUpdatedAt()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(60);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        const qint64 id = completedPayment(fixture);
        QVERIFY(id > 0);
        const RevenueKpis before = kpis(db.db(), month(2024, 3));
        // The platform refunds by flipping the row itself: no audit row, only updated_at.
        QVERIFY(exec(db.db(), QStringLiteral("UPDATE payments SET status = 'REFUNDED', updated_at = ? WHERE id = ?"),
                     {QStringLiteral("2024-03-20 12:00:00.000"), id}));
        const RevenueKpis after = kpis(db.db(), month(2024, 3));
        QCOMPARE(after.refundCount, before.refundCount + 1);
    }
};

QTEST_GUILESS_MAIN(TestStablePeriods)
#include "tst_stableperiods.moc"
