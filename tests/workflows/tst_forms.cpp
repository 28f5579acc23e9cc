// The user and course forms, driven like a user would: keys typed into the fields, buttons
// clicked, prompts answered through Prompt's test mode; every result read back from the database.
// Includes the two-connection conflict test. Runs on both engines, offscreen.
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
#include <QStandardItemModel>
#include <QTableView>
#include <QTest>

using namespace WorkflowFixture;
using namespace FormHelpers;

class TestForms : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase() { Prompt::setTestMode(true); }
    void init() { Prompt::clearAsked(); }

    void createUserWithPasswordFromTheUsersPage()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "users");
        trigger(page.get(), "newRowAction");
        QPointer<UserForm> form = page->findChild<UserForm*>();
        QVERIFY(form);
        QTRY_VERIFY(form->isVisible());
        typeInto(form, "firstNameEdit", QStringLiteral("Meera"));
        typeInto(form, "lastNameEdit", QStringLiteral("Iyer"));
        typeInto(form, "emailEdit", QStringLiteral("meera@example.in"));
        typeInto(form, "phoneEdit", QStringLiteral("9123456780"));
        typeInto(form, "whatsappEdit", QStringLiteral("9123456781"));
        typeInto(form, "addressEdit", QStringLiteral("4 Beach Road"));
        typeInto(form, "cityEdit", QStringLiteral("Chennai"));
        child<CodeComboBox>(form, "stateCombo")->setCode(QStringLiteral("Tamil Nadu"));
        typeInto(form, "pincodeEdit", QStringLiteral("600001"));
        typeInto(form, "passwordEdit", QStringLiteral("correct horse"));
        typeInto(form, "passwordConfirmEdit", QStringLiteral("correct horse"));
        child<CodeComboBox>(form, "experienceLevelCombo")->setCode(QStringLiteral("currently-selling"));
        typeInto(form, "currentBusinessEdit", QStringLiteral("Saree shop on Meesho"));
        click(form, "saveButton");
        QTRY_VERIFY(form.isNull()); // saved and closed

        QSqlQuery query(db.db());
        QVERIFY_SQL(query,
                    exec(QStringLiteral("SELECT id, first_name, last_name, phone, whatsapp, state, pincode, role, "
                                        "password, updated_at FROM users WHERE email = 'meera@example.in'")));
        QVERIFY(query.next());
        const QVariant id = query.value(0);
        QCOMPARE(query.value(1).toString(), QStringLiteral("Meera"));
        QCOMPARE(query.value(2).toString(), QStringLiteral("Iyer"));
        QCOMPARE(query.value(3).toString(), QStringLiteral("9123456780"));
        QCOMPARE(query.value(4).toString(), QStringLiteral("9123456781"));
        QCOMPARE(query.value(5).toString(), QStringLiteral("Tamil Nadu"));
        QCOMPARE(query.value(6).toString(), QStringLiteral("600001"));
        QCOMPARE(query.value(7).toString(), QStringLiteral("USER"));
        // The app's bcrypt hash: $2a$, cost 10, accepted by Bcrypt::verify (the $2a$ vector itself
        // is tst_crypto's).
        QVERIFY(query.value(8).toString().startsWith(QStringLiteral("$2a$10$")));
        QVERIFY(Bcrypt::verify(QStringLiteral("correct horse"), query.value(8).toString()));
        QVERIFY(!query.value(9).isNull());
        QCOMPARE(
            scalar(db.db(), QStringLiteral("SELECT current_business FROM user_business_info WHERE user_id = ?"), {id})
                .toString(),
            QStringLiteral("Saree shop on Meesho"));
        // The page shows the new row, current; the hash is nowhere in the model.
        QTRY_VERIFY(rowOf(page.get(), id) >= 0);
        QTRY_COMPARE(page->currentRow(), rowOf(page.get(), id));
        const int password = page->model()->fieldIndex(QStringLiteral("password"));
        QVERIFY(password < 0 || page->view()->isColumnHidden(password));
        for (int r = 0; password >= 0 && r < page->model()->rowCount(); ++r) {
            QVERIFY(page->model()->index(r, password).data(Qt::EditRole).isNull());
        }
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    void editUserWithEnterAndResetPassword()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "users");
        selectRow(page.get(), 1);
        QTest::keyClick(page->view(), Qt::Key_Return);
        QPointer<UserForm> form = page->findChild<UserForm*>();
        QVERIFY(form);
        QCOMPARE(child<QLineEdit>(form, "emailEdit")->text(), QStringLiteral("asha@example.in"));
        QCOMPARE(child<CodeComboBox>(form, "stateCombo")->code(), QStringLiteral("Maharashtra"));
        QCOMPARE(child<QLineEdit>(form, "passwordEdit")->text(), QString()); // never the hash
        auto* orders = child<QTableView>(form, "ordersView");
        QAbstractItemModelTester tester(orders->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(orders->model()->rowCount(), 1);
        QCOMPARE(orders->model()->index(0, 2).data().toString(), QString::fromUtf8("₹5,999.00"));

        typeInto(form, "passwordEdit", QStringLiteral("brand new pass"));
        typeInto(form, "passwordConfirmEdit", QStringLiteral("brand new pass"));
        Prompt::queueAnswer(Prompt::Yes);
        click(form, "resetPasswordButton");
        QVERIFY(Bcrypt::verify(QStringLiteral("brand new pass"),
                               scalar(db.db(), QStringLiteral("SELECT password FROM users WHERE id = 1")).toString()));

        typeInto(form, "cityEdit", QStringLiteral("Nagpur"));
        typeInto(form, "goalsEdit", QStringLiteral("Sell on Flipkart"));
        click(form, "saveButton");
        QTRY_VERIFY(form.isNull());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Nagpur"));
        QCOMPARE(count(db.db(), QStringLiteral("user_business_info"),
                       QStringLiteral("user_id = 1 AND goals = 'Sell on Flipkart'")),
                 1);
    }

    void validationErrorsNextToTheField()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "users");
        selectRow(page.get(), 1);
        trigger(page.get(), "editRowAction");
        QPointer<UserForm> form = page->findChild<UserForm*>();
        QVERIFY(form);
        const QString before = fingerprint(db.db());
        typeInto(form, "emailEdit", QStringLiteral("not-an-email"));
        typeInto(form, "pincodeEdit", QStringLiteral("4110"));
        click(form, "saveButton");
        QVERIFY2(errorText(form, "emailError").contains(QStringLiteral("not a valid email")),
                 qPrintable(errorText(form, "emailError")));
        QVERIFY(errorText(form, "pincodeError").contains(QStringLiteral("6 digits")));
        QVERIFY(errorText(form, "phoneError").isEmpty());
        QVERIFY(form->isVisible());
        QCOMPARE(child<QLineEdit>(form, "emailEdit")->text(), QStringLiteral("not-an-email")); // input kept
        // Case-insensitive uniqueness.
        typeInto(form, "emailEdit", QStringLiteral("LIAM@Example.in"));
        typeInto(form, "pincodeEdit", QStringLiteral("411001"));
        click(form, "saveButton");
        QVERIFY2(errorText(form, "emailError").contains(QStringLiteral("already used")),
                 qPrintable(errorText(form, "emailError")));
        QVERIFY(errorText(form, "pincodeError").isEmpty());
        QCOMPARE(fingerprint(db.db()), before);
        form->reject();
    }

    void conflictWithSecondConnectionReloadAndOverwrite()
    {
        SEEDED_DATABASE(db);
        const QSqlDatabase other = QSqlDatabase::database(db.openExtraConnection());
        auto page = openPage(db, "users");
        selectRow(page.get(), 1);
        trigger(page.get(), "editRowAction");
        QPointer<UserForm> form = page->findChild<UserForm*>();
        QVERIFY(form);
        QSqlQuery change(other);
        QVERIFY_SQL(change, exec(QStringLiteral("UPDATE users SET city = 'Nashik' WHERE id = 1")));
        typeInto(form, "firstNameEdit", QStringLiteral("Ashwini"));
        click(form, "saveButton");
        QVERIFY(form->hasConflict());
        QVERIFY2(form->conflictText().contains(QStringLiteral("City: Pune \u2192 Nashik")),
                 qPrintable(form->conflictText()));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT first_name FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Asha"));

        // Reload: their version, our edit gone, and a save now goes through.
        click(form, "reloadButton");
        QVERIFY(!form->hasConflict());
        QCOMPARE(child<QLineEdit>(form, "cityEdit")->text(), QStringLiteral("Nashik"));
        QCOMPARE(child<QLineEdit>(form, "firstNameEdit")->text(), QStringLiteral("Asha"));

        // Another change behind our back, then Overwrite.
        QVERIFY_SQL(change, exec(QStringLiteral("UPDATE users SET last_name = 'Rao-Kulkarni' WHERE id = 1")));
        typeInto(form, "firstNameEdit", QStringLiteral("Ashwini"));
        click(form, "saveButton");
        QVERIFY(form->hasConflict());
        QVERIFY(form->conflictText().contains(QStringLiteral("Rao-Kulkarni")));
        click(form, "overwriteButton");
        QTRY_VERIFY(form.isNull());
        QCOMPARE(scalar(other, QStringLiteral("SELECT first_name FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Ashwini"));
        // Overwrite writes our changed field; their change to a field we did not touch stays.
        QCOMPARE(scalar(other, QStringLiteral("SELECT last_name FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Rao-Kulkarni"));
    }

    void createCourseWithFeaturesAndMarketplaces()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "courses");
        trigger(page.get(), "newRowAction");
        QPointer<CourseForm> form = page->findChild<CourseForm*>();
        QVERIFY(form);
        typeInto(form, "nameEdit", QStringLiteral("Pro Track"));
        QCOMPARE(child<QLineEdit>(form, "idEdit")->text(), QStringLiteral("pro-track")); // suggested
        typeInto(form, "descriptionEdit", QStringLiteral("Serious entrepreneurs"));
        typeInto(form, "durationEdit", QStringLiteral("90 Days"));
        child<CodeComboBox>(form, "levelCombo")->setCode(QStringLiteral("Advanced"));
        typeInto(form, "feeEdit", QStringLiteral("20000"));
        typeInto(form, "originalPriceEdit", QStringLiteral("19999.5"));
        click(form, "saveButton");
        QVERIFY2(errorText(form, "feeError").contains(QStringLiteral("above")),
                 qPrintable(errorText(form, "feeError")));
        QCOMPARE(count(db.db(), QStringLiteral("courses")), 2);

        typeInto(form, "feeEdit", QStringLiteral("15999"));
        QCOMPARE(child<QLabel>(form, "discountLabel")->text(), QString::fromUtf8("₹4,000.50 off (20%)"));
        form->addFeature(QStringLiteral("Global marketplace expansion"));
        form->addFeature(QStringLiteral("Team management strategies"));
        auto* marketplaces = child<QListWidget>(form, "marketplacesList");
        const int known = marketplaces->count();
        QCOMPARE(known, PlatformValues::knownMarketplaces().size());
        marketplaces->findItems(QStringLiteral("Meesho"), Qt::MatchExactly).first()->setCheckState(Qt::Checked);
        typeInto(form, "otherMarketplaceEdit", QStringLiteral("meesho"));
        click(form, "addMarketplaceButton");
        QCOMPARE(marketplaces->count(), known); // never the same one twice
        typeInto(form, "otherMarketplaceEdit", QStringLiteral("JioMart"));
        click(form, "addMarketplaceButton");
        QCOMPARE(marketplaces->count(), known + 1);
        click(form, "saveButton");
        QTRY_VERIFY(form.isNull());

        QSqlQuery query(db.db());
        QVERIFY_SQL(query,
                    exec(QStringLiteral("SELECT name, description, duration, level, fee, original_price FROM courses "
                                        "WHERE id = 'pro-track'")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("Pro Track"));
        QCOMPARE(query.value(1).toString(), QStringLiteral("Serious entrepreneurs"));
        QCOMPARE(query.value(2).toString(), QStringLiteral("90 Days"));
        QCOMPARE(query.value(3).toString(), QStringLiteral("Advanced"));
        QCOMPARE(*Money::minorFromSql(query.value(4)), 1599900);
        QCOMPARE(*Money::minorFromSql(query.value(5)), 1999950);
        const auto details = CourseService::details(db.db(), QStringLiteral("pro-track"));
        QCOMPARE(details.features, (QStringList{QStringLiteral("Global marketplace expansion"),
                                                QStringLiteral("Team management strategies")}));
        QCOMPARE(details.marketplaces, (QStringList{QStringLiteral("Meesho"), QStringLiteral("JioMart")}));
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    void editCourseByDoubleClickIdIsFixed()
    {
        SEEDED_DATABASE(db);
        auto page = openPage(db, "courses");
        const int row = rowOf(page.get(), QStringLiteral("starter-track"));
        QVERIFY(row >= 0);
        const QModelIndex index = page->model()->index(row, 1);
        page->view()->setCurrentIndex(index);
        const QPoint centre = page->view()->visualRect(index).center();
        QTest::mouseClick(page->view()->viewport(), Qt::LeftButton, {}, centre);
        QTest::mouseDClick(page->view()->viewport(), Qt::LeftButton, {}, centre);
        QPointer<CourseForm> form = page->findChild<CourseForm*>();
        QVERIFY(form);
        QVERIFY(child<QLineEdit>(form, "idEdit")->isReadOnly());
        QCOMPARE(child<MoneyEdit>(form, "feeEdit")->decimal(), QStringLiteral("5999.00"));
        QCOMPARE(child<QListWidget>(form, "featuresList")->count(), 2);
        typeInto(form, "durationEdit", QStringLiteral("50 Days"));
        form->addFeature(QStringLiteral("GST and compliance training"));
        click(form, "saveButton");
        QTRY_VERIFY(form.isNull());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT duration FROM courses WHERE id = 'starter-track'")).toString(),
                 QStringLiteral("50 Days"));
        QCOMPARE(count(db.db(), QStringLiteral("course_features"), QStringLiteral("course_id = 'starter-track'")), 3);
        // The page below the table shows the saved list.
        auto* coursesPage = qobject_cast<CoursesPage*>(page.get());
        QTRY_COMPARE(coursesPage->featuresModel()->rowCount(), 3);
        QCOMPARE(coursesPage->currentCourseId(), QStringLiteral("starter-track"));
    }

    void renderForms()
    {
        SEEDED_DATABASE(db);
        auto users = openPage(db, "users");
        selectRow(users.get(), 1);
        trigger(users.get(), "editRowAction");
        UserForm* userForm = users->findChild<UserForm*>();
        QVERIFY(userForm);
        auto courses = openPage(db, "courses");
        selectRow(courses.get(), QStringLiteral("starter-track"));
        trigger(courses.get(), "editRowAction");
        CourseForm* courseForm = courses->findChild<CourseForm*>();
        QVERIFY(courseForm);
        const QString dir = qEnvironmentVariable("COURSEDESK_FORM_SCREENSHOTS");
        if (!dir.isEmpty() && TestEngines::current() == Engine::Sqlite) {
            QVERIFY(userForm->grab().save(dir + QStringLiteral("/user-form.png")));
            QVERIFY(courseForm->grab().save(dir + QStringLiteral("/course-form.png")));
        }
        auto enrollments = openPage(db, "enrollments");
        selectRow(enrollments.get(), 1);
        trigger(enrollments.get(), "editRowAction");
        RelationForm* enrollmentForm = enrollments->findChild<RelationForm*>();
        QVERIFY(enrollmentForm);
        if (!dir.isEmpty() && TestEngines::current() == Engine::Sqlite) {
            QVERIFY(enrollmentForm->grab().save(dir + QStringLiteral("/enrollment-form.png")));
        }
        enrollmentForm->reject();
        userForm->reject();
        courseForm->reject();
    }
};

QTEST_MAIN(TestForms)
#include "tst_forms.moc"
