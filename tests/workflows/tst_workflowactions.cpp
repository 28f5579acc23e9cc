// The workflow actions and dialogs of the table pages (record payment, refund, enrollment status
// changes, complimentary enrollment, delete rules) and the relation forms with type-ahead pickers.
// Runs on both engines, offscreen; prompts answered through Prompt's and ReasonPrompt's test mode.
#include "FormHelpers.h"
#include "WorkflowFixture.h"
#include "crypto/Bcrypt.h"
#include "forms/BulkEnrollDialog.h"
#include "forms/CodeComboBox.h"
#include "forms/CourseForm.h"
#include "forms/MoneyEdit.h"
#include "forms/Prompt.h"
#include "forms/ReasonPrompt.h"
#include "forms/RecordPaymentDialog.h"
#include "forms/RelationForm.h"
#include "forms/RelationPicker.h"
#include "forms/UserForm.h"
#include "models/PlatformTableModel.h"
#include "money/Money.h"
#include "pages/CoursesPage.h"
#include "pages/TablePage.h"
#include "services/PaymentService.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace WorkflowFixture;
using namespace FormHelpers;

class TestWorkflowActions : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase() { Prompt::setTestMode(true); }
    void init() { Prompt::clearAsked(); }

    void deleteRulesAreSaidBeforehand()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "courses");
        selectRow(page.get(), QStringLiteral("starter-track"));
        page->deleteSelectedRows();
        QVERIFY2(Prompt::asked().value(0).contains(QStringLiteral("cannot be deleted")),
                 qPrintable(Prompt::asked().join('\n')));
        QVERIFY(!page->hasUnsavedChanges());
        // A course without orders: the confirmation counts what goes with it.
        QVERIFY(db.exec(
            QStringLiteral("INSERT INTO course_features (course_id, feature) VALUES ('growth-track', 'Scaling')")));
        selectRow(page.get(), QStringLiteral("growth-track"));
        QVERIFY(db.exec(QStringLiteral("DELETE FROM enrollments")));
        QVERIFY(db.exec(QStringLiteral("DELETE FROM payments")));
        QVERIFY(db.exec(QStringLiteral("DELETE FROM orders WHERE course_id = 'growth-track'")));
        Prompt::clearAsked();
        Prompt::queueAnswer(Prompt::No);
        page->deleteSelectedRows();
        QVERIFY2(
            Prompt::asked().value(0).contains(QStringLiteral("1 feature and 0 marketplaces are deleted with them")),
            qPrintable(Prompt::asked().join('\n')));
        QVERIFY(!page->hasUnsavedChanges());
    }

    void enrollmentActionsWriteReasons()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "enrollments");
        selectRow(page.get(), 1);
        ReasonPrompt::queueAnswer(QStringLiteral("Chargeback under review"));
        trigger(page.get(), "suspendEnrollmentAction");
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString(),
                 QStringLiteral("SUSPENDED"));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT reason FROM coursedesk_audit_log WHERE action = 'suspend'"))
                     .toString(),
                 QStringLiteral("Chargeback under review"));
        QTRY_COMPARE(page->currentRow(), rowOf(page.get(), 1));
        // Not allowed from suspended: the actions follow the selected row's status.
        auto* complete = page->findChild<QAction*>(QStringLiteral("completeEnrollmentAction"));
        auto* reactivate = page->findChild<QAction*>(QStringLiteral("reactivateEnrollmentAction"));
        QTRY_VERIFY(!complete->isEnabled());
        QVERIFY(reactivate->isEnabled());
        // Cancelled reason prompt: nothing happens.
        ReasonPrompt::queueAnswer(std::nullopt);
        trigger(page.get(), "reactivateEnrollmentAction");
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString(),
                 QStringLiteral("SUSPENDED"));
        trigger(page.get(), "reactivateEnrollmentAction");
        QTRY_VERIFY(complete->isEnabled());
        trigger(page.get(), "completeEnrollmentAction");
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString(),
                 QStringLiteral("COMPLETED"));
        QVERIFY(!scalar(db.db(), QStringLiteral("SELECT completion_date FROM enrollments WHERE id = 1")).isNull());
    }

    void refundAsksNamingUserCourseAndAmount()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "payments");
        selectRow(page.get(), 1);
        Prompt::queueAnswer(Prompt::Cancel);
        trigger(page.get(), "refundAction");
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM payments WHERE id = 1")).toString(),
                 QStringLiteral("COMPLETED"));
        const QString question = Prompt::asked().value(0);
        QVERIFY2(question.contains(QStringLiteral("Liam Paul")) && question.contains(QStringLiteral("Growth Track")) &&
                     question.contains(QString::fromUtf8("₹9,999.00")),
                 qPrintable(question));
        Prompt::queueAnswer(Prompt::Yes);
        ReasonPrompt::queueAnswer(QStringLiteral("Duplicate purchase"));
        trigger(page.get(), "refundAction");
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM payments WHERE id = 1")).toString(),
                 QStringLiteral("REFUNDED"));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM orders WHERE id = 2")).toString(),
                 QStringLiteral("CANCELLED"));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString(),
                 QStringLiteral("CANCELLED"));
    }

    void recordPaymentDialogFromOrdersPage()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "orders");
        selectRow(page.get(), 1);
        trigger(page.get(), "recordPaymentAction");
        QPointer<RecordPaymentDialog> dialog = page->findChild<RecordPaymentDialog*>();
        QVERIFY(dialog);
        QCOMPARE(child<MoneyEdit>(dialog, "amountEdit")->decimal(), QStringLiteral("5999.00"));
        QVERIFY(child<QLabel>(dialog, "orderSummaryLabel")->text().contains(QStringLiteral("asha@example.in")));
        typeInto(dialog, "amountEdit", QStringLiteral("5998"));
        typeInto(dialog, "razorpayPaymentIdEdit", QStringLiteral("pay_NEW1"));
        click(dialog, "recordButton");
        QVERIFY2(errorText(dialog, "amountError").contains(QStringLiteral("does not match")),
                 qPrintable(errorText(dialog, "amountError")));
        typeInto(dialog, "amountEdit", QStringLiteral("5,999.00"));
        click(dialog, "recordButton");
        QTRY_VERIFY(dialog.isNull());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM orders WHERE id = 1")).toString(),
                 QStringLiteral("PAID"));
        QCOMPARE(count(db.db(), QStringLiteral("enrollments"),
                       QStringLiteral("user_id = 1 AND order_id = 1 AND status = 'ACTIVE'")),
                 1);
    }

    void orderPickerTypeAhead()
    {
        SEEDED_DATABASE(db);
        RecordPaymentDialog dialog(db.db(), QVariant());
        auto* search = child<QLineEdit>(&dialog, "orderSearchEdit");
        QTest::keyClicks(search, QStringLiteral("ORD17000000000"));
        auto* list = child<QListWidget>(&dialog, "orderMatchesList");
        QCOMPARE(list->count(), 2);
        list->setCurrentRow(0);
        QCOMPARE(child<MoneyEdit>(&dialog, "amountEdit")->decimal(), QStringLiteral("5999.00"));
    }

    void bulkEnrollDialog()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "courses");
        selectRow(page.get(), QStringLiteral("growth-track"));
        trigger(page.get(), "bulkEnrollAction");
        QPointer<BulkEnrollDialog> dialog = page->findChild<BulkEnrollDialog*>();
        QVERIFY(dialog);
        QTest::keyClicks(child<QLineEdit>(dialog, "userSearchEdit"), QStringLiteral("zoy"));
        auto* matches = child<QListWidget>(dialog, "userMatchesList");
        QCOMPARE(matches->count(), 1);
        QVERIFY(matches->item(0)->text().contains(QStringLiteral("Zoya Khan")));
        // By name as well as by email.
        typeInto(dialog, "userSearchEdit", QStringLiteral("asha r"));
        QCOMPARE(matches->count(), 1);
        matches->item(0)->setSelected(true);
        click(dialog, "addUsersButton");
        QCOMPARE(child<QListWidget>(dialog, "chosenUsersList")->count(), 1);
        // Pasted, as copied from a spreadsheet column.
        child<QPlainTextEdit>(dialog, "pastedEmailsEdit")
            ->setPlainText(QStringLiteral("zoya@example.in, liam@example.in\nnobody@example.in"));
        typeInto(dialog, "reasonEdit", QStringLiteral("Webinar winners"));
        click(dialog, "enrollButton");
        const auto& result = dialog->lastResult();
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.enrolled.size(), 2);
        QCOMPARE(result.alreadyEnrolled, QStringList{QStringLiteral("liam@example.in")});
        QCOMPARE(result.unknown, QStringList{QStringLiteral("nobody@example.in")});
        QVERIFY(child<QLabel>(dialog, "resultLabel")->text().contains(QStringLiteral("nobody@example.in")));
        QCOMPARE(count(db.db(), QStringLiteral("enrollments"), QStringLiteral("course_id = 'growth-track'")), 3);
        dialog->reject();
    }

    void newOrderWithUserPicker()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "orders");
        trigger(page.get(), "newRowAction");
        QPointer<RelationForm> form = page->findChild<RelationForm*>();
        QVERIFY(form);
        // The user picker asks for the first matches of what was typed, by email or name.
        QTest::keyClicks(child<QLineEdit>(form, "userIdSearchEdit"), QStringLiteral("Zoya"));
        auto* users = child<QListWidget>(form, "userIdMatchesList");
        QCOMPARE(users->count(), 1);
        QCOMPARE(users->item(0)->text(), QStringLiteral("zoya@example.in"));
        users->setCurrentRow(0);
        QTest::keyClicks(child<QLineEdit>(form, "courseIdSearchEdit"), QStringLiteral("gro"));
        child<QListWidget>(form, "courseIdMatchesList")->setCurrentRow(0);
        QCOMPARE(child<MoneyEdit>(form, "amountEdit")->decimal(), QStringLiteral("9999.00")); // the course fee
        QCOMPARE(child<CodeComboBox>(form, "statusCombo")->code(), QStringLiteral("CREATED"));
        child<CodeComboBox>(form, "currencyCombo")->setCode(QStringLiteral("INR"));
        click(form, "saveButton");
        QTRY_VERIFY(form.isNull());
        QSqlQuery query(db.db());
        QVERIFY_SQL(query,
                    exec(QStringLiteral(
                        "SELECT order_number, course_id, currency, status, updated_at FROM orders WHERE user_id = 3")));
        QVERIFY(query.next());
        QVERIFY(query.value(0).toString().startsWith(QStringLiteral("ORD")));
        QCOMPARE(query.value(1).toString(), QStringLiteral("growth-track"));
        QCOMPARE(query.value(2).toString(), QStringLiteral("INR"));
        QCOMPARE(query.value(3).toString(), QStringLiteral("CREATED"));
        QVERIFY(!query.value(4).isNull());
    }

    void editEnrollmentShowsNamesNotIds()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "enrollments");
        selectRow(page.get(), 1);
        trigger(page.get(), "editRowAction");
        QPointer<RelationForm> form = page->findChild<RelationForm*>();
        QVERIFY(form);
        QCOMPARE(child<QLineEdit>(form, "userIdSearchEdit")->text(), QStringLiteral("liam@example.in"));
        QCOMPARE(child<QLineEdit>(form, "courseIdSearchEdit")->text(), QStringLiteral("Growth Track"));
        QCOMPARE(child<QLineEdit>(form, "orderIdSearchEdit")->text(), QStringLiteral("ORD1700000000002"));
        // The status is not a field to type into: the form's workflow buttons change it.
        auto* status = child<CodeComboBox>(form, "statusCombo");
        QVERIFY(!status->isEnabled());
        QVERIFY2(status->toolTip().contains(QStringLiteral("Suspend")), qPrintable(status->toolTip()));
        QVERIFY(child<QPushButton>(form, "suspendButton")->isEnabled());
        QVERIFY(!child<QPushButton>(form, "reactivateButton")->isEnabled()); // not from ACTIVE
        ReasonPrompt::queueAnswer(QStringLiteral("Paused at the student's request"));
        click(form, "suspendButton");
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString(),
                 QStringLiteral("SUSPENDED"));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT reason FROM coursedesk_audit_log WHERE action = 'suspend'"))
                     .toString(),
                 QStringLiteral("Paused at the student's request"));
        // The form stays open, showing the row as it is now.
        QVERIFY(!form.isNull());
        QCOMPARE(status->code(), QStringLiteral("SUSPENDED"));
        QVERIFY(child<QPushButton>(form, "reactivateButton")->isEnabled());
        form->reject();
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT user_id FROM enrollments WHERE id = 1")).toLongLong(), 2);
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    // A refund started from the payment form writes exactly the rows the Refund workflow writes.
    void refundFromPaymentFormEqualsTheWorkflow()
    {
        SEEDED_DATABASE(db);
        TestDatabase reference(db.engine());
        QVERIFY2(reference.isValid() && reference.createSchema() && seed(reference), qPrintable(reference.error()));
        QVERIFY(PaymentService::refund(reference.db(), 1, QStringLiteral("Customer request")).ok);

        auto page = openPage(db, "payments");
        selectRow(page.get(), 1);
        trigger(page.get(), "editRowAction");
        QPointer<RelationForm> form = page->findChild<RelationForm*>();
        QVERIFY(form);
        QVERIFY(!child<CodeComboBox>(form, "statusCombo")->isEnabled());
        QVERIFY(child<MoneyEdit>(form, "amountEdit")->isReadOnly());
        QVERIFY2(child<CodeComboBox>(form, "statusCombo")->toolTip().contains(QStringLiteral("Refund")),
                 qPrintable(child<CodeComboBox>(form, "statusCombo")->toolTip()));
        Prompt::queueAnswer(Prompt::Yes);
        ReasonPrompt::queueAnswer(QStringLiteral("Customer request"));
        click(form, "refundButton");
        QCOMPARE(rowsOfRefund(db.db()), rowsOfRefund(reference.db()));
        // The refunded payment is history now: the form shows it read-only.
        QVERIFY(!form.isNull());
        QVERIFY(!child<QPushButton>(form, "saveButton")->isEnabled());
        QVERIFY(!child<QPushButton>(form, "refundButton")->isEnabled());
        QVERIFY(child<QLabel>(form, "readOnlyNote")->isVisibleTo(form));
        form->reject();
    }

    void recordPaymentFromOrderForm()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "orders");
        selectRow(page.get(), 1);
        trigger(page.get(), "editRowAction");
        QPointer<RelationForm> form = page->findChild<RelationForm*>();
        QVERIFY(form);
        QVERIFY(child<MoneyEdit>(form, "amountEdit")->isReadOnly());
        click(form, "recordPaymentButton");
        QPointer<RecordPaymentDialog> dialog = form->findChild<RecordPaymentDialog*>();
        QVERIFY(dialog);
        typeInto(dialog, "razorpayPaymentIdEdit", QStringLiteral("pay_FORM1"));
        click(dialog, "recordButton");
        QTRY_VERIFY(dialog.isNull());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT status FROM orders WHERE id = 1")).toString(),
                 QStringLiteral("PAID"));
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"),
                       QStringLiteral("action = 'record_payment' AND table_name = 'orders' AND row_key = '1'")),
                 1);
        QCOMPARE(child<CodeComboBox>(child<QWidget>(form, "ordersFormContent"), "statusCombo")->code(),
                 QStringLiteral("PAID"));
        QVERIFY(!child<QPushButton>(form, "recordPaymentButton")->isEnabled());
        form->reject();
    }

    // Saving a row someone else changed asks; "Discard my edit of this row and reload" drops only
    // that row's edit and shows their value, "Overwrite" writes ours.
    void conflictOnSaveDiscardOrOverwrite()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "users");
        WindowedTableModel* model = page->model();
        const int city = model->fieldIndex(QStringLiteral("city"));
        const int phone = model->fieldIndex(QStringLiteral("phone"));
        QVERIFY(model->setData(model->index(rowOf(page.get(), 1), city), QStringLiteral("Nashik")));
        QVERIFY(model->setData(model->index(rowOf(page.get(), 2), phone), QStringLiteral("9000000002")));
        QSqlQuery other(QSqlDatabase::database(db.openExtraConnection()));
        QVERIFY_SQL(other, exec(QStringLiteral("UPDATE users SET city = 'CityX' WHERE id = 1")));

        Prompt::queueAnswer(Prompt::Discard);
        QVERIFY(page->save());
        QVERIFY2(Prompt::asked().last().contains(QStringLiteral("CityX")), qPrintable(Prompt::asked().last()));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("CityX"));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT phone FROM users WHERE id = 2")).toString(),
                 QStringLiteral("9000000002")); // the other row's edit was saved
        QVERIFY(!model->isDirty());
        QTRY_COMPARE(model->index(rowOf(page.get(), 1), city).data().toString(), QStringLiteral("CityX"));

        // Again, answered with Overwrite.
        QVERIFY(model->setData(model->index(rowOf(page.get(), 1), city), QStringLiteral("Nashik")));
        QVERIFY_SQL(other, exec(QStringLiteral("UPDATE users SET city = 'CityY' WHERE id = 1")));
        Prompt::queueAnswer(Prompt::Save);
        QVERIFY(page->save());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Nashik"));
        // Cancel keeps the edit pending and writes nothing.
        QVERIFY(model->setData(model->index(rowOf(page.get(), 1), city), QStringLiteral("Thane")));
        QVERIFY_SQL(other, exec(QStringLiteral("UPDATE users SET city = 'CityZ' WHERE id = 1")));
        Prompt::queueAnswer(Prompt::Cancel);
        QVERIFY(!page->save());
        QVERIFY(model->isDirty());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("CityZ"));
    }

private:
    // The rows a refund changes and the audit rows it writes, without times.
    static QStringList rowsOfRefund(const QSqlDatabase& db)
    {
        QStringList out;
        for (const char* sql :
             {"SELECT id, status FROM payments ORDER BY id", "SELECT id, status FROM orders ORDER BY id",
              "SELECT id, status FROM enrollments ORDER BY id",
              "SELECT action, table_name, row_key, reason, details FROM coursedesk_audit_log "
              "ORDER BY table_name, row_key"}) {
            QSqlQuery q(db);
            if (!q.exec(QString::fromLatin1(sql))) {
                out << q.lastError().text();
                continue;
            }
            while (q.next()) {
                QStringList row;
                for (int i = 0; i < q.record().count(); ++i) {
                    row << q.value(i).toString();
                }
                out << row.join(QLatin1Char('|'));
            }
        }
        return out;
    }
};

QTEST_MAIN(TestWorkflowActions)
#include "tst_workflowactions.moc"
