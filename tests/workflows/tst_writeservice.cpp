// The one write path, both engines: two writers racing for one row end in a conflict (the row is
// locked and compared inside the transaction), workflow-owned columns and read-only rows are
// refused with the workflow's name, every kind of save leaves audit rows with before -> after,
// and Record payment completes the order's PENDING payment instead of adding one.
#include "WorkflowFixture.h"
#include "db/Database.h"
#include "models/PlatformTableModel.h"
#include "models/windowed/WindowedTableModel.h"
#include "services/PaymentService.h"
#include "services/RowWriter.h"
#include "services/UserService.h"
#include "services/WriteService.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QThread>

#include <atomic>

using namespace WorkflowFixture;

namespace {
const TableSpec& spec(const char* table)
{
    return *TableSpec::forTable(QString::fromLatin1(table));
}

struct AuditRow
{
    QString actor;
    QString action;
    QString reason;
    QJsonArray changes;
    // The change of `column`, or an empty object.
    QJsonObject change(const QString& column) const
    {
        for (const QJsonValue& v : changes) {
            if (v.toObject().value(QStringLiteral("column")).toString() == column) {
                return v.toObject();
            }
        }
        return {};
    }
};

// Audit rows of one table row, oldest first.
QList<AuditRow> auditOf(const QSqlDatabase& db, const QString& table, const QVariant& key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT actor, action, reason, details FROM coursedesk_audit_log "
                                 "WHERE table_name = ? AND row_key = ? ORDER BY id"));
    query.addBindValue(table);
    query.addBindValue(key.toString());
    QList<AuditRow> rows;
    if (query.exec()) {
        while (query.next()) {
            rows.append({query.value(0).toString(), query.value(1).toString(), query.value(2).toString(),
                         QJsonDocument::fromJson(query.value(3).toString().toUtf8())
                             .object()
                             .value(QStringLiteral("changes"))
                             .toArray()});
        }
    }
    return rows;
}

QJsonObject beforeAfter(const QString& column, const QString& before, const QString& after)
{
    return {{QStringLiteral("column"), column}, {QStringLiteral("before"), before}, {QStringLiteral("after"), after}};
}

QString osUser()
{
    const QString user = qEnvironmentVariable("USER");
    return user.isEmpty() ? qEnvironmentVariable("USERNAME", QStringLiteral("unknown")) : user;
}
} // namespace

class TestWriteService : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    // The reported lost update: the app loads user 2000's city and edits it; meanwhile another
    // connection updates the city in a transaction it keeps open; the app saves while that
    // transaction holds the row, and the other commits. The save must end in a conflict.
    void concurrentChangeWhileSavingIsAConflict()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const QVariant user = 2000;
        const RowSnapshot loaded = RowSnapshot::load(db.db(), spec("users"), user);
        QVERIFY(loaded.exists());
        QVERIFY(loaded.value(QStringLiteral("city")) != QStringLiteral("CityX"));

        QSqlDatabase other = QSqlDatabase::database(db.openExtraConnection());
        QSqlQuery hold(other);
        QVERIFY_SQL(hold, exec(QStringLiteral("BEGIN")));
        QVERIFY_SQL(hold, exec(QStringLiteral("UPDATE users SET city = 'CityX' WHERE id = 2000")));

        // The save runs on its own thread (and connection) while the other transaction is open.
        std::atomic<bool> started = false;
        WriteResult result;
        QString openError;
        const QString source = db.connectionName();
        QThread* saver = QThread::create([&] {
            const QString name = source + QStringLiteral("_saver");
            if (!Database::openClone(source, name, &openError)) {
                return;
            }
            {
                const QSqlDatabase mine = QSqlDatabase::database(name);
                started = true;
                result = WriteService::update(mine, spec("users"), loaded,
                                              {{QStringLiteral("city"), QStringLiteral("Pune")}});
            }
            Database::close(name);
        });
        saver->start();
        QTRY_VERIFY(started.load());
        if (db.engine() == Engine::Postgres) {
            // Until the other transaction ends, the save waits for the row's lock.
            QTRY_VERIFY(TestSql::scalar(db.db(),
                                        QStringLiteral("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = "
                                                       "current_database() AND wait_event_type = 'Lock'"),
                                        {})
                            .toInt() > 0);
        }
        QVERIFY_SQL(hold, exec(QStringLiteral("COMMIT")));
        QVERIFY(saver->wait(30000));
        delete saver;
        QVERIFY2(openError.isEmpty(), qPrintable(openError));

        QCOMPARE(int(result.status), int(WriteResult::Status::Conflict));
        QVERIFY2(result.message.contains(QStringLiteral("CityX")), qPrintable(result.message));
        QCOMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 2000"), {}).toString(),
                 QStringLiteral("CityX"));
        // Overwrite, chosen after seeing their change, writes.
        const auto again = WriteService::update(db.db(), spec("users"), loaded,
                                                {{QStringLiteral("city"), QStringLiteral("Pune")}}, true);
        QVERIFY2(again.ok(), qPrintable(again.message));
        QCOMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 2000"), {}).toString(),
                 QStringLiteral("Pune"));
    }

    void workflowColumnsAreRefusedWithTheWorkflowsName()
    {
        SEEDED_DATABASE(db);
        const QString before = fingerprint(db.db());
        struct Case
        {
            const char* table;
            QVariant key;
            const char* column;
            QString value;
            const char* workflow;
        };
        const QList<Case> cases{{"payments", 1, "status", QStringLiteral("REFUNDED"), "Refund"},
                                {"payments", 1, "amount", QStringLiteral("1.00"), "Record payment"},
                                {"orders", 1, "status", QStringLiteral("PAID"), "Record payment"},
                                {"orders", 1, "amount", QStringLiteral("1.00"), "Record payment"},
                                {"enrollments", 1, "status", QStringLiteral("SUSPENDED"), "Suspend"}};
        for (const Case& c : cases) {
            const RowSnapshot loaded = RowSnapshot::load(db.db(), spec(c.table), c.key);
            QVERIFY(loaded.exists());
            // A form's save (RowWriter) and a batch (import, bulk edit) both meet the rule.
            const auto form =
                RowWriter::update(db.db(), spec(c.table), loaded, {{QString::fromLatin1(c.column), c.value}}, false);
            QCOMPARE(int(form.status), int(WriteResult::Status::Refused));
            QCOMPARE(form.column, QString::fromLatin1(c.column));
            QVERIFY2(form.message.contains(QString::fromLatin1(c.workflow)), qPrintable(form.message));
            WriteBatch batch;
            batch.update(QString::fromLatin1(c.table), c.key, {{QString::fromLatin1(c.column), c.value}});
            QCOMPARE(int(WriteService::apply(db.db(), batch).status), int(WriteResult::Status::Refused));
        }
        QCOMPARE(fingerprint(db.db()), before);
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log")), 0);

        // The grid does not even open an editor on them, and says why.
        WindowedTableModel grid(spec("payments"), db.connectionName());
        QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(grid.waitForRows(0, 0));
        const QModelIndex status = grid.index(0, spec("payments").indexOf(QStringLiteral("status")));
        QVERIFY(!(grid.flags(status) & Qt::ItemIsEditable));
        QVERIFY(!grid.setData(status, QStringLiteral("REFUNDED")));
        QVERIFY2(status.data(Qt::ToolTipRole).toString().contains(QStringLiteral("Refund")),
                 qPrintable(status.data(Qt::ToolTipRole).toString()));
        const QModelIndex method = grid.index(0, spec("payments").indexOf(QStringLiteral("payment_method")));
        QVERIFY(grid.flags(method) & Qt::ItemIsEditable);
    }

    void refundedPaymentsAndCancelledOrdersAreReadOnly()
    {
        SEEDED_DATABASE(db);
        QVERIFY(PaymentService::refund(db.db(), 1, QStringLiteral("Customer request")).ok);
        const RowSnapshot payment = RowSnapshot::load(db.db(), spec("payments"), 1);
        const auto r = RowWriter::update(db.db(), spec("payments"), payment,
                                         {{QStringLiteral("payment_method"), QStringLiteral("card")}}, false);
        QCOMPARE(int(r.status), int(WriteResult::Status::Refused));
        QVERIFY2(r.message.contains(QStringLiteral("refunded payment")), qPrintable(r.message));
        const RowSnapshot order = RowSnapshot::load(db.db(), spec("orders"), 2);
        const auto o = RowWriter::update(db.db(), spec("orders"), order,
                                         {{QStringLiteral("razorpay_order_id"), QStringLiteral("order_X")}}, false);
        QCOMPARE(int(o.status), int(WriteResult::Status::Refused));
        QVERIFY2(o.message.contains(QStringLiteral("cancelled order")), qPrintable(o.message));

        WindowedTableModel grid(spec("payments"), db.connectionName());
        QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(grid.waitForRows(0, 0));
        QCOMPARE(grid.keyAt(0).toInt(), 1);
        QVERIFY(!(grid.flags(grid.index(0, spec("payments").indexOf(QStringLiteral("payment_method")))) &
                  Qt::ItemIsEditable));
        QVERIFY(!grid.readOnlyReason(0).isEmpty());
    }

    void gridEditIsAudited()
    {
        SEEDED_DATABASE(db);
        WindowedTableModel grid(spec("users"), db.connectionName());
        QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(grid.waitForRows(0, 2));
        const int row = grid.loadedRowOf(1);
        QVERIFY(row >= 0);
        QVERIFY(grid.setData(grid.index(row, spec("users").indexOf(QStringLiteral("city"))), QStringLiteral("Nashik")));
        QVERIFY2(grid.submitAll(), qPrintable(grid.lastError()));
        const auto audit = auditOf(db.db(), QStringLiteral("users"), 1);
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().action, QStringLiteral("update"));
        QVERIFY(audit.first().reason.isEmpty());
        const QString dbUser = db.engine() == Engine::Postgres ? db.url().user : QStringLiteral("sqlite");
        QCOMPARE(audit.first().actor, QStringLiteral("%1 (%2)").arg(dbUser, osUser()));
        QCOMPARE(audit.first().changes.size(), 1);
        QCOMPARE(audit.first().change(QStringLiteral("city")),
                 beforeAfter(QStringLiteral("city"), QStringLiteral("Pune"), QStringLiteral("Nashik")));
    }

    void formEditAndPasswordAreAudited()
    {
        SEEDED_DATABASE(db);
        const RowSnapshot loaded = RowSnapshot::load(db.db(), spec("users"), 2);
        const QString oldPhone = loaded.value(QStringLiteral("phone"));
        const auto r = UserService::update(db.db(), loaded,
                                           {{QStringLiteral("phone"), QStringLiteral("9876500000")},
                                            {QStringLiteral("city"), loaded.value(QStringLiteral("city"))}},
                                           false);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QVERIFY(UserService::resetPassword(db.db(), 2, QStringLiteral("a-long-new-passphrase")).ok);
        const auto audit = auditOf(db.db(), QStringLiteral("users"), 2);
        QCOMPARE(audit.size(), 2);
        QCOMPARE(audit.at(0).changes.size(), 1); // the unchanged city is not logged
        QCOMPARE(audit.at(0).change(QStringLiteral("phone")),
                 beforeAfter(QStringLiteral("phone"), oldPhone, QStringLiteral("9876500000")));
        const QJsonObject password = audit.at(1).change(QStringLiteral("password"));
        QCOMPARE(password.value(QStringLiteral("note")).toString(), QStringLiteral("password changed"));
        QVERIFY(!password.contains(QStringLiteral("before")) && !password.contains(QStringLiteral("after")));
        const QString details =
            TestSql::scalar(db.db(),
                            QStringLiteral("SELECT details FROM coursedesk_audit_log WHERE "
                                           "table_name = 'users' AND row_key = '2' ORDER BY id DESC"),
                            {})
                .toString();
        QVERIFY2(!details.contains(QStringLiteral("$2")), qPrintable(details)); // no bcrypt hash
    }

    void detailListEditIsAudited()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel features(spec("course_features"), db.db());
        QAbstractItemModelTester tester(&features, QAbstractItemModelTester::FailureReportingMode::QtTest);
        features.setFixedFilter(QStringLiteral("course_id"), QStringLiteral("starter-track"));
        QVERIFY(features.select());
        QVERIFY(features.rowCount() > 0);
        const int column = features.columnOf(QStringLiteral("feature"));
        const QVariant key = features.keyValue(0);
        const QString old = features.index(0, column).data(Qt::EditRole).toString();
        QVERIFY(features.setData(features.index(0, column), QStringLiteral("Weekly live Q&A")));
        const int added = features.rowCount();
        QVERIFY(features.insertRows(added, 1));
        QVERIFY(features.setData(features.index(added, features.columnOf(QStringLiteral("course_id"))),
                                 QStringLiteral("starter-track")));
        QVERIFY(features.setData(features.index(added, column), QStringLiteral("Seller forum")));
        QVERIFY2(features.save(), qPrintable(features.saveFailure().text()));
        const auto edited = auditOf(db.db(), QStringLiteral("course_features"), key);
        QCOMPARE(edited.size(), 1);
        QCOMPARE(edited.first().action, QStringLiteral("update"));
        QCOMPARE(edited.first().change(QStringLiteral("feature")),
                 beforeAfter(QStringLiteral("feature"), old, QStringLiteral("Weekly live Q&A")));
        const QVariant newKey = TestSql::scalar(
            db.db(), QStringLiteral("SELECT id FROM course_features WHERE feature = 'Seller forum'"), {});
        const auto inserted = auditOf(db.db(), QStringLiteral("course_features"), newKey);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(inserted.first().action, QStringLiteral("insert"));
        QVERIFY(inserted.first().change(QStringLiteral("feature")).value(QStringLiteral("before")).isNull());
        QCOMPARE(inserted.first().change(QStringLiteral("feature")).value(QStringLiteral("after")).toString(),
                 QStringLiteral("Seller forum"));
    }

    void workflowIsAuditedPerRow()
    {
        SEEDED_DATABASE(db);
        QVERIFY(PaymentService::refund(db.db(), 1, QStringLiteral("Customer request")).ok);
        const struct
        {
            const char* table;
            int key;
            const char* before;
            const char* after;
        } expected[] = {{"payments", 1, "COMPLETED", "REFUNDED"},
                        {"orders", 2, "PAID", "CANCELLED"},
                        {"enrollments", 1, "ACTIVE", "CANCELLED"}};
        for (const auto& e : expected) {
            const auto audit = auditOf(db.db(), QString::fromLatin1(e.table), e.key);
            QCOMPARE(audit.size(), 1);
            QCOMPARE(audit.first().action, QStringLiteral("refund"));
            QCOMPARE(audit.first().reason, QStringLiteral("Customer request"));
            QCOMPARE(
                audit.first().change(QStringLiteral("status")),
                beforeAfter(QStringLiteral("status"), QString::fromLatin1(e.before), QString::fromLatin1(e.after)));
        }
    }

    // A row saved from a form shows in the grid as soon as the grid reads itself again.
    void savedNewRowShowsAtOnce()
    {
        SEEDED_DATABASE(db);
        WindowedTableModel grid(spec("users"), db.connectionName());
        QAbstractItemModelTester tester(&grid, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(grid.waitForCount());
        QVERIFY(grid.waitForRows(0, grid.rowCount() - 1));
        const int before = grid.rowCount();
        const auto r = WriteService::insert(db.db(), spec("users"),
                                            {{QStringLiteral("first_name"), QStringLiteral("Meera")},
                                             {QStringLiteral("last_name"), QStringLiteral("Iyer")},
                                             {QStringLiteral("email"), QStringLiteral("meera@example.in")},
                                             {QStringLiteral("password"), QStringLiteral("$2a$10$x")},
                                             {QStringLiteral("phone"), QStringLiteral("9123456780")},
                                             {QStringLiteral("address"), QStringLiteral("4 Beach Rd")},
                                             {QStringLiteral("city"), QStringLiteral("Chennai")},
                                             {QStringLiteral("state"), QStringLiteral("Tamil Nadu")},
                                             {QStringLiteral("pincode"), QStringLiteral("600001")},
                                             {QStringLiteral("role"), QStringLiteral("USER")}});
        QVERIFY2(r.ok(), qPrintable(r.message));
        grid.refresh();
        QTRY_COMPARE(grid.rowCount(), before + 1);
        // Every row, the new one and the one it pushed down, shows its values (a view asking for
        // a placeholder row makes the model fetch it), without a reload.
        const auto placeholders = [&grid] {
            int n = 0;
            for (int i = 0; i < grid.rowCount(); ++i) {
                n += grid.index(i, 1).data().toString() == QStringLiteral("\u2026") ? 1 : 0;
            }
            return n;
        };
        QTRY_COMPARE(placeholders(), 0);
        const int row = grid.loadedRowOf(r.key);
        QVERIFY(row >= 0);
        QCOMPARE(grid.index(row, spec("users").indexOf(QStringLiteral("email"))).data().toString(),
                 QStringLiteral("meera@example.in"));
    }

    void recordPaymentCompletesThePendingPayment()
    {
        SEEDED_DATABASE(db);
        // Order 1 awaits payment; the checkout left a PENDING payment behind.
        QVERIFY(db.exec(QStringLiteral("INSERT INTO payments (order_id, amount, status, created_at, updated_at) "
                                       "VALUES (1, 5999.00, 'PENDING', '2026-01-01 00:00:00.000', "
                                       "'2026-01-01 00:00:00.000')")));
        const QVariant pending =
            TestSql::scalar(db.db(), QStringLiteral("SELECT id FROM payments WHERE order_id = 1"), {});
        PaymentService::PaymentInput input;
        input.orderId = 1;
        input.amountMinor = 599900;
        input.paymentMethod = QStringLiteral("upi");
        input.razorpayPaymentId = QStringLiteral("pay_PENDING1");
        input.paymentDate = QDateTime(QDate(2026, 2, 3), QTime(10, 30), QTimeZone::utc());
        const auto r = PaymentService::recordPayment(db.db(), input);
        QVERIFY2(r.ok, qPrintable(r.message));
        QCOMPARE(r.key.toString(), pending.toString());
        QCOMPARE(count(db.db(), QStringLiteral("payments"), QStringLiteral("order_id = 1")), 1);
        QSqlQuery q(db.db());
        QVERIFY_SQL(q, exec(QStringLiteral("SELECT status, razorpay_payment_id, payment_method, payment_date "
                                           "FROM payments WHERE order_id = 1")));
        QVERIFY(q.next());
        QCOMPARE(q.value(0).toString(), QStringLiteral("COMPLETED"));
        QCOMPARE(q.value(1).toString(), QStringLiteral("pay_PENDING1"));
        QCOMPARE(q.value(2).toString(), QStringLiteral("upi"));
        QCOMPARE(SqlTime::forConnection(db.db()).fromDb(q.value(3)), input.paymentDate);
        QCOMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT status FROM orders WHERE id = 1"), {}).toString(),
                 QStringLiteral("PAID"));
        const auto audit = auditOf(db.db(), QStringLiteral("payments"), pending);
        QCOMPARE(audit.size(), 1);
        QCOMPARE(audit.first().action, QStringLiteral("record_payment"));
        QCOMPARE(audit.first().change(QStringLiteral("status")),
                 beforeAfter(QStringLiteral("status"), QStringLiteral("PENDING"), QStringLiteral("COMPLETED")));
        QCOMPARE(auditOf(db.db(), QStringLiteral("orders"), 1).size(), 1);
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"),
                       QStringLiteral("action = 'record_payment' AND table_name = 'enrollments'")),
                 1);
    }
};

QTEST_MAIN(TestWriteService)
#include "tst_writeservice.moc"
