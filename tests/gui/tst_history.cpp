#include "../workflows/FormHelpers.h"
#include "forms/Prompt.h"
#include "forms/UserForm.h"
#include "history/HistoryModel.h"
#include "history/HistoryPage.h"
#include "history/HistoryPanel.h"
#include "history/HistoryQuery.h"
#include "history/HistoryRestore.h"
#include "history/HistoryView.h"
#include "mainwindow/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QPointer>
#include <QSqlError>
#include <QSqlQuery>
#include <QTabWidget>

using namespace FormHelpers;

// The History panel and page read coursedesk_audit_log rows in the agreed format (written here
// the way the write path writes them), show them in words, filter on the server, page through a
// long log, and restore a value as a new, logged change. Both engines.
class TestHistory : public QObject
{
    Q_OBJECT

private:
    static qint64 log(const QSqlDatabase& db, const QString& occurredAt, const QString& actor, const QString& action,
                      const QString& table, const QString& key, const QString& details,
                      const QString& reason = QString())
    {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT INTO coursedesk_audit_log (occurred_at, actor, action, table_name, "
                                     "row_key, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        for (const QVariant& v :
             QVariantList{occurredAt, actor, action, table, key,
                          reason.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : reason, details}) {
            query.addBindValue(v);
        }
        if (!query.exec()) {
            qWarning() << query.lastError().text();
            return 0;
        }
        return TestSql::scalar(db, QStringLiteral("SELECT MAX(id) FROM coursedesk_audit_log")).toLongLong();
    }

    static QString cityChange(const char* before, const char* after)
    {
        return QStringLiteral(R"({"changes":[{"column":"city","before":"%1","after":"%2"}]})")
            .arg(QLatin1String(before), QLatin1String(after));
    }

    // The model rows as "Field|Before|After" lines, for readable comparisons.
    static QStringList lines(const QAbstractItemModel* model)
    {
        QStringList result;
        for (int r = 0; r < model->rowCount(); ++r) {
            result << QStringLiteral("%1|%2|%3")
                          .arg(model->index(r, HistoryModel::Field).data().toString(),
                               model->index(r, HistoryModel::Before).data().toString(),
                               model->index(r, HistoryModel::After).data().toString());
        }
        return result;
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase()
    {
        Prompt::setTestMode(true);
        HistoryPanel::install();
    }
    void init() { Prompt::clearAsked(); }

    void showsChangesNewestFirstInWords()
    {
        SEEDED_DATABASE(db);
        const QSqlDatabase d = db.db();
        QVERIFY(log(d, "2026-11-20 10:00:00.000", "staff (asha)", "update", "users", "1",
                    QStringLiteral(R"({"changes":[{"column":"city","before":"Pune","after":"Nashik"},)"
                                   R"({"column":"password","note":"password changed"}]})")));
        QVERIFY(log(d, "2026-11-21 10:00:00.000", "staff (asha)", "update", "orders", "2",
                    QStringLiteral(R"({"changes":[{"column":"user_id","before":"2","after":"3"}]})")));
        QVERIFY(log(d, "2026-11-22 10:00:00.000", "finance (ravi)", "refund", "payments", "1",
                    QStringLiteral(R"({"changes":[{"column":"status","before":"COMPLETED","after":"REFUNDED"},)"
                                   R"({"column":"amount","before":"9999.00","after":"9999.00"},)"
                                   R"({"column":"payment_date","before":"2026-01-02T00:01:00.000Z","after":null}]})"),
                    QStringLiteral("Asked within 7 days")));
        // An older free-text row (not the JSON format) still shows, as its text.
        QVERIFY(log(d, "2026-11-23 10:00:00.000", "coursedesk", "suspend", "enrollments", "1",
                    QStringLiteral("ACTIVE -> SUSPENDED")));

        HistoryModel model(d);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter({});
        QVERIFY(model.isAvailable());
        QCOMPARE(model.rowCount(), 1 + 3 + 1 + 2);
        // Newest first; the audit row's facts on its first line only.
        QCOMPARE(model.index(0, HistoryModel::Action).data().toString(), QStringLiteral("Suspend"));
        QCOMPARE(model.index(0, HistoryModel::After).data().toString(), QStringLiteral("ACTIVE -> SUSPENDED"));
        QCOMPARE(model.index(1, HistoryModel::Actor).data().toString(), QStringLiteral("finance (ravi)"));
        QCOMPARE(model.index(1, HistoryModel::Table).data().toString(), QStringLiteral("Payments"));
        QCOMPARE(model.index(1, HistoryModel::Reason).data().toString(), QStringLiteral("Asked within 7 days"));
        QCOMPARE(model.index(2, HistoryModel::Actor).data().toString(), QString());
        // Local time (the suite runs in Asia/Kolkata: UTC+5:30).
        QCOMPARE(model.index(1, HistoryModel::When).data().toString(), QStringLiteral("22 Nov 2026 15:30:00"));
        const QStringList shown = lines(&model);
        QCOMPARE(shown.mid(1),
                 (QStringList{QStringLiteral("Status|Completed|Refunded"),
                              QStringLiteral("Amount|\u20B99,999.00|\u20B99,999.00"),
                              QStringLiteral("Paid at|2 Jan 2026 05:31|(empty)"),
                              QStringLiteral("User|liam@example.in|zoya@example.in"), // relation keys by name
                              QStringLiteral("City|Pune|Nashik"), QStringLiteral("Password||password changed")}));
        // Restorable: a column of a plain edit; never the password, never what a workflow changed.
        QVERIFY(model.index(5, 0).data(HistoryModel::RestorableRole).toBool());
        QVERIFY(!model.index(6, 0).data(HistoryModel::RestorableRole).toBool());
        QVERIFY(!model.index(0, 0).data(HistoryModel::RestorableRole).toBool());
        QVERIFY(!model.index(1, 0).data(HistoryModel::RestorableRole).toBool()); // a refund is undone by no edit
    }

    void filtersOnTheServerAndPagesThroughALongLog()
    {
        SEEDED_DATABASE(db);
        QSqlDatabase d = db.db();
        QVERIFY(d.transaction());
        for (int i = 0; i < 450; ++i) {
            const QString at = QStringLiteral("2026-11-%1 12:00:00.000").arg(1 + i % 28, 2, 10, QLatin1Char('0'));
            QVERIFY(log(d, at, i % 3 == 0 ? "staff (Asha)" : "finance (ravi)", "update", i % 2 ? "users" : "courses",
                        QString::number(1 + i % 3), cityChange("A", "B")));
        }
        QVERIFY(log(d, "2026-11-30 12:00:00.000", "x%y (z)", "update", "users", "3", cityChange("A", "B")));
        QVERIFY(d.commit());

        // A page at a time: what a view asks for as it scrolls.
        HistoryModel paged(d);
        paged.setFilter({});
        QCOMPARE(paged.rowCount(), HistoryModel::pageSize); // one change per audit row here
        QVERIFY(paged.canFetchMore());
        paged.fetchMore();
        QCOMPARE(paged.rowCount(), 2 * HistoryModel::pageSize);
        paged.fetchMore();
        QCOMPARE(paged.rowCount(), 451);
        QVERIFY(!paged.canFetchMore());
        // The model tester fetches everything itself, checking every step.
        HistoryModel model(d);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setFilter({});
        while (model.canFetchMore()) {
            model.fetchMore();
        }
        QCOMPARE(model.rowCount(), 451);
        // Ids strictly falling: no row twice, none skipped between pages.
        for (int r = 1; r < model.rowCount(); ++r) {
            QVERIFY(model.index(r, 0).data(HistoryModel::EntryIdRole).toLongLong() <
                    model.index(r - 1, 0).data(HistoryModel::EntryIdRole).toLongLong());
        }

        auto count = [&d](const HistoryFilter& f) {
            qint64 n = 0, before = 0;
            for (;;) {
                const auto page = HistoryQuery::fetch(d, f, before, 100);
                n += page.size();
                if (page.size() < 100) {
                    return n;
                }
                before = page.last().id;
            }
        };
        HistoryFilter users;
        users.table = QStringLiteral("users");
        QCOMPARE(count(users), 225 + 1);
        users.rowKey = QStringLiteral("3");
        QCOMPARE(count(users), qint64(TestSql::scalar(d, QStringLiteral("SELECT COUNT(*) FROM coursedesk_audit_log "
                                                                        "WHERE table_name = 'users' AND row_key = '3'"))
                                          .toLongLong()));
        HistoryFilter actor;
        actor.actor = QStringLiteral("ASHA"); // any case, part of the actor
        QCOMPARE(count(actor), 150);
        actor.actor = QStringLiteral("%"); // a wildcard typed by the user is just a character
        QCOMPARE(count(actor), 1);
        actor.actor = QStringLiteral("' OR 1=1 --");
        QCOMPARE(count(actor), 0);
        HistoryFilter period; // [1 Nov 00:00, 3 Nov 00:00) local: days 1 and 2 (12:00 UTC)
        period.from = QDateTime(QDate(2026, 11, 1), QTime(0, 0), QTimeZone::systemTimeZone());
        period.to = QDateTime(QDate(2026, 11, 3), QTime(0, 0), QTimeZone::systemTimeZone());
        QCOMPARE(count(period), 17 + 17);
    }

    void historyPageFiltersAndOpensTheRowsForm()
    {
        SEEDED_DATABASE(db);
        QVERIFY(log(db.db(), "2026-11-20 10:00:00.000", "staff (asha)", "update", "users", "1",
                    cityChange("Pune", "Nashik")));
        QVERIFY(log(db.db(), "2026-11-21 10:00:00.000", "staff (ravi)", "update", "orders", "1",
                    QStringLiteral(R"({"changes":[{"column":"razorpay_order_id","before":"a","after":"b"}]})")));
        MainWindow window;
        window.setDatabase(db.db());
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.showPage(QStringLiteral("history")));
        auto* page = qobject_cast<HistoryPage*>(window.currentPage());
        QVERIFY(page);
        QTRY_VERIFY(page->isReady());
        QTableView* view = page->historyView()->view();
        QCOMPARE(view->model()->rowCount(), 2);

        auto tableOfFirst = [view] {
            return view->model()->rowCount() == 1 ? view->model()->index(0, HistoryModel::Table).data().toString()
                                                  : QString::number(view->model()->rowCount());
        };
        page->actorEdit()->setText(QStringLiteral("ASHA"));
        QTRY_COMPARE(tableOfFirst(), QStringLiteral("Users"));
        page->actorEdit()->clear();
        page->tableCombo()->setCurrentIndex(page->tableCombo()->findData(QStringLiteral("orders")));
        QTRY_COMPARE(tableOfFirst(), QStringLiteral("Orders"));
        page->tableCombo()->setCurrentIndex(0);
        page->toEdit()->setDate(QDate(2026, 11, 20)); // on or before the 20th (local)
        QTRY_COMPARE(tableOfFirst(), QStringLiteral("Users"));
        page->fromEdit()->setDate(QDate(2026, 11, 21)); // an empty period
        QTRY_COMPARE(view->model()->rowCount(), 0);
        QCOMPARE(page->historyView()->infoLabel()->text(), QStringLiteral("No changes logged."));
        page->fromEdit()->setDate(page->fromEdit()->minimumDate());
        QTRY_COMPARE(tableOfFirst(), QStringLiteral("Users"));
        QCOMPARE(view->model()->index(0, HistoryModel::RowKey).data().toString(), QStringLiteral("1"));

        // The table's right-click menu offers the same.
        auto* open = page->findChild<QAction*>(QStringLiteral("openChangedRowAction"));
        auto* restore = page->findChild<QAction*>(QStringLiteral("restoreValueAction"));
        QVERIFY(open && restore && view->actions().contains(open) && view->actions().contains(restore));
        QCOMPARE(view->contextMenuPolicy(), Qt::ActionsContextMenu);

        // Double-click: the Users page, with that user's form open.
        const QRect cell = view->visualRect(view->model()->index(0, HistoryModel::Field));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTest::mouseDClick(view->viewport(), Qt::LeftButton, {}, cell.center());
        QTRY_COMPARE(window.currentPage()->pageId(), QStringLiteral("users"));
        RecordForm* form = nullptr;
        QTRY_VERIFY((form = window.findChild<RecordForm*>(QStringLiteral("usersForm"))) != nullptr);
        QCOMPARE(form->key().toString(), QStringLiteral("1"));
        QPointer<RecordForm> first = form;
        form->reject();
        QTRY_VERIFY(first.isNull());

        // By keyboard: Enter on the change does the same.
        QVERIFY(window.showPage(QStringLiteral("history")));
        window.activateWindow();
        view->setFocus();
        QTRY_VERIFY(view->hasFocus());
        QTest::keyClick(view, Qt::Key_Return);
        QTRY_COMPARE(window.currentPage()->pageId(), QStringLiteral("users"));
        QTRY_VERIFY((form = window.findChild<RecordForm*>(QStringLiteral("usersForm"))) != nullptr);
        form->reject();
    }

    void formHistoryTabRestoresAValue()
    {
        SEEDED_DATABASE(db);
        const QSqlDatabase d = db.db();
        // The change as the app makes it: the row, then its audit row.
        QVERIFY(db.exec(QStringLiteral("UPDATE users SET city = 'Nashik' WHERE id = 1")));
        const qint64 change =
            log(d, "2026-11-20 10:00:00.000", "staff (asha)", "update", "users", "1", cityChange("Pune", "Nashik"));
        QVERIFY(change);

        auto page = openPage(db, "users");
        selectRow(page.get(), 1);
        trigger(page.get(), "editRowAction");
        RecordForm* form = nullptr;
        QTRY_VERIFY((form = page->findChild<RecordForm*>(QStringLiteral("usersForm"))) != nullptr);
        auto* tabs = form->findChild<QTabWidget*>(QStringLiteral("tabs"));
        auto* panel = form->findChild<HistoryPanel*>(QStringLiteral("historyPanel"));
        QVERIFY(tabs && panel);
        QVERIFY(!panel->isLoaded()); // read only when looked at
        tabs->setCurrentWidget(panel);
        QTRY_VERIFY(panel->isLoaded());
        QAbstractItemModelTester tester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(lines(panel->model()), QStringList{QStringLiteral("City|Pune|Nashik")});
        QVERIFY(panel->view()->isColumnHidden(HistoryModel::Table)); // the form knows its row

        panel->view()->setCurrentIndex(panel->model()->index(0, HistoryModel::Field));
        QVERIFY(panel->restoreButton()->isEnabled());
        Prompt::queueAnswer(Prompt::Yes);
        QTest::mouseClick(panel->restoreButton(), Qt::LeftButton);
        QCOMPARE(TestSql::scalar(d, QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Pune"));
        QVERIFY(Prompt::asked().last().contains(QStringLiteral("back to \u201CPune\u201D")));
        QVERIFY(Prompt::asked().last().contains(QStringLiteral("edits you have not saved yet are dropped")));
        // The form shows the restored value; the restore is a new, logged change.
        QCOMPARE(child<QLineEdit>(form, "cityEdit")->text(), QStringLiteral("Pune"));
        QCOMPARE(TestSql::scalar(d, QStringLiteral("SELECT reason FROM coursedesk_audit_log WHERE id > ?"), {change})
                     .toString(),
                 QStringLiteral("Restored value of city from change #%1").arg(change));
        const auto restored = HistoryQuery::fetch(d, {}, 0, 1).first();
        QCOMPARE(restored.action, QStringLiteral("update"));
        QCOMPARE(restored.changes.size(), 1);
        QCOMPARE(restored.changes.first().before.toString(), QStringLiteral("Nashik"));
        QCOMPARE(restored.changes.first().after.toString(), QStringLiteral("Pune"));
        QCOMPARE(panel->model()->rowCount(), 2); // the panel shows it at the top
        QCOMPARE(panel->model()->index(0, HistoryModel::After).data().toString(), QStringLiteral("Pune"));
        form->reject();
    }

    void restoreWarnsOfALaterChangeAndCatchesAConcurrentOne()
    {
        SEEDED_DATABASE(db);
        const QSqlDatabase d = db.db();
        QVERIFY(db.exec(QStringLiteral("UPDATE users SET city = 'Thane' WHERE id = 1")));
        log(d, "2026-11-20 10:00:00.000", "staff (asha)", "update", "users", "1", cityChange("Pune", "Nashik"));
        log(d, "2026-11-21 10:00:00.000", "staff (ravi)", "update", "users", "1", cityChange("Nashik", "Thane"));

        HistoryView view(d, false);
        HistoryFilter filter;
        filter.table = QStringLiteral("users");
        filter.rowKey = QStringLiteral("1");
        view.setFilter(filter);
        QCOMPARE(view.model()->rowCount(), 2);
        // Restoring the older change: the user is told it was changed again since; Cancel writes nothing.
        Prompt::queueAnswer(Prompt::Cancel);
        QVERIFY(!view.restoreRow(1));
        QVERIFY(Prompt::asked().last().contains(QStringLiteral("changed again")));
        QCOMPARE(TestSql::scalar(d, QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Thane"));
        QCOMPARE(TestSql::scalar(d, QStringLiteral("SELECT COUNT(*) FROM coursedesk_audit_log")).toInt(), 2);

        // Someone changes the row between the question and the answer: a conflict, nothing written.
        const AuditEntry entry = *view.model()->entryAt(0);
        const AuditChange change = *view.model()->changeAt(0);
        const auto check = HistoryRestore::check(d, entry, change);
        QVERIFY(check.possible && !check.changedSince);
        QSqlDatabase other = QSqlDatabase::database(db.openExtraConnection());
        QSqlQuery concurrent(other);
        QVERIFY_SQL(concurrent, exec(QStringLiteral("UPDATE users SET city = 'Surat' WHERE id = 1")));
        const auto result = HistoryRestore::restore(d, entry, change, check);
        QCOMPARE(result.status, RowWriter::Status::Conflict);
        QCOMPARE(TestSql::scalar(d, QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Surat"));
        QCOMPARE(TestSql::scalar(d, QStringLiteral("SELECT COUNT(*) FROM coursedesk_audit_log")).toInt(), 2);

        // Nothing to restore when the column already holds the value; never the password.
        QVERIFY(db.exec(QStringLiteral("UPDATE users SET city = 'Nashik' WHERE id = 1")));
        QVERIFY(!HistoryRestore::check(d, entry, change).possible);
        AuditChange password;
        password.column = QStringLiteral("password");
        password.note = QStringLiteral("password changed");
        QVERIFY(!HistoryRestore::restorable(entry, password));
    }

    void historyIsOffWithoutCoursedeskTables()
    {
        TEST_EMPTY_DATABASE(db);
        QVERIFY2(db.exec(TestSql::platformSql(db.engine())), qPrintable(db.error()));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, "
            "role, created_at, updated_at) VALUES (1, 'Asha', 'Rao', 'asha@example.in', 'x', '9876543210', "
            "'12 MG Road', 'Nashik', 'Maharashtra', '411001', 'USER', '2026-01-01 00:00:00', '2026-01-01 00:00:00')")));
        QVERIFY(!HistoryQuery::available(db.db()));
        HistoryPage page(db.db());
        page.activate();
        QCOMPARE(page.historyView()->infoLabel()->text(), HistoryQuery::offText());
        QCOMPARE(page.historyView()->model()->rowCount(), 0);
        HistoryPanel panel(db.db(), QStringLiteral("users"), QStringLiteral("1"));
        panel.show();
        QTRY_VERIFY(panel.isLoaded());
        QCOMPARE(panel.infoLabel()->text(),
                 QStringLiteral("History is off: this database has no coursedesk_audit_log (create Coursedesk's "
                                "objects to turn it on)"));
        // Saving still works there, also a restore-style update with a reason (nothing is logged).
        TableSpec spec = *TableSpec::forTable(QStringLiteral("users"));
        const RowSnapshot loaded = RowSnapshot::load(db.db(), spec, 1);
        const auto saved = RowWriter::update(db.db(), spec, loaded, {{QStringLiteral("city"), QStringLiteral("Pune")}},
                                             false, {}, QStringLiteral("Restored value of city from change #1"));
        QVERIFY2(saved.ok(), qPrintable(saved.message));
        QCOMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Pune"));
    }
};

QTEST_MAIN(TestHistory)
#include "tst_history.moc"
