#include "TestEngines.h"
#include "TestSql.h"
#include "db/SqlTime.h"
#include "domain/RowValidator.h"
#include "models/PlatformTableModel.h"
#include "money/Money.h"

#include <QAbstractItemModelTester>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTest>

namespace {
const char* seedSql = R"(
INSERT INTO courses (id, name, description, duration, fee, original_price, level) VALUES ('starter-track', 'Starter Track', 'New sellers', '45 Days', 5999.00, 7999.00, 'Beginner');
INSERT INTO courses (id, name, description, duration, fee, original_price, level) VALUES ('growth-track', 'Growth Track', 'Scaling', '60 Days', 9999.00, 12999.00, 'Intermediate');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, created_at, updated_at) VALUES (1, 'Asha', 'Rao', 'asha@example.in', '$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE', '9876543210', '12 MG Road', 'Pune', 'Maharashtra', '411001', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, created_at, updated_at) VALUES (2, 'Liam', 'O''Brien', 'liam@example.in', '$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE', '8876543210', '5 Park St', 'Kolkata', 'West Bengal', '700016', '2026-01-02 00:00:00', '2026-01-02 00:00:00');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, created_at, updated_at) VALUES (3, 'Zoya', '100% Khan', 'zoya@example.in', '$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE', '7876543210', '9 Hill Rd', 'Mumbai', 'Maharashtra', '400050', '2026-01-03 00:00:00', '2026-01-03 00:00:00');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, created_at, updated_at) VALUES (1, 'ORD1700000000001', 1, 'starter-track', 5999.00, 'INR', 'PAID', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, created_at, updated_at) VALUES (2, 'ORD1700000000002', 2, 'growth-track', 12.50, 'USD', 'CREATED', '2026-01-02 10:00:00', '2026-01-02 10:00:00');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, created_at, updated_at) VALUES (3, 'ORD1700000000003', 3, 'starter-track', 0.10, 'INR', 'REFUND_PENDING', '2026-01-03 18:29:59', '2026-01-03 18:29:59');
INSERT INTO payments (order_id, razorpay_payment_id, amount, status, payment_method) VALUES (1, 'pay_A1', 5999.00, 'COMPLETED', 'upi');
INSERT INTO payments (order_id, razorpay_payment_id, amount, status, payment_method) VALUES (2, 'pay_B2', 12.50, 'PENDING', 'card');
INSERT INTO enrollments (user_id, course_id, order_id, status) VALUES (1, 'starter-track', 1, 'ACTIVE');
)";

bool seed(TestDatabase& db)
{
    if (!db.exec(QString::fromUtf8(seedSql))) {
        return false;
    }
    if (db.engine() == Engine::Postgres) {
        return db.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('users', 'id'), 100);\n"
                                      "SELECT setval(pg_get_serial_sequence('orders', 'id'), 100);"));
    }
    return true;
}

int rowWhere(const PlatformTableModel& model, const QString& column, const QVariant& value)
{
    const int c = model.columnOf(column);
    for (int r = 0; r < model.rowCount(); ++r) {
        if (model.index(r, c).data(Qt::EditRole) == value || model.index(r, c).data().toString() == value.toString()) {
            return r;
        }
    }
    return -1;
}

using TestSql::scalar;

const TableSpec& spec(const char* table)
{
    return *TableSpec::forTable(QString::fromLatin1(table));
}
} // namespace

#define SEEDED_DATABASE(name)                                                                                          \
    TEST_DATABASE(name);                                                                                               \
    QVERIFY2(seed(name), qPrintable(name.error()))

class TestTableModel : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void showsRelationsMoneyTimestampsAndEnums()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel model(spec("orders"), db.db());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.matchingRowCount(), 3);
        // Newest first (created_at DESC).
        const int first = rowWhere(model, QStringLiteral("order_number"), QStringLiteral("ORD1700000000001"));
        QCOMPARE(first, 2);
        QCOMPARE(model.index(first, model.columnOf(QStringLiteral("user_id"))).data().toString(),
                 QStringLiteral("asha@example.in"));
        QCOMPARE(model.index(first, model.columnOf(QStringLiteral("course_id"))).data().toString(),
                 QStringLiteral("Starter Track"));
        QCOMPARE(model.index(first, model.columnOf(QStringLiteral("amount"))).data().toString(),
                 QString::fromUtf8("₹5,999.00"));
        QCOMPARE(model.index(first, model.columnOf(QStringLiteral("amount"))).data(Qt::EditRole).toString(),
                 QStringLiteral("5999.00"));
        QCOMPARE(model.index(first, model.columnOf(QStringLiteral("status"))).data().toString(),
                 QStringLiteral("Paid"));
        QCOMPARE(model.index(first, model.columnOf(QStringLiteral("status"))).data(Qt::EditRole).toString(),
                 QStringLiteral("PAID"));
        // Stored UTC, shown in Asia/Kolkata (+05:30).
        QCOMPARE(model.index(first, model.columnOf(QStringLiteral("created_at"))).data().toString(),
                 QStringLiteral("1 Jan 2026 05:30"));
        const int usd = rowWhere(model, QStringLiteral("order_number"), QStringLiteral("ORD1700000000002"));
        QCOMPARE(model.index(usd, model.columnOf(QStringLiteral("amount"))).data().toString(),
                 QStringLiteral("$12.50"));
        // A day boundary: 18:29:59 UTC is 23:59 the same day in India; 0.10 stays exact.
        const int third = rowWhere(model, QStringLiteral("order_number"), QStringLiteral("ORD1700000000003"));
        QCOMPARE(model.index(third, model.columnOf(QStringLiteral("created_at"))).data().toString(),
                 QStringLiteral("3 Jan 2026 23:59"));
        QCOMPARE(model.index(third, model.columnOf(QStringLiteral("amount"))).data().toString(),
                 QString::fromUtf8("₹0.10"));
    }

    void paymentsUseTheirOrdersCurrency()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel model(spec("payments"), db.db());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY2(model.select(), qPrintable(model.lastError().text()));
        const int usd = rowWhere(model, QStringLiteral("razorpay_payment_id"), QStringLiteral("pay_B2"));
        QVERIFY(usd >= 0);
        QCOMPARE(model.index(usd, model.columnOf(QStringLiteral("order_id"))).data().toString(),
                 QStringLiteral("ORD1700000000002"));
        QCOMPARE(model.index(usd, model.columnOf(QStringLiteral("amount"))).data().toString(),
                 QStringLiteral("$12.50"));
        const int inr = rowWhere(model, QStringLiteral("razorpay_payment_id"), QStringLiteral("pay_A1"));
        QCOMPARE(model.index(inr, model.columnOf(QStringLiteral("amount"))).data().toString(),
                 QString::fromUtf8("₹5,999.00"));
    }

    void unknownEnumValueIsFlagged()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel model(spec("orders"), db.db());
        QVERIFY(model.select());
        const int row = rowWhere(model, QStringLiteral("order_number"), QStringLiteral("ORD1700000000003"));
        const QModelIndex status = model.index(row, model.columnOf(QStringLiteral("status")));
        QCOMPARE(status.data().toString(), PlatformValues::unknownMarker() + QStringLiteral("REFUND_PENDING"));
        QVERIFY(status.data(PlatformTableModel::UnknownValueRole).toBool());
        QCOMPARE(status.data(Qt::ToolTipRole).toString(),
                 QStringLiteral("Unknown value: the platform's backend cannot read it"));
        // An order's status is the workflows' to change: not even a known value is taken in a cell.
        QVERIFY(!(model.flags(status) & Qt::ItemIsEditable));
        QVERIFY(!model.setData(status, QStringLiteral("REFUND_PENDING")));
        QVERIFY(!model.setData(status, QStringLiteral("CANCELLED")));
        QVERIFY(status.data(PlatformTableModel::UnknownValueRole).toBool());
        // On a column staff may edit, an unknown value is refused and a known one taken.
        PlatformTableModel users(spec("users"), db.db());
        QVERIFY(users.select());
        const QModelIndex role = users.index(0, users.columnOf(QStringLiteral("role")));
        QVERIFY(!users.setData(role, QStringLiteral("SUPERUSER")));
        QVERIFY(!users.setData(role, QStringLiteral("admin")));
        QVERIFY(users.setData(role, QStringLiteral("ADMIN")));
    }

    void passwordIsNeverExposed()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel model(spec("users"), db.db());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.select());
        QCOMPARE(model.record().indexOf(QStringLiteral("password")), -1);
        QCOMPARE(model.columnOf(QStringLiteral("password")), -1);
        QCOMPARE(model.rowCount(), 3);
        for (int c = 0; c < model.columnCount(); ++c) {
            QVERIFY(!model.headerData(c, Qt::Horizontal).toString().contains(QLatin1String("assword")));
            for (int r = 0; r < model.rowCount(); ++r) {
                for (int role : {int(Qt::DisplayRole), int(Qt::EditRole), int(Qt::ToolTipRole), int(Qt::UserRole),
                                 int(PlatformTableModel::CellStateRole)}) {
                    QVERIFY(!model.index(r, c).data(role).toString().contains(QLatin1String("SECRETHASH")));
                }
            }
            QVERIFY(!model.record(0).value(c).toString().contains(QLatin1String("SECRETHASH")));
        }
        // Editing a user writes neither the password nor anything about it.
        QVERIFY(model.setData(model.index(0, model.columnOf(QStringLiteral("city"))), QStringLiteral("Nagpur")));
        QVERIFY2(model.save(), qPrintable(model.saveFailure().text()));
        QCOMPARE(
            scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM users WHERE password LIKE '%SECRETHASH%'")).toInt(),
            3);
    }

    void searchIsBoundAndLiteral()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel users(spec("users"), db.db());
        QAbstractItemModelTester tester(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(users.select());
        users.setSearchText(QStringLiteral("o'brien"));
        QCOMPARE(users.rowCount(), 1);
        QCOMPARE(users.index(0, users.columnOf(QStringLiteral("email"))).data().toString(),
                 QStringLiteral("liam@example.in"));
        users.setSearchText(QStringLiteral("100%"));
        QCOMPARE(users.rowCount(), 1);
        users.setSearchText(QStringLiteral("%"));
        QCOMPARE(users.rowCount(), 1); // only Zoya's last name holds a literal %
        users.setSearchText(QStringLiteral("_"));
        QCOMPARE(users.rowCount(), 0);
        users.setSearchText(QStringLiteral("'; DROP TABLE users; --"));
        QCOMPARE(users.rowCount(), 0);
        QCOMPARE(users.matchingRowCount(), 0);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 3);
        users.setSearchText(QStringLiteral("ASHA"));
        QCOMPARE(users.rowCount(), 1);
        users.setSearchText(QString());
        QCOMPARE(users.rowCount(), 3);

        // Relation display columns are searchable too (relTblAl_<column>).
        PlatformTableModel orders(spec("orders"), db.db());
        QVERIFY(orders.select());
        orders.setSearchText(QStringLiteral("growth"));
        QCOMPARE(orders.rowCount(), 1);
        QCOMPARE(orders.index(0, orders.columnOf(QStringLiteral("user_id"))).data().toString(),
                 QStringLiteral("liam@example.in"));
        orders.setSearchText(QStringLiteral("asha@"));
        QCOMPARE(orders.rowCount(), 1);
        QCOMPARE(orders.matchingRowCount(), 1);
    }

    void sortsByHeader()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel orders(spec("orders"), db.db());
        QAbstractItemModelTester tester(&orders, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(orders.select());
        const int user = orders.columnOf(QStringLiteral("user_id"));
        orders.sort(user, Qt::AscendingOrder);
        QCOMPARE(orders.index(0, user).data().toString(), QStringLiteral("asha@example.in"));
        QCOMPARE(orders.index(2, user).data().toString(), QStringLiteral("zoya@example.in"));
        orders.sort(user, Qt::DescendingOrder);
        QCOMPARE(orders.index(0, user).data().toString(), QStringLiteral("zoya@example.in"));
        const int amount = orders.columnOf(QStringLiteral("amount"));
        orders.sort(amount, Qt::DescendingOrder);
        QCOMPARE(orders.index(0, amount).data(Qt::EditRole).toString(), QStringLiteral("5999.00"));
        // Sorting keeps the search.
        orders.setSearchText(QStringLiteral("starter"));
        orders.sort(amount, Qt::AscendingOrder);
        QCOMPARE(orders.rowCount(), 2);
        QCOMPARE(orders.index(0, amount).data(Qt::EditRole).toString(), QStringLiteral("0.10"));
    }

    void editAndSaveStampsUpdatedAt()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel orders(spec("orders"), db.db());
        QAbstractItemModelTester tester(&orders, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(orders.select());
        const int row = rowWhere(orders, QStringLiteral("order_number"), QStringLiteral("ORD1700000000002"));
        // Status and amount belong to the workflows; other columns are edited in place.
        QVERIFY(
            !orders.setData(orders.index(row, orders.columnOf(QStringLiteral("status"))), QStringLiteral("CANCELLED")));
        QVERIFY(
            !orders.setData(orders.index(row, orders.columnOf(QStringLiteral("amount"))), QStringLiteral("1,234.5")));
        QVERIFY(orders.setData(orders.index(row, orders.columnOf(QStringLiteral("razorpay_order_id"))),
                               QStringLiteral("order_EDITED01")));
        QVERIFY(orders.isRowDirty(row));
        QCOMPARE(orders.headerData(row, Qt::Vertical).toString(), QStringLiteral("*"));
        const QDateTime before = QDateTime::currentDateTimeUtc().addSecs(-2);
        QVERIFY2(orders.save(), qPrintable(orders.saveFailure().text()));
        QVERIFY(!orders.isDirty());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT razorpay_order_id FROM orders WHERE id = 2")).toString(),
                 QStringLiteral("order_EDITED01"));
        const QDateTime updated = SqlTime::forConnection(db.db()).fromDb(
            scalar(db.db(), QStringLiteral("SELECT updated_at FROM orders WHERE id = 2")));
        QVERIFY2(updated >= before && updated <= QDateTime::currentDateTimeUtc().addSecs(2),
                 qPrintable(updated.toString(Qt::ISODateWithMs)));
        // Untouched rows keep their updated_at.
        QCOMPARE(SqlTime::forConnection(db.db()).fromDb(
                     scalar(db.db(), QStringLiteral("SELECT updated_at FROM orders WHERE id = 1"))),
                 QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::utc()));
    }

    void insertSetsCreatedAndUpdatedAt()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel courses(spec("courses"), db.db());
        QAbstractItemModelTester tester(&courses, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(courses.select());
        QVERIFY(courses.insertRows(0, 1));
        auto set = [&](const char* column, const QVariant& value) {
            return courses.setData(courses.index(0, courses.columnOf(QString::fromLatin1(column))), value);
        };
        QVERIFY(set("id", QStringLiteral("pro-track")));
        QVERIFY(set("name", QStringLiteral("Pro Track")));
        QVERIFY(set("duration", QStringLiteral("90 Days")));
        QVERIFY(set("fee", QStringLiteral("15999")));
        QVERIFY(set("original_price", QStringLiteral("19999.00")));
        QVERIFY(set("level", QStringLiteral("Advanced")));
        QVERIFY2(courses.save(), qPrintable(courses.saveFailure().text()));
        QCOMPARE(scalar(db.db(), QStringLiteral(
                                     "SELECT COUNT(*) FROM courses WHERE id = 'pro-track' AND created_at = updated_at"))
                     .toInt(),
                 1);
        QCOMPARE(Money::minorFromSql(scalar(db.db(), QStringLiteral("SELECT fee FROM courses WHERE id = 'pro-track'"))),
                 std::optional<std::int64_t>(1599900));
    }

    void failedSaveKeepsEditsAndNamesRowAndField()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel users(spec("users"), db.db());
        QAbstractItemModelTester tester(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(users.select());
        // Newest first: Zoya (row 0), Liam (row 1), Asha (row 2).
        const int city = users.columnOf(QStringLiteral("city"));
        const int email = users.columnOf(QStringLiteral("email"));
        QVERIFY(users.setData(users.index(0, city), QStringLiteral("Thane")));
        QVERIFY(users.setData(users.index(1, email), QStringLiteral("asha@example.in")));
        QVERIFY(!users.save());
        const auto failure = users.saveFailure();
        QCOMPARE(failure.row, 1);
        QCOMPARE(failure.column, email);
        QCOMPARE(failure.field, QStringLiteral("Email"));
        QCOMPARE(failure.message, QStringLiteral("Email asha@example.in is already used by another user"));
        QVERIFY2(failure.text().startsWith(QStringLiteral("Row 2 (")), qPrintable(failure.text()));
        // Nothing was written (rolled back) and every edit is still there, still pending.
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 3")).toString(),
                 QStringLiteral("Mumbai"));
        QVERIFY(users.isDirty());
        QCOMPARE(users.index(0, city).data().toString(), QStringLiteral("Thane"));
        QCOMPARE(users.index(1, email).data().toString(), QStringLiteral("asha@example.in"));
        QVERIFY(users.isRowDirty(0));
        // Fixing the field and saving again writes both rows.
        QVERIFY(users.setData(users.index(1, email), QStringLiteral("liam.obrien@example.in")));
        QVERIFY2(users.save(), qPrintable(users.saveFailure().text()));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 3")).toString(),
                 QStringLiteral("Thane"));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT email FROM users WHERE id = 2")).toString(),
                 QStringLiteral("liam.obrien@example.in"));
    }

    void appRulesAreCheckedBeforeSaving()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel courses(spec("courses"), db.db());
        QVERIFY(courses.select());
        const int row = rowWhere(courses, QStringLiteral("id"), QStringLiteral("starter-track"));
        QVERIFY(courses.setData(courses.index(row, courses.columnOf(QStringLiteral("fee"))), QStringLiteral("9000")));
        QVERIFY(!courses.save());
        QCOMPARE(courses.saveFailure().message,
                 QString::fromUtf8("Fee ₹9,000.00 is above the original price ₹7,999.00"));
        QCOMPARE(courses.saveFailure().field, QStringLiteral("Fee"));
        QCOMPARE(courses.saveFailure().row, row);
        QVERIFY(courses.isDirty());

        PlatformTableModel users(spec("users"), db.db());
        QVERIFY(users.select());
        QVERIFY(users.setData(users.index(0, users.columnOf(QStringLiteral("phone"))), QStringLiteral("5123456789")));
        QVERIFY(!users.save());
        QCOMPARE(users.saveFailure().field, QStringLiteral("Phone"));
        QVERIFY(users.setData(users.index(0, users.columnOf(QStringLiteral("phone"))), QStringLiteral("9123456789")));
        QVERIFY(users.setData(users.index(0, users.columnOf(QStringLiteral("pincode"))), QStringLiteral("4000")));
        QVERIFY(!users.save());
        QCOMPARE(users.saveFailure().field, QStringLiteral("Pincode"));
        QVERIFY(users.setData(users.index(0, users.columnOf(QStringLiteral("pincode"))), QStringLiteral("400001")));
        QVERIFY(users.setData(users.index(0, users.columnOf(QStringLiteral("email"))), QStringLiteral("not-an-email")));
        QVERIFY(!users.save());
        QCOMPARE(users.saveFailure().field, QStringLiteral("Email"));

        QVERIFY(RowValidator::isValidCourseSlug(QStringLiteral("starter-track")));
        QVERIFY(!RowValidator::isValidCourseSlug(QStringLiteral("Starter Track")));
    }

    void refusedDeleteExplainsWhy()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel users(spec("users"), db.db());
        QAbstractItemModelTester tester(&users, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(users.select());
        const int asha = rowWhere(users, QStringLiteral("email"), QStringLiteral("asha@example.in"));
        QVERIFY(users.removeRows(asha, 1));
        QVERIFY(users.isDeletedRow(asha));
        QVERIFY(!users.save());
        QCOMPARE(users.saveFailure().row, asha);
        QCOMPARE(users.saveFailure().message,
                 QStringLiteral("This user has 1 order and 1 enrollment. They are part of the platform's records, so "
                                "the user cannot be deleted."));
        QVERIFY(users.isDeletedRow(asha));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM users")).toInt(), 3);
        users.revertAll();
        QVERIFY(!users.isDirty());
    }

    void notNullAndForeignKeyErrorsAreTranslated()
    {
        SEEDED_DATABASE(db);
        PlatformTableModel features(spec("course_features"), db.db());
        QAbstractItemModelTester tester(&features, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(features.select());
        QVERIFY(features.insertRows(0, 1));
        QVERIFY(
            features.setData(features.index(0, features.columnOf(QStringLiteral("feature"))), QStringLiteral("Live")));
        QVERIFY(!features.save());
        QCOMPARE(features.saveFailure().message, QStringLiteral("Course is required"));
        QVERIFY(features.setData(features.index(0, features.columnOf(QStringLiteral("course_id"))),
                                 QStringLiteral("growth-track")));
        QCOMPARE(features.index(0, features.columnOf(QStringLiteral("course_id"))).data().toString(),
                 QStringLiteral("Growth Track"));
        QVERIFY2(features.save(), qPrintable(features.saveFailure().text()));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT feature FROM course_features WHERE course_id = 'growth-track'"))
                     .toString(),
                 QStringLiteral("Live"));
    }

    void fixedFilterIsBound()
    {
        SEEDED_DATABASE(db);
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO course_marketplaces (course_id, marketplace) VALUES ('starter-track', 'Amazon.in');\n"
            "INSERT INTO course_marketplaces (course_id, marketplace) VALUES ('growth-track', 'Flipkart');")));
        PlatformTableModel markets(spec("course_marketplaces"), db.db());
        QAbstractItemModelTester tester(&markets, QAbstractItemModelTester::FailureReportingMode::QtTest);
        markets.setFixedFilter(QStringLiteral("course_id"), QStringLiteral("growth-track"));
        QVERIFY2(markets.select(), qPrintable(markets.lastError().text()));
        QCOMPARE(markets.rowCount(), 1);
        QCOMPARE(markets.index(0, markets.columnOf(QStringLiteral("marketplace"))).data().toString(),
                 QStringLiteral("Flipkart"));
        markets.setFixedFilter(QStringLiteral("course_id"), QStringLiteral("x' OR '1'='1"));
        QVERIFY(markets.select());
        QCOMPARE(markets.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestTableModel)
#include "tst_tablemodel.moc"
