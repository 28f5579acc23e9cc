#include "RevenueFixture.h"
#include "TestEngines.h"
#include "charts/ChartView.h"
#include "dashboard/DashboardPage.h"
#include "money/Money.h"

#include <QCoreApplication>
#include <QImage>
#include <QLabel>
#include <QTest>

// The dashboard on a database with known rows: every chart's series adds up to the figures the
// fixture computes independently, on both engines.
class TestDashboard : public QObject
{
    Q_OBJECT
private:
    static void waitFor(DashboardPage& page, QDate from, QDate to, const QString& currency)
    {
        QTRY_VERIFY_WITH_TIMEOUT(page.isReady() && page.result().filter.from == from && page.result().filter.to == to &&
                                     page.currency() == currency,
                                 20000);
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void chartsAddUpToExpectedTotals()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(300);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));

        DashboardPage page(db.db());
        page.resize(1400, 1100);
        page.show();
        page.activate();
        QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
        const QDate from(2023, 12, 1);
        const QDate last(2024, 2, 29);
        page.setCustomRange(from, last);
        waitFor(page, from, last.addDays(1), QStringLiteral("INR"));

        for (const QString& currency : {QStringLiteral("INR"), QStringLiteral("USD")}) {
            page.setCurrency(currency);
            waitFor(page, from, last.addDays(1), currency);
            RevenueFilter f = page.result().filter;
            QCOMPARE(f.currency, currency);
            const RevenueFixture::Expected e = fixture.expect(f);
            const RevenueKpis k = e.current.value(currency);
            QVERIFY(k.grossMinor > 0);
            using C = DashboardCharts::Chart;
            const Charts::ChartData revenue = page.chart(C::Revenue)->data();
            QCOMPARE(revenue.total(0), k.grossMinor - k.refundsMinor);
            QCOMPARE(revenue.total(1), k.refundsMinor);
            QCOMPARE(revenue.categories.size(), f.period().bucketStarts(f.granularity).size());
            QCOMPARE(page.chart(C::Courses)->data().total(0), k.grossMinor - k.refundsMinor);
            QCOMPARE(page.chart(C::Methods)->data().total(0), k.grossMinor);
            qint64 orders = 0;
            for (qint64 n : e.orderStatuses.value(currency)) {
                orders += n;
            }
            QCOMPARE(page.chart(C::OrderStatuses)->data().total(0), orders);
            QCOMPARE(page.chart(C::Enrollments)->data().total(0), e.enrollments);
            for (int c = 0; c < DashboardCharts::Count; ++c) {
                QVERIFY(!page.chart(C(c))->isShowingEmptyMessage());
            }
            auto* gross = page.findChild<QLabel*>(QStringLiteral("kpiValue_gross"));
            QVERIFY(gross);
            QCOMPARE(gross->text(), Money::format(k.grossMinor, currency));
        }
        if (!qEnvironmentVariableIsEmpty("COURSEDESK_DASHBOARD_SCREENSHOT") && db.engine() == Engine::Sqlite) {
            page.setCurrency(QStringLiteral("INR"));
            waitFor(page, from, last.addDays(1), QStringLiteral("INR"));
            QVERIFY(page.grab().save(qEnvironmentVariable("COURSEDESK_DASHBOARD_SCREENSHOT")));
        }

        // An empty period shows the message instead of empty plots.
        page.setCustomRange(QDate(2030, 1, 1), QDate(2030, 1, 31));
        waitFor(page, QDate(2030, 1, 1), QDate(2030, 2, 1), page.currency());
        for (int c = 0; c < DashboardCharts::Count; ++c) {
            QVERIFY(page.chart(DashboardCharts::Chart(c))->isShowingEmptyMessage());
        }

        // Exports.
        QTemporaryDir dir;
        QVERIFY(page.exportPdf(dir.filePath(QStringLiteral("d.pdf")), &error));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("d.pdf"))).size() > 1000);
        QVERIFY(page.exportCsv(dir.filePath(QStringLiteral("d.csv")), &error));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("d.csv"))).size() > 0);
        QVERIFY(page.chart(DashboardCharts::Revenue)->exportPng(dir.filePath(QStringLiteral("c.png")), &error));
        QVERIFY(QFileInfo(dir.filePath(QStringLiteral("c.png"))).size() > 0);
        QVERIFY(!QImage(dir.filePath(QStringLiteral("c.png"))).isNull());
        // The data behind each chart as CSV: a header line at least.
        for (int c = 0; c < DashboardCharts::Count; ++c) {
            const QString path = dir.filePath(QStringLiteral("chart%1.csv").arg(c));
            QVERIFY(page.chart(DashboardCharts::Chart(c))->exportCsv(path, &error));
            QVERIFY(QFileInfo(path).size() > 0);
        }
    }

    void newerRequestWins()
    {
        TEST_DATABASE(db);
        const RevenueFixture fixture(100);
        QString error;
        QVERIFY2(fixture.insert(db.db(), &error), qPrintable(error));
        DashboardPage page(db.db());
        page.activate();
        QTRY_VERIFY_WITH_TIMEOUT(page.isReady(), 20000);
        // Several quick changes: only the last one's figures may end up on screen.
        page.setCustomRange(QDate(2023, 11, 1), QDate(2023, 11, 30));
        page.reload();
        page.setCustomRange(QDate(2024, 1, 1), QDate(2024, 1, 31));
        page.reload();
        page.setCustomRange(QDate(2024, 3, 1), QDate(2024, 3, 31));
        waitFor(page, QDate(2024, 3, 1), QDate(2024, 4, 1), QStringLiteral("INR"));
        const quint64 generation = page.generation();
        QCoreApplication::processEvents(); // let any late answer of an older request arrive
        QTRY_COMPARE_WITH_TIMEOUT(page.result().filter.from, QDate(2024, 3, 1), 2000);
        QCOMPARE(page.generation(), generation);
    }
};

QTEST_MAIN(TestDashboard)
#include "tst_dashboard.moc"
