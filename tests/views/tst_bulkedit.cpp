// Bulk writes on a selection, both engines: one field set on N rows in one transaction (each row
// audited with before/after), a failure on one row changes none and names it, a row someone else
// changed since it was loaded is a conflict; enrollments suspended, reactivated and completed
// together with one reason, all or nothing.
#include "../workflows/WorkflowFixture.h"
#include "TestEngines.h"
#include "TestSql.h"
#include "models/windowed/WindowedTableModel.h"
#include "services/BulkUpdate.h"
#include "services/EnrollmentService.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using WorkflowFixture::count;
using WorkflowFixture::scalar;

class TestBulkEdit : public QObject
{
    Q_OBJECT

private:
    // The first `n` rows of `table` as its page loads them (newest first), for BulkUpdate.
    static QList<BulkUpdate::Row> loadedRows(WindowedTableModel& model, int n)
    {
        QList<BulkUpdate::Row> rows;
        if (!model.waitForRows(0, n - 1)) {
            return rows;
        }
        for (int r = 0; r < n; ++r) {
            rows << BulkUpdate::Row{model.keyAt(r), model.loadedValues(r), model.rowLabel(r)};
        }
        return rows;
    }

    static QStringList cities(const QSqlDatabase& db, const QList<BulkUpdate::Row>& rows)
    {
        QStringList out;
        for (const auto& row : rows) {
            out << scalar(db, QStringLiteral("SELECT city FROM users WHERE id = ?"), {row.key}).toString();
        }
        return out;
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void setFieldOnManyRowsInOneTransaction()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("users"));
        WindowedTableModel model(spec, db.connectionName());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const auto rows = loadedRows(model, 6);
        QCOMPARE(rows.size(), 6);
        const QStringList before = cities(db.db(), rows);
        const qlonglong audits = count(db.db(), QStringLiteral("coursedesk_audit_log"));

        const auto result =
            BulkUpdate::setField(db.db(), spec, rows, QStringLiteral("city"), QStringLiteral("Shillong"));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.changed, int(rows.size() - before.count(QStringLiteral("Shillong"))));
        QCOMPARE(cities(db.db(), rows), QStringList(rows.size(), QStringLiteral("Shillong")));
        // One audit row per changed row, in the contract's form.
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log")), audits + result.changed);
        const QString details =
            scalar(db.db(),
                   QStringLiteral("SELECT details FROM coursedesk_audit_log WHERE table_name = 'users' AND row_key = ? "
                                  "AND action = 'update'"),
                   {rows.first().key.toString()})
                .toString();
        const QJsonObject change = QJsonDocument::fromJson(details.toUtf8())
                                       .object()
                                       .value(QStringLiteral("changes"))
                                       .toArray()
                                       .at(0)
                                       .toObject();
        QCOMPARE(change.value(QStringLiteral("column")).toString(), QStringLiteral("city"));
        QCOMPARE(change.value(QStringLiteral("before")).toString(), before.first());
        QCOMPARE(change.value(QStringLiteral("after")).toString(), QStringLiteral("Shillong"));
        QVERIFY(scalar(db.db(), QStringLiteral("SELECT updated_at <> created_at FROM users WHERE id = ?"),
                       {rows.first().key})
                    .toBool());
        // Rows outside the selection are untouched.
        QCOMPARE(count(db.db(), QStringLiteral("users"), QStringLiteral("city = 'Shillong'")), qlonglong(rows.size()));
    }

    void failureOnOneRowChangesNoneAndNamesIt()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("users"));
        WindowedTableModel model(spec, db.connectionName());
        const auto rows = loadedRows(model, 5);
        QCOMPARE(rows.size(), 5);
        const QStringList before = cities(db.db(), rows);
        const qlonglong audits = count(db.db(), QStringLiteral("coursedesk_audit_log"));
        // The fourth row's update fails inside the transaction, after three were written.
        QVERIFY(WorkflowFixture::injectFailure(db, QStringLiteral("users"), QStringLiteral("UPDATE"),
                                               QStringLiteral("NEW.id = %1").arg(rows.at(3).key.toString())));
        const auto result = BulkUpdate::setField(db.db(), spec, rows, QStringLiteral("city"), QStringLiteral("Kohima"));
        QVERIFY(!result.ok);
        QCOMPARE(result.failedKey.toString(), rows.at(3).key.toString());
        QVERIFY2(result.message.startsWith(rows.at(3).label), qPrintable(result.message));
        QCOMPARE(cities(db.db(), rows), before);
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log")), audits);

        // A value the rules refuse names the row and the rule; nothing is written.
        const auto refused = BulkUpdate::setField(db.db(), spec, rows, QStringLiteral("pincode"), QStringLiteral("12"));
        QVERIFY(!refused.ok);
        QVERIFY2(refused.message.contains(rows.at(0).label) && refused.message.contains(QStringLiteral("6 digits")),
                 qPrintable(refused.message));
        // Workflow-owned and key columns cannot be set in bulk.
        const TableSpec& orders = *TableSpec::forTable(QStringLiteral("orders"));
        QVERIFY(!BulkUpdate::isBulkEditable(orders, QStringLiteral("status")));
        QVERIFY(!BulkUpdate::isBulkEditable(orders, QStringLiteral("amount")));
        QVERIFY(!BulkUpdate::isBulkEditable(spec, QStringLiteral("password")));
        QVERIFY(BulkUpdate::isBulkEditable(spec, QStringLiteral("role")));
        QVERIFY(!BulkUpdate::setField(db.db(), orders, {}, QStringLiteral("status"), QStringLiteral("PAID")).ok);
    }

    void rowChangedBySomeoneElseIsAConflict()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("users"));
        WindowedTableModel model(spec, db.connectionName());
        const auto rows = loadedRows(model, 4);
        QCOMPARE(rows.size(), 4);
        // Another staff member changes the third row's phone after the page loaded it.
        const QString other = db.openExtraConnection();
        QSqlQuery query(QSqlDatabase::database(other));
        QVERIFY(query.prepare(QStringLiteral("UPDATE users SET phone = '9000000001' WHERE id = ?")));
        query.addBindValue(rows.at(2).key);
        QVERIFY(query.exec());
        const QStringList before = cities(db.db(), rows);
        const auto result = BulkUpdate::setField(db.db(), spec, rows, QStringLiteral("city"), QStringLiteral("Aizawl"));
        QVERIFY(!result.ok);
        QVERIFY(result.conflict);
        QCOMPARE(result.failedKey.toString(), rows.at(2).key.toString());
        QVERIFY2(result.message.contains(rows.at(2).label) && result.message.contains(QStringLiteral("9000000001")),
                 qPrintable(result.message));
        QCOMPARE(cities(db.db(), rows), before);
    }

    void enrollmentsChangeTogetherWithOneReason()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        auto ids = [&](const QString& status, int n) {
            QVariantList out;
            QSqlQuery query(db.db());
            query.exec(QStringLiteral("SELECT id FROM enrollments WHERE status = '%1' ORDER BY id LIMIT %2")
                           .arg(status)
                           .arg(n));
            while (query.next()) {
                out << query.value(0);
            }
            return out;
        };
        auto statusOf = [&](const QVariant& id) {
            return scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = ?"), {id}).toString();
        };
        const QVariantList active = ids(QStringLiteral("ACTIVE"), 3);
        QCOMPARE(active.size(), 3);
        using A = EnrollmentService::Action;
        auto result = EnrollmentService::changeStatuses(db.db(), active, {}, A::Suspend, QStringLiteral("Chargeback"));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(result.changed, 3);
        for (const QVariant& id : active) {
            QCOMPARE(statusOf(id), QStringLiteral("SUSPENDED"));
            QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"),
                           QStringLiteral("action = 'suspend' AND reason = 'Chargeback' AND row_key = ?"),
                           {id.toString()}),
                     1);
        }
        // A cancelled enrollment in the selection cannot be reactivated: none is, and it is named.
        const QVariant cancelled = ids(QStringLiteral("CANCELLED"), 1).value(0);
        QVERIFY(cancelled.isValid());
        const QVariantList mixed{active.at(0), cancelled, active.at(1)};
        result = EnrollmentService::changeStatuses(
            db.db(), mixed, {QStringLiteral("first"), QStringLiteral("the cancelled one"), QStringLiteral("third")},
            A::Reactivate, QStringLiteral("Resolved"));
        QVERIFY(!result.ok);
        QCOMPARE(result.failedKey, cancelled);
        QVERIFY2(result.message.startsWith(QStringLiteral("the cancelled one")), qPrintable(result.message));
        QCOMPARE(statusOf(active.at(0)), QStringLiteral("SUSPENDED"));
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"), QStringLiteral("action = 'reactivate'")), 0);

        result = EnrollmentService::changeStatuses(db.db(), active, {}, A::Reactivate, QStringLiteral("Resolved"));
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(statusOf(active.at(2)), QStringLiteral("ACTIVE"));
        result = EnrollmentService::changeStatuses(db.db(), active, {}, A::Complete, QStringLiteral("Finished"));
        QVERIFY2(result.ok, qPrintable(result.message));
        for (const QVariant& id : active) {
            QCOMPARE(statusOf(id), QStringLiteral("COMPLETED"));
            QVERIFY(!scalar(db.db(), QStringLiteral("SELECT completion_date FROM enrollments WHERE id = ?"), {id})
                         .isNull());
        }
        QCOMPARE(WorkflowFixture::unknownPlatformValues(db.db()), QStringList());
    }
};

QTEST_GUILESS_MAIN(TestBulkEdit)
#include "tst_bulkedit.moc"
