#include "DataioFixture.h"
#include "TestSql.h"

#include "dataio/ExportDialog.h"
#include "dataio/ImportDialog.h"
#include "forms/Prompt.h"
#include "history/HistoryModel.h"
#include "history/HistoryPage.h"
#include "history/HistoryView.h"
#include "mainwindow/MainWindow.h"
#include "models/windowed/WindowedTableModel.h"
#include "pages/TablePage.h"
#include "services/WriteService.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

// The export and import dialogs driven through their widgets, offscreen, on both engines.
class TestDataIoDialogs : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& content)
    {
        return DataioFixture::writeFile(m_dir, name, content);
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase() { Prompt::setTestMode(true); }

    void fileExportWritesThePageAsShown()
    {
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        MainWindow window;
        window.setDatabase(db.db());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPage(QStringLiteral("orders")));
        auto* orders = qobject_cast<TablePage*>(window.currentPage());
        QVERIFY(orders);
        QTRY_VERIFY(orders->isReady());
        QAbstractItemModelTester tester(orders->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        // What the user did: searched for one user, hid a column, moved Amount to the front.
        QTest::keyClicks(orders->searchEdit(), QStringLiteral("zoya@example.in"));
        QTRY_COMPARE(orders->model()->rowCount(), 2);
        QHeaderView* header = orders->view()->horizontalHeader();
        const TableSpec& spec = orders->model()->spec();
        for (const char* hidden : {"id", "razorpay_order_id", "updated_at", "status", "currency"}) {
            header->setSectionHidden(spec.indexOf(QString::fromLatin1(hidden)), true);
        }
        header->moveSection(header->visualIndex(spec.indexOf(QStringLiteral("amount"))), 0);

        window.findChild<QAction*>(QStringLiteral("actionExport"))->trigger();
        auto* dialog = window.findChild<ExportDialog*>(QStringLiteral("exportDialog"));
        QVERIFY(dialog);
        const QString path = m_dir.filePath(QStringLiteral("zoya.csv"));
        dialog->pathEdit()->setText(path);
        QSignalSpy done(dialog, &ExportDialog::exportFinished);
        QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
        QTRY_COMPARE(done.count(), 1);
        QVERIFY2(dialog->result().ok(), qPrintable(dialog->result().message));
        QVERIFY(dialog->statusLabel()->text().startsWith(QStringLiteral("2 rows written")));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()),
                 QStringLiteral("Amount,Amount currency,Order number,User,Course,Created (UTC+05:30)\r\n"
                                "0.10,INR,ORD1700000000005,zoya@example.in,Starter Track,2026-03-06 05:29:59\r\n"
                                "19999.99,INR,ORD1700000000003,zoya@example.in,\"Pro, \"\"Advanced\"\"\","
                                "2026-02-02 00:15:30\r\n"));
        dialog->reject();
    }

    // The History page exports the changes its filters select (all of them, not only the rows
    // loaded), through the same dialog, as CSV and as XLSX.
    void historyExportWritesTheFilteredChanges()
    {
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        const TableSpec& users = *TableSpec::forTable(QStringLiteral("users"));
        for (int id : {1, 2}) {
            const RowSnapshot loaded = RowSnapshot::load(db.db(), users, id);
            const auto r = WriteService::update(
                db.db(), users, loaded,
                {{QStringLiteral("city"), id == 1 ? QStringLiteral("Nashik") : QStringLiteral("Howrah, WB")},
                 {QStringLiteral("pincode"), QStringLiteral("711101")}});
            QVERIFY2(r.ok(), qPrintable(r.message));
        }
        MainWindow window;
        window.setDatabase(db.db());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPage(QStringLiteral("history")));
        auto* history = qobject_cast<HistoryPage*>(window.currentPage());
        QVERIFY(history);
        QTRY_VERIFY(history->isReady());
        QAbstractItemModelTester tester(history->historyView()->model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        history->tableCombo()->setCurrentIndex(history->tableCombo()->findData(QStringLiteral("users")));
        QTest::keyClicks(history->rowEdit(), QStringLiteral("2"));

        for (const QString& name : {QStringLiteral("history.csv"), QStringLiteral("history.xlsx")}) {
            window.findChild<QAction*>(QStringLiteral("actionExport"))->trigger();
            auto* dialog = window.findChild<ExportDialog*>(QStringLiteral("exportDialog"));
            QVERIFY(dialog);
            const QString path = m_dir.filePath(name);
            dialog->pathEdit()->setText(path);
            if (name.endsWith(QStringLiteral(".xlsx"))) {
                dialog->formatCombo()->setCurrentIndex(dialog->formatCombo()->count() - 1);
            }
            QSignalSpy done(dialog, &ExportDialog::exportFinished);
            QTest::mouseClick(dialog->exportButton(), Qt::LeftButton);
            QTRY_COMPARE(done.count(), 1);
            QVERIFY2(dialog->result().ok(), qPrintable(dialog->result().message));
            QCOMPARE(dialog->result().rows, 2); // user 2's city and pincode; user 1 filtered out
            delete dialog;
            if (name.endsWith(QStringLiteral(".xlsx"))) {
                const QByteArray strings = DataioFixture::zipPart(path, QStringLiteral("xl/sharedStrings.xml")) +
                                           DataioFixture::zipPart(path, QStringLiteral("xl/worksheets/sheet1.xml"));
                QVERIFY(strings.contains("Howrah, WB"));
                QVERIFY(!strings.contains("Nashik"));
                continue;
            }
            QFile file(path);
            QVERIFY(file.open(QIODevice::ReadOnly));
            QStringList lines = QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"));
            QCOMPARE(lines.size(), 4); // header, two changes, the final line break
            QCOMPARE(lines.at(0), QStringLiteral("When (UTC+05:30),Who,Action,Table,Row,Field,Before,After,Reason"));
            // The time of the change is now: everything after it is checked.
            const auto tail = [](const QString& line) { return line.section(QLatin1Char(','), 1); };
            QCOMPARE(tail(lines.at(1)).section(QLatin1Char(','), 1),
                     QStringLiteral("Update,Users,2,City,Kolkata,\"Howrah, WB\","));
            QCOMPARE(tail(lines.at(2)).section(QLatin1Char(','), 1),
                     QStringLiteral("Update,Users,2,Pincode,700016,711101,"));
        }
    }

    void importDialogMapsChecksAndImports()
    {
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        ImportDialog dialog(db.db(), ImportKind::Users);
        dialog.show();
        const QString bad = writeFile(QStringLiteral("bad.csv"),
                                      "Given name,Surname,E-mail,Mobile,Address,City,State,PIN,Password\n"
                                      "Ravi,Kumar,ravi@example.in,9876500001,1 Main Rd,Pune,MH,411001,secret-pass-1\n"
                                      "Meera,Iyer,meera@example.in,12345,2 Main Rd,Chennai,TN,600001,\n");
        QVERIFY(dialog.openFile(bad));
        // Matched by header, whatever the spelling; the password never shown.
        QCOMPARE(dialog.findChild<QComboBox*>(QStringLiteral("importColumn_phone"))->currentText(),
                 QStringLiteral("Mobile"));
        QCOMPARE(dialog.findChild<QComboBox*>(QStringLiteral("importColumn_pincode"))->currentText(),
                 QStringLiteral("PIN"));
        QCOMPARE(dialog.previewTable()->item(0, 8)->text(), QStringLiteral("••••••"));
        QTest::mouseClick(dialog.checkButton(), Qt::LeftButton);
        QVERIFY2(dialog.reportView()->toPlainText().contains(QStringLiteral("line 3, phone: Phone \"12345\"")),
                 qPrintable(dialog.reportView()->toPlainText()));
        QVERIFY(!dialog.importButton()->isEnabled());

        const QString good = writeFile(QStringLiteral("good.csv"),
                                       "Given name,Surname,E-mail,Mobile,Address,City,State,PIN\n"
                                       "Ravi,Kumar,ravi@example.in,9876500001,1 Main Rd,Pune,MH,411001\n"
                                       "Meera,Iyer,meera@example.in,9876500002,2 Main Rd,Chennai,TN,600001\n");
        QVERIFY(dialog.openFile(good));
        QTest::mouseClick(dialog.checkButton(), Qt::LeftButton);
        QCOMPARE(dialog.reportView()->toPlainText(),
                 QStringLiteral("Dry run: 2 users to create, 0 to update. Nothing was changed."));
        QCOMPARE(userCount(db), 3);
        QVERIFY(dialog.importButton()->isEnabled());
        QSignalSpy imported(&dialog, &ImportDialog::imported);
        QTest::mouseClick(dialog.importButton(), Qt::LeftButton);
        QTRY_COMPARE(imported.count(), 1);
        QTRY_VERIFY(!dialog.isRunning());
        QCOMPARE(userCount(db), 5);
    }

private:
    static int userCount(const TestDatabase& db)
    {
        return TestSql::scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM users")).toInt();
    }
};

QTEST_MAIN(TestDataIoDialogs)
#include "tst_dataiodialogs.moc"
