// A table page's views and bulk tools driven through their widgets, offscreen, both engines:
// columns hidden and moved come back when the page is opened again; the filter bar, the contains
// mode and saved views (shared and local) through their controls; bulk set field through its
// dialog; bulk enrollment changes; copy, paste, undo and redo of pending edits.
#include "../workflows/FormHelpers.h"
#include "TestEngines.h"
#include "TestSql.h"
#include "forms/Prompt.h"
#include "forms/ReasonPrompt.h"
#include "pages/BulkActions.h"
#include "pages/BulkSetFieldDialog.h"
#include "pages/CellClipboard.h"
#include "pages/ColumnChooser.h"
#include "pages/EditHistory.h"
#include "pages/FilterBar.h"
#include "pages/NamePrompt.h"
#include "pages/SavedViewsBar.h"
#include "views/ViewState.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QUndoStack>

using namespace FormHelpers;
using TestSql::scalar;

class TestViewsPage : public QObject
{
    Q_OBJECT

private:
    static QStringList visibleHeaders(TablePage* page)
    {
        QStringList out;
        QHeaderView* h = page->view()->horizontalHeader();
        for (int visual = 0; visual < h->count(); ++visual) {
            const int logical = h->logicalIndex(visual);
            if (!h->isSectionHidden(logical)) {
                out << page->model()->headerData(logical, Qt::Horizontal).toString();
            }
        }
        return out;
    }

    static QAction* menuAction(QMenu* menu, const QString& name)
    {
        for (QAction* a : menu->actions()) {
            if (a->objectName() == name) {
                return a;
            }
        }
        return nullptr;
    }

    static void selectCells(TablePage* page, int top, int left, int bottom, int right)
    {
        WindowedTableModel* model = page->model();
        page->view()->setCurrentIndex(model->index(top, left));
        page->view()->selectionModel()->select(QItemSelection(model->index(top, left), model->index(bottom, right)),
                                               QItemSelectionModel::ClearAndSelect);
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("views")); // column layouts and local views of earlier runs
        Prompt::setTestMode(true);
    }
    void init() { Prompt::clearAsked(); }

    void hiddenAndMovedColumnsComeBackOnReopen()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        QStringList shown;
        {
            auto page = openPage(db, "orders");
            QAbstractItemModelTester tester(page->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            ColumnChooser* columns = page->columnChooser();
            QVERIFY(columns);
            const int currency = page->model()->fieldIndex(QStringLiteral("currency"));
            // The header's menu, on the Currency column: hide it.
            std::unique_ptr<QMenu> menu(columns->createMenu(currency, page.get()));
            QAction* hide = menuAction(menu.get(), QStringLiteral("hideColumnAction"));
            QVERIFY(hide && hide->isEnabled());
            hide->trigger();
            QVERIFY(page->view()->isColumnHidden(currency));
            // Move Status left from the menu, and drag Course to the front.
            const int status = page->model()->fieldIndex(QStringLiteral("status"));
            menu.reset(columns->createMenu(status, page.get()));
            menuAction(menu.get(), QStringLiteral("moveColumnLeftAction"))->trigger();
            QHeaderView* header = page->view()->horizontalHeader();
            header->moveSection(header->visualIndex(page->model()->fieldIndex(QStringLiteral("course_id"))), 0);
            // Hide Updated through its check box in the menu.
            menu.reset(columns->createMenu(-1, page.get()));
            menuAction(menu.get(), QStringLiteral("showColumn_updated_at"))->setChecked(false);
            shown = visibleHeaders(page.get());
            QCOMPARE(shown.first(), QStringLiteral("Course"));
            QVERIFY(!shown.contains(QStringLiteral("Currency")) && !shown.contains(QStringLiteral("Updated")));
            QVERIFY(shown.indexOf(QStringLiteral("Status")) < shown.indexOf(QStringLiteral("Amount")));
        }
        {
            // Opened again (a new page on the same database): the same columns in the same order.
            auto page = openPage(db, "orders");
            QCOMPARE(visibleHeaders(page.get()), shown);
            // Back to the first layout.
            std::unique_ptr<QMenu> menu(page->columnChooser()->createMenu(-1, page.get()));
            menuAction(menu.get(), QStringLiteral("resetColumnsAction"))->trigger();
            QCOMPARE(visibleHeaders(page.get()).first(), QStringLiteral("ID"));
        }
        auto page = openPage(db, "orders");
        QVERIFY(visibleHeaders(page.get()).contains(QStringLiteral("Currency")));
        // Another page of the same database keeps its own layout.
        auto users = openPage(db, "users");
        QVERIFY(visibleHeaders(users.get()).contains(QStringLiteral("Email")));
        QVERIFY(!visibleHeaders(users.get()).contains(QStringLiteral("password")));
    }

    void filterBarAndContainsModeRunOnTheServer()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        auto page = openPage(db, "orders");
        WindowedTableModel* model = page->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        FilterBar* bar = page->filterBar();
        QVERIFY(bar);
        bar->dateColumnCombo()->setCurrentIndex(bar->dateColumnCombo()->findData(QStringLiteral("created_at")));
        QVERIFY(bar->fromDateEdit()->isEnabled());
        bar->fromDateEdit()->setDate(QDate(2025, 2, 1));
        bar->toDateEdit()->setDate(QDate(2025, 2, 28));
        typeInto(page.get(), "minAmountEdit", QStringLiteral("5999"));
        QTest::keyClick(bar->minAmountEdit(), Qt::Key_Return);
        const bool pg = db.engine() == Engine::Postgres;
        const QString local = pg ? QStringLiteral("to_char(created_at + interval '5 hours 30 minutes', 'YYYY-MM-DD')")
                                 : QStringLiteral("date(created_at, '+5 hours', '+30 minutes')");
        const int expected =
            scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE amount >= 5999 AND %1 BETWEEN "
                                           "'2025-02-01' AND '2025-02-28'")
                                .arg(local))
                .toInt();
        QVERIFY(expected > 0);
        QTRY_VERIFY(model->isCountExact() && model->totalCount() == expected);
        // A bad amount is named and left out, not guessed.
        typeInto(page.get(), "maxAmountEdit", QStringLiteral("12.345"));
        QTest::keyClick(bar->maxAmountEdit(), Qt::Key_Return);
        QTRY_VERIFY(bar->problem().contains(QStringLiteral("12.345")));
        QTRY_VERIFY(model->isCountExact() && model->totalCount() == expected);
        // Clear filters: every order again.
        QTest::mouseClick(page->findChild<QWidget*>(QStringLiteral("clearFiltersButton")), Qt::LeftButton);
        const int all = scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders")).toInt();
        QTRY_VERIFY(model->isCountExact() && model->totalCount() == all);

        // Contains: states its cost, and finds a part of an email the prefix search cannot.
        QComboBox* mode = page->searchModeCombo();
        mode->setCurrentIndex(1);
        QVERIFY2(mode->toolTip().startsWith(QStringLiteral("Contains scans every row")), qPrintable(mode->toolTip()));
        QVERIFY2(mode->itemData(1, Qt::ToolTipRole).toString().contains(QStringLiteral("orders")),
                 qPrintable(mode->itemData(1, Qt::ToolTipRole).toString()));
        typeInto(page.get(), "searchEdit", QStringLiteral("sharma"));
        const int contains =
            scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders o JOIN users u ON u.id = o.user_id WHERE "
                                           "lower(u.email) LIKE '%sharma%'"))
                .toInt();
        QVERIFY(contains > 0);
        QTRY_VERIFY(model->isCountExact() && model->totalCount() == contains);
        QTRY_VERIFY(page->findChild<QLabel*>(QStringLiteral("rowCountLabel"))
                        ->text()
                        .endsWith(QStringLiteral("containing \u201Csharma\u201D")));
        mode->setCurrentIndex(0); // prefix: no email starts with "sharma"
        QTRY_VERIFY(model->isCountExact() && model->totalCount() < contains);
    }

    void savedViewsThroughTheirControls_data()
    {
        QTest::addColumn<bool>("shared");
        QTest::newRow("shared table") << true;
        QTest::newRow("this computer") << false;
    }
    void savedViewsThroughTheirControls()
    {
        QFETCH(bool, shared);
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        if (!shared) {
            QVERIFY(db.exec(QStringLiteral("DROP TABLE coursedesk_saved_views")));
        }
        auto page = openPage(db, "orders");
        SavedViewsBar* views = page->savedViewsBar();
        QCOMPARE(views->location(), shared ? SavedViewStore::Location::Shared : SavedViewStore::Location::Local);
        QCOMPARE(page->findChild<QLabel*>(QStringLiteral("savedViewsLocationLabel"))->text(),
                 shared ? QStringLiteral("shared") : QStringLiteral("this computer"));
        QVERIFY(!page->findChild<QAction*>(QStringLiteral("deleteViewAction"))->isEnabled());
        // Set up a view: failed orders, amount sorted ascending, contains "sharma", no Currency column.
        QComboBox* status = page->filterCombo();
        status->setCurrentIndex(status->findData(QStringLiteral("FAILED")));
        page->searchModeCombo()->setCurrentIndex(1);
        typeInto(page.get(), "searchEdit", QStringLiteral("sharma"));
        page->view()->horizontalHeader()->setSortIndicator(page->model()->fieldIndex(QStringLiteral("amount")),
                                                           Qt::AscendingOrder);
        page->model()->sort(page->model()->fieldIndex(QStringLiteral("amount")), Qt::AscendingOrder);
        page->view()->setColumnHidden(page->model()->fieldIndex(QStringLiteral("currency")), true);
        const ViewState saved = page->viewState();
        NamePrompt::queueAnswer(QStringLiteral("Failed sharma orders"));
        trigger(page.get(), "saveViewAsAction");
        QCOMPARE(views->viewCombo()->currentText(), QStringLiteral("Failed sharma orders"));
        if (shared) {
            QCOMPARE(
                scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_saved_views WHERE page = 'orders'"))
                    .toInt(),
                1);
        }
        // Back to everything, then the view again from the list.
        views->viewCombo()->setCurrentIndex(0);
        page->applyViewState(ViewState());
        QVERIFY(page->viewState().search.isEmpty());
        const int failed = scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders o JOIN users u ON u.id = "
                                                          "o.user_id WHERE o.status = 'FAILED' AND lower(u.email) "
                                                          "LIKE '%sharma%'"))
                               .toInt();
        views->viewCombo()->setCurrentIndex(views->viewCombo()->findText(QStringLiteral("Failed sharma orders")));
        QCOMPARE(page->viewState(), saved);
        QCOMPARE(page->searchEdit()->text(), QStringLiteral("sharma"));
        QVERIFY(page->view()->isColumnHidden(page->model()->fieldIndex(QStringLiteral("currency"))));
        QTRY_VERIFY(page->model()->isCountExact() && page->model()->totalCount() == failed);
        // A second page on the same database (another window, or a colleague when shared) lists it.
        {
            auto again = openPage(db, "orders");
            QCOMPARE(again->savedViewsBar()->viewCombo()->findText(QStringLiteral("Failed sharma orders")), 1);
        }
        // Rename, then delete (asked first; "No" keeps it).
        NamePrompt::queueAnswer(QStringLiteral("Failed orders"));
        trigger(page.get(), "renameViewAction");
        QCOMPARE(views->viewCombo()->currentText(), QStringLiteral("Failed orders"));
        Prompt::queueAnswer(Prompt::No);
        trigger(page.get(), "deleteViewAction");
        QCOMPARE(views->viewCombo()->count(), 2);
        Prompt::queueAnswer(Prompt::Yes);
        trigger(page.get(), "deleteViewAction");
        QCOMPARE(views->viewCombo()->count(), 1);
        QVERIFY(
            Prompt::asked().last().contains(shared ? QStringLiteral("for everyone") : QStringLiteral("this computer")));
    }

    void bulkSetFieldThroughItsDialog()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        auto page = openPage(db, "users");
        WindowedTableModel* model = page->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model->waitForRows(0, 3));
        QVariantList keys;
        for (int r = 0; r < 4; ++r) {
            keys << model->keyAt(r);
        }
        page->view()->setCurrentIndex(model->index(0, 1));
        page->view()->selectionModel()->select(QItemSelection(model->index(0, 1), model->index(3, 1)),
                                               QItemSelectionModel::ClearAndSelect);
        QVERIFY(page->bulkActions()->setFieldAction()->isEnabled());
        trigger(page.get(), "bulkSetFieldAction");
        auto* dialog = page->findChild<BulkSetFieldDialog*>();
        QVERIFY(dialog);
        // Only columns a bulk edit may set: no key, password, stamps.
        QCOMPARE(dialog->columnCombo()->findData(QStringLiteral("id")), -1);
        QCOMPARE(dialog->columnCombo()->findData(QStringLiteral("password")), -1);
        QCOMPARE(dialog->columnCombo()->findData(QStringLiteral("created_at")), -1);
        dialog->columnCombo()->setCurrentIndex(dialog->columnCombo()->findData(QStringLiteral("pincode")));
        dialog->textEdit()->setText(QStringLiteral("12"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QVERIFY(dialog->isVisible()); // refused in the dialog, nothing written
        QVERIFY2(
            dialog->findChild<QLabel*>(QStringLiteral("bulkValueError"))->text().contains(QStringLiteral("6 digits")),
            qPrintable(dialog->findChild<QLabel*>(QStringLiteral("bulkValueError"))->text()));
        dialog->columnCombo()->setCurrentIndex(dialog->columnCombo()->findData(QStringLiteral("city")));
        dialog->textEdit()->setText(QStringLiteral("Itanagar"));
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        for (const QVariant& key : keys) {
            QTRY_COMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = ?"), {key}).toString(),
                         QStringLiteral("Itanagar"));
        }
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Itanagar'")).toInt(), 4);
        // Rows with unsaved edits are not bulk-edited: save or revert first.
        QVERIFY(model->waitForRows(0, 3));
        QVERIFY(model->setData(model->index(1, model->fieldIndex(QStringLiteral("state"))), QStringLiteral("Goa")));
        page->view()->selectionModel()->select(QItemSelection(model->index(0, 1), model->index(3, 1)),
                                               QItemSelectionModel::ClearAndSelect);
        trigger(page.get(), "bulkSetFieldAction");
        QVERIFY(Prompt::asked().last().contains(QStringLiteral("unsaved changes")));
    }

    void bulkEnrollmentActions()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        auto page = openPage(db, "enrollments");
        WindowedTableModel* model = page->model();
        const int status = model->fieldIndex(QStringLiteral("status"));
        // Show only active enrollments, then select the first three.
        page->filterCombo()->setCurrentIndex(page->filterCombo()->findData(QStringLiteral("ACTIVE")));
        QTRY_VERIFY(
            model->isCountExact() &&
            model->totalCount() ==
                scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM enrollments WHERE status = 'ACTIVE'")).toInt());
        QVERIFY(model->waitForRows(0, 2));
        QVariantList keys;
        for (int r = 0; r < 3; ++r) {
            keys << model->keyAt(r);
        }
        selectCells(page.get(), 0, status, 2, status);
        ReasonPrompt::queueAnswer(QStringLiteral("Payment dispute"));
        trigger(page.get(), "bulkSuspendAction");
        for (const QVariant& key : keys) {
            QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = ?"), {key}).toString(),
                     QStringLiteral("SUSPENDED"));
            QCOMPARE(scalar(db.db(),
                            QStringLiteral("SELECT COUNT(*) FROM coursedesk_audit_log WHERE action = 'suspend' AND "
                                           "reason = 'Payment dispute' AND row_key = ?"),
                            {key.toString()})
                         .toInt(),
                     1);
        }
        // A cancelled reason prompt changes nothing.
        page->filterCombo()->setCurrentIndex(page->filterCombo()->findData(QStringLiteral("SUSPENDED")));
        QTRY_VERIFY(model->isCountExact() && model->totalCount() >= 3);
        QVERIFY(model->waitForRows(0, 2));
        selectCells(page.get(), 0, status, model->rowCount() - 1, status);
        ReasonPrompt::queueAnswer(std::nullopt);
        trigger(page.get(), "bulkReactivateAction");
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM enrollments WHERE status = 'SUSPENDED'")).toInt(),
                 model->rowCount());
        ReasonPrompt::queueAnswer(QStringLiteral("Resolved"));
        trigger(page.get(), "bulkReactivateAction");
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM enrollments WHERE status = 'SUSPENDED'")).toInt(),
                 0);
    }

    void copyPasteUndoRedo()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        auto page = openPage(db, "users");
        WindowedTableModel* model = page->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model->waitForRows(0, 5));
        const int city = model->fieldIndex(QStringLiteral("city"));
        const int state = model->fieldIndex(QStringLiteral("state"));
        const int pincode = model->fieldIndex(QStringLiteral("pincode"));
        QVERIFY(state == city + 1 && pincode == state + 1);
        // Copy two rows of City and State (Ctrl+C on the table).
        selectCells(page.get(), 0, city, 1, state);
        page->view()->setFocus();
        QTest::keyClick(page->view(), Qt::Key_C, Qt::ControlModifier);
        const QString expected = model->index(0, city).data().toString() + QLatin1Char('\t') +
                                 model->index(0, state).data().toString() + QLatin1Char('\n') +
                                 model->index(1, city).data().toString() + QLatin1Char('\t') +
                                 model->index(1, state).data().toString() + QLatin1Char('\n');
        QTRY_COMPARE(QApplication::clipboard()->text(), expected);

        // Paste a block at row 3: pending edits, one undo step, nothing written.
        const QString before3 = model->index(3, city).data().toString();
        const QString before4 = model->index(4, state).data().toString();
        QApplication::clipboard()->setText(
            QStringLiteral("Mawsynram\tHimachal Pradesh\t171001\nHanle\tLadakh\t194101\n"));
        page->view()->setCurrentIndex(model->index(3, city));
        QTest::keyClick(page->view(), Qt::Key_V, Qt::ControlModifier);
        QTRY_COMPARE(model->index(3, city).data().toString(), QStringLiteral("Mawsynram"));
        QCOMPARE(model->index(4, state).data().toString(), QStringLiteral("Ladakh"));
        QCOMPARE(model->index(4, pincode).data().toString(), QStringLiteral("194101"));
        QVERIFY(model->isDirty());
        QCOMPARE(page->editHistory()->stack()->count(), 1);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM users WHERE city = 'Mawsynram'")).toInt(), 0);

        // An inline edit is a second step.
        const QModelIndex cell = model->index(5, city);
        page->view()->setCurrentIndex(cell);
        page->view()->edit(cell);
        auto* editor = page->view()->findChild<QLineEdit*>(QStringLiteral("textEditor"));
        QVERIFY(editor);
        editor->setText(QStringLiteral("Ziro Valley"));
        QTest::keyClick(editor, Qt::Key_Return);
        QTRY_COMPARE(model->index(5, city).data().toString(), QStringLiteral("Ziro Valley"));
        QCOMPARE(page->editHistory()->stack()->count(), 2);

        // Ctrl+Z twice: the edit, then the whole paste.
        page->view()->setFocus();
        QTest::keyClick(page->view(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(model->index(5, city).data().toString() != QStringLiteral("Ziro Valley"));
        QCOMPARE(model->index(3, city).data().toString(), QStringLiteral("Mawsynram"));
        QTest::keyClick(page->view(), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(model->index(3, city).data().toString(), before3);
        QCOMPARE(model->index(4, state).data().toString(), before4);
        QVERIFY(!model->isDirty());
        QVERIFY(!page->findChild<QAction*>(QStringLiteral("undoEditAction"))->isEnabled());
        // Redo: Ctrl+Shift+Z, then Ctrl+Y.
        QTest::keyClick(page->view(), Qt::Key_Z, Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(model->index(3, city).data().toString(), QStringLiteral("Mawsynram"));
        QTest::keyClick(page->view(), Qt::Key_Y, Qt::ControlModifier);
        QCOMPARE(model->index(5, city).data().toString(), QStringLiteral("Ziro Valley"));

        // A bad cell names its row and column; nothing of the block is pasted.
        page->view()->setCurrentIndex(model->index(0, state));
        QVERIFY(page->cellClipboard()->pasteTsv(QStringLiteral("Kerala\t6820\n")) == false);
        QString error;
        page->cellClipboard()->pasteTsv(QStringLiteral("Kerala\t6820\n"), &error);
        QVERIFY2(error.contains(QStringLiteral("Row 1")) && error.contains(QStringLiteral("Pincode")) &&
                     error.contains(QStringLiteral("6 digits")),
                 qPrintable(error));
        QVERIFY(model->index(0, state).data().toString() != QStringLiteral("Kerala"));
        QCOMPARE(page->editHistory()->stack()->count(), 2);

        // Marking a row for deletion is a step too.
        selectCells(page.get(), 2, city, 2, city);
        Prompt::queueAnswer(Prompt::Yes);
        trigger(page.get(), "deleteRowAction");
        QVERIFY(model->isDeletedRow(2));
        QCOMPARE(page->editHistory()->stack()->count(), 3);
        page->view()->setFocus();
        QTest::keyClick(page->view(), Qt::Key_Z, Qt::ControlModifier);
        QVERIFY(!model->isDeletedRow(2));

        // Save writes the pasted and edited values; the history starts again.
        QVERIFY(page->save());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM users WHERE city IN ('Mawsynram', 'Hanle', "
                                                "'Ziro Valley')"))
                     .toInt(),
                 3);
        QCOMPARE(page->editHistory()->stack()->count(), 0);

        // Money is copied as a plain decimal.
        auto orders = openPage(db, "orders");
        const int amount = orders->model()->fieldIndex(QStringLiteral("amount"));
        selectCells(orders.get(), 0, amount, 0, amount);
        QString tsv = orders->cellClipboard()->selectionAsTsv();
        QVERIFY2(QRegularExpression(QStringLiteral(R"(^\d+\.\d\d\n$)")).match(tsv).hasMatch(), qPrintable(tsv));
    }
};

QTEST_MAIN(TestViewsPage)
#include "tst_viewspage.moc"
