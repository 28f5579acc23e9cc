// Damaged values on both engines: NaN, a blob, -0.001, 1e308, 12.345 and NULLs in required columns
// are reconciliation findings that name the row and the column; revenue and payment totals refuse
// to count them as 0; the grid flags them; a PENDING payment on a settled order is a finding; a
// missing table is named. The platform's own schema cannot hold most of these values, so each test
// first loosens its throwaway database the way a damaged or foreign-made copy would be.
#include "ReconciliationFixture.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "domain/TableSpec.h"
#include "models/windowed/WindowedTableModel.h"
#include "money/Money.h"
#include "reports/PaymentsQuery.h"
#include "reports/Reconciliation.h"
#include "reports/ReportCommand.h"
#include "reports/RevenueReport.h"

#include <QAbstractItemModelTester>
#include <QSqlQuery>
#include <QTest>

#include <cmath>

namespace {
// Drops NOT NULL from orders.amount / orders.status / payments.amount and, on PostgreSQL, the
// DECIMAL(10,2) type, so that every damaged value can be planted.
bool loosenSchema(TestDatabase& db)
{
    if (db.engine() == Engine::Postgres) {
        return db.exec(QStringLiteral("ALTER TABLE orders ALTER COLUMN amount DROP NOT NULL;\n"
                                      "ALTER TABLE orders ALTER COLUMN amount TYPE numeric;\n"
                                      "ALTER TABLE orders ALTER COLUMN status DROP NOT NULL;\n"
                                      "ALTER TABLE payments ALTER COLUMN amount TYPE numeric;\n"));
    }
    // SQLite cannot drop a constraint: rewrite the stored CREATE TABLE and bump the schema version
    // so the connection reloads it (a test file only).
    QSqlQuery q(db.db());
    if (!q.exec(QStringLiteral("PRAGMA schema_version")) || !q.next()) {
        return false;
    }
    const int version = q.value(0).toInt();
    q.finish();
    return db.exec(
        QStringLiteral("PRAGMA writable_schema = ON;\n"
                       "UPDATE sqlite_schema SET sql = replace(replace(sql, 'amount DECIMAL(10,2) NOT NULL', 'amount "
                       "DECIMAL(10,2)'), 'status VARCHAR(20) NOT NULL', 'status VARCHAR(20)') WHERE name = 'orders';\n"
                       "PRAGMA schema_version = %1;\n"
                       "PRAGMA writable_schema = OFF;\n")
            .arg(version + 1));
}

QString insertOrder(int id, const QString& amount, const QString& status)
{
    return QStringLiteral("INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) "
                          "VALUES (%1, 'DMG%1', 1, 'starter-track', %2, 'INR', %3);\n")
        .arg(id)
        .arg(amount, status);
}

QStringList describe(const QList<Finding>& findings, Finding::Kind kind)
{
    QStringList list;
    for (const Finding& f : findings) {
        if (f.kind == kind) {
            list << QStringLiteral("%1 %2: %3").arg(f.table, f.rowId, f.description);
        }
    }
    return list;
}
} // namespace

class TestDamagedValues : public QObject
{
    Q_OBJECT
private slots:
    void moneyNamesTheDamage_data()
    {
        QTest::addColumn<QVariant>("value");
        QTest::addColumn<QString>("damage");
        QTest::newRow("decimal text") << QVariant(QStringLiteral("5999.00")) << QString();
        QTest::newRow("integer") << QVariant(qlonglong(5999)) << QString();
        QTest::newRow("double") << QVariant(0.3) << QString();
        QTest::newRow("largest") << QVariant(QStringLiteral("99999999.99")) << QString();
        QTest::newRow("null") << QVariant() << QStringLiteral("is missing (NULL)");
        QTest::newRow("NaN text") << QVariant(QStringLiteral("NaN")) << QStringLiteral("is NaN (not a number)");
        QTest::newRow("NaN double") << QVariant(std::nan("")) << QStringLiteral("is NaN (not a number)");
        QTest::newRow("blob of digits") << QVariant(QByteArray("5999"))
                                        << QStringLiteral("is binary data (a blob of 4 bytes), not a number");
        QTest::newRow("word") << QVariant(QStringLiteral("abc")) << QStringLiteral("is not a number (\"abc\")");
        QTest::newRow("-0.001") << QVariant(-0.001)
                                << QStringLiteral("is below zero (-0.001; DECIMAL(10,2) holds 0.00 to 99999999.99)");
        QTest::newRow("1e308") << QVariant(1e308)
                               << QStringLiteral("is out of range (1e+308; DECIMAL(10,2) holds 0.00 to 99999999.99)");
        QTest::newRow("beyond the column")
            << QVariant(QStringLiteral("100000000.00"))
            << QStringLiteral("is out of range (100000000.00; DECIMAL(10,2) holds 0.00 to 99999999.99)");
        QTest::newRow("huge integer") << QVariant(qlonglong(9223372036854775807LL))
                                      << QStringLiteral("is out of range (9223372036854775807; DECIMAL(10,2) holds "
                                                        "0.00 to 99999999.99)");
        QTest::newRow("three decimals") << QVariant(QStringLiteral("12.345"))
                                        << QStringLiteral("has more than two decimals (12.345)");
    }

    void moneyNamesTheDamage()
    {
        QFETCH(QVariant, value);
        QFETCH(QString, damage);
        QCOMPARE(Money::sqlAmountDamage(value), damage);
        // A damaged value never reads as an amount (0 above all); a sound one reads exactly.
        QCOMPARE(Money::minorFromSql(value).has_value() && damage.isEmpty(), damage.isEmpty());
    }

    void initTestCase_data() { TestEngines::addRows(); }

    void damagedValuesAreFindingsNamingRowAndColumn()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        QVERIFY2(loosenSchema(db), qPrintable(db.error()));
        const bool pg = db.engine() == Engine::Postgres;
        QString sql =
            insertOrder(20, QStringLiteral("'NaN'"), QStringLiteral("'CREATED'")) +
            insertOrder(22, QStringLiteral("-0.001"), QStringLiteral("'CREATED'")) +
            insertOrder(23, QStringLiteral("1e308"), QStringLiteral("'CREATED'")) +
            insertOrder(24, QStringLiteral("NULL"), QStringLiteral("'CREATED'")) +
            insertOrder(25, QStringLiteral("10.00"), QStringLiteral("NULL")) +
            insertOrder(26, QStringLiteral("12.345"), QStringLiteral("'CREATED'")) +
            // A PAID order whose amount is NaN must not "match" a payment as 0.00 = 0.00.
            insertOrder(27, QStringLiteral("'NaN'"), QStringLiteral("'PAID'")) +
            QStringLiteral("INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (27, 1, "
                           "'growth-track', 27, 'ACTIVE');\n"
                           "INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES "
                           "(27, 27, 'pay_27', 0.00, 'COMPLETED');\n"
                           "INSERT INTO payments (id, order_id, amount, status) VALUES (30, 4, 'NaN', "
                           "'FAILED');\n");
        if (!pg) { // PostgreSQL has no blobs in a numeric column
            sql += insertOrder(21, QStringLiteral("X'35393939'"), QStringLiteral("'CREATED'"));
        }
        QVERIFY2(db.exec(sql), qPrintable(db.error()));

        QString error;
        const auto findings = Reconciliation(db.db()).run(&error);
        QVERIFY2(findings, qPrintable(error));
        const QStringList damaged = describe(*findings, Finding::Kind::DamagedValue);
        QStringList expected = {
            QStringLiteral("orders 20: orders.amount of row 20 is NaN (not a number)"),
            QStringLiteral("orders 22: orders.amount of row 22 is below zero"),
            QStringLiteral("orders 23: orders.amount of row 23 is out of range"),
            QStringLiteral("orders 24: orders.amount of row 24 is missing (NULL), but the platform requires a value"),
            QStringLiteral("orders 25: orders.status of row 25 is missing (NULL), but the platform requires a value"),
            QStringLiteral("orders 26: orders.amount of row 26 has more than two decimals (12.345)"),
            QStringLiteral("orders 27: orders.amount of row 27 is NaN (not a number)"),
            QStringLiteral("payments 30: payments.amount of row 30 is NaN (not a number)"),
        };
        if (!pg) {
            expected.insert(1, QStringLiteral("orders 21: orders.amount of row 21 is binary data (a blob of 4 bytes), "
                                              "not a number"));
        }
        QVERIFY2(damaged.size() == expected.size(), qPrintable(damaged.join(QLatin1Char('\n'))));
        for (qsizetype i = 0; i < expected.size(); ++i) {
            QVERIFY2(damaged.at(i).startsWith(expected.at(i)), qPrintable(damaged.at(i) + " vs " + expected.at(i)));
        }
        // Order 27's NaN is not compared as 0.00 with its 0.00 payment: only the damage is reported.
        for (const Finding& f : *findings) {
            QVERIFY2(f.kind != Finding::Kind::PaymentAmountMismatch, qPrintable(f.description));
        }
    }

    void revenueAndTotalsRefuseDamagedAmounts()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        QVERIFY2(loosenSchema(db), qPrintable(db.error()));
        // Two captured payments of 1e308: "integer overflow" on SQLite, "bigint out of range" on
        // PostgreSQL before; and a NaN, summed as 0 on SQLite before.
        QVERIFY2(db.exec(QStringLiteral(
                     "INSERT INTO payments (id, order_id, amount, status, payment_date) VALUES (40, 4, 1e308, "
                     "'COMPLETED', '2024-01-10 10:00:00');\n"
                     "INSERT INTO payments (id, order_id, amount, status, payment_date) VALUES (41, 4, 1e308, "
                     "'COMPLETED', '2024-01-11 10:00:00');\n"
                     "INSERT INTO payments (id, order_id, amount, status, payment_date) VALUES (42, 4, 'NaN', "
                     "'COMPLETED', '2024-02-11 10:00:00');\n")),
                 qPrintable(db.error()));
        for (const QDate from : {QDate(2024, 1, 1), QDate(2024, 2, 1)}) {
            RevenueFilter filter;
            filter.from = from;
            filter.to = from.addMonths(1);
            filter.granularity = Granularity::Day;
            QString error;
            QVERIFY(!RevenueReport(db.db()).run(filter, &error));
            QVERIFY2(error.contains(QStringLiteral("damaged")) && error.contains(QStringLiteral("Nothing was written")),
                     qPrintable(error));
            QVERIFY2(!error.contains(QStringLiteral("Unable to fetch row")), qPrintable(error));
        }
        PaymentsFilter all;
        QString error;
        QVERIFY(!PaymentsQuery(db.db()).totals(all, &error));
        QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(error));
        // The rows still list, each damaged amount marked rather than shown as 0.
        const auto rows = PaymentsQuery(db.db()).page(all, PaymentsQuery::Amount, Qt::AscendingOrder, 0, 100, &error);
        QVERIFY2(rows, qPrintable(error));
        int damagedRows = 0;
        for (const PaymentRow& r : *rows) {
            damagedRows += r.amountDamaged ? 1 : 0;
            QCOMPARE(r.amountDamaged, r.id >= 40);
        }
        QCOMPARE(damagedRows, 3);
    }

    // The orders of the period, by status, with their amounts: a damaged order amount makes the
    // report refuse (SQLite groups these rows in C++, PostgreSQL in SQL); a NULL one counts as 0.
    void ordersOfThePeriodRefuseADamagedAmount()
    {
        const QDate today = QDate::currentDate();
        for (const QString& amount : {QStringLiteral("1e308"), QStringLiteral("12.345"), QStringLiteral("-0.001"),
                                      QStringLiteral("'NaN'"), QStringLiteral("NULL")}) {
            TEST_DATABASE(db);
            QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
            QVERIFY2(loosenSchema(db), qPrintable(db.error()));
            RevenueFilter filter;
            filter.from = QDate(today.year(), today.month(), 1).addMonths(-1);
            filter.to = filter.from.addMonths(3);
            filter.granularity = Granularity::Month;
            filter.currency = QStringLiteral("INR");
            filter.userZone = QTimeZone::utc();
            auto created = [&](const RevenueResult& r) {
                for (const StatusCount& s : r.currencies.value(QStringLiteral("INR")).orderStatuses) {
                    if (s.status == QLatin1String("CREATED")) {
                        return qMakePair(s.orders, s.amountMinor);
                    }
                }
                return qMakePair(qint64(0), qint64(0));
            };
            QString error;
            const auto before = RevenueReport(db.db()).run(filter, &error);
            QVERIFY2(before, qPrintable(error));
            // created_at: now, so the orders are in this period.
            QVERIFY2(db.exec(insertOrder(30, amount, QStringLiteral("'CREATED'")) +
                             insertOrder(31, QStringLiteral("10.50"), QStringLiteral("'CREATED'"))),
                     qPrintable(db.error()));
            const auto result = RevenueReport(db.db()).run(filter, &error);
            if (amount == QLatin1String("NULL")) {
                QVERIFY2(result, qPrintable(error));
                QCOMPARE(created(*result).first, created(*before).first + 2);
                QCOMPARE(created(*result).second, created(*before).second + 1050);
            } else {
                QVERIFY2(!result, qPrintable(amount));
                QVERIFY2(error.contains(QStringLiteral("damaged")), qPrintable(amount + QStringLiteral(": ") + error));
            }
        }
    }

    void pendingPaymentOnSettledOrderIsAFinding()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        QVERIFY2(db.exec(QStringLiteral(
                     "INSERT INTO payments (id, order_id, amount, status) VALUES (50, 1, 5999.00, 'PENDING');\n"
                     "INSERT INTO payments (id, order_id, amount, status) VALUES (51, 5, 0.30, 'PENDING');\n"
                     // CREATED order 4 waiting for its payment: that is what PENDING is for.
                     "INSERT INTO payments (id, order_id, amount, status) VALUES (52, 4, 9999.00, 'PENDING');\n")),
                 qPrintable(db.error()));
        QString error;
        const auto findings = Reconciliation(db.db()).run(&error);
        QVERIFY2(findings, qPrintable(error));
        QStringList all;
        for (const Finding& f : *findings) {
            all << QStringLiteral("%1 %2 %3").arg(Finding::kindName(f.kind), f.table, f.rowId);
        }
        QCOMPARE(all, (QStringList{QStringLiteral("pending-payment-on-settled-order payments 50"),
                                   QStringLiteral("pending-payment-on-settled-order payments 51")}));
        QCOMPARE(findings->at(0).description,
                 QStringLiteral("Payment 50 is still PENDING but order ORD1 (id 1) is PAID"));
        QCOMPARE(findings->at(1).description,
                 QStringLiteral("Payment 51 is still PENDING but order ORD5 (id 5) is CANCELLED"));
    }

    void missingTableIsNamed()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        QVERIFY2(db.exec(db.engine() == Engine::Postgres ? QStringLiteral("DROP TABLE enrollments CASCADE;\n")
                                                         : QStringLiteral("DROP TABLE enrollments;\n")),
                 qPrintable(db.error()));
        QString error;
        QVERIFY(!Reconciliation(db.db()).run(&error));
        QVERIFY2(error.startsWith(QStringLiteral("The table \"enrollments\" is missing from this database")),
                 qPrintable(error));
        QVERIFY2(error.endsWith(QStringLiteral("Nothing was written.")), qPrintable(error));
    }

    void gridFlagsDamagedCells()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        QVERIFY2(loosenSchema(db), qPrintable(db.error()));
        QVERIFY2(db.exec(insertOrder(20, QStringLiteral("'NaN'"), QStringLiteral("'CREATED'")) +
                         insertOrder(22, QStringLiteral("-0.001"), QStringLiteral("'CREATED'")) +
                         insertOrder(25, QStringLiteral("10.00"), QStringLiteral("NULL"))),
                 qPrintable(db.error()));
        WindowedTableModel model(*TableSpec::forTable(QStringLiteral("orders")), db.connectionName());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.waitForCount());
        QVERIFY(model.waitForRows(0, model.rowCount() - 1));
        const int amount = model.fieldIndex(QStringLiteral("amount"));
        const int status = model.fieldIndex(QStringLiteral("status"));
        QHash<qint64, int> rowOf;
        for (int row = 0; row < model.rowCount(); ++row) {
            rowOf.insert(model.data(model.index(row, 0), WindowedTableModel::KeyRole).toLongLong(), row);
        }
        QVERIFY(rowOf.contains(20) && rowOf.contains(22) && rowOf.contains(25) && rowOf.contains(1));
        auto flagged = [&](qint64 id, int column) {
            return model.data(model.index(rowOf.value(id), column), WindowedTableModel::UnknownValueRole).toBool();
        };
        auto tip = [&](qint64 id, int column) {
            return model.data(model.index(rowOf.value(id), column), Qt::ToolTipRole).toString();
        };
        QVERIFY(flagged(20, amount));
        QVERIFY2(tip(20, amount).contains(QStringLiteral("NaN")), qPrintable(tip(20, amount)));
        QVERIFY(flagged(22, amount));
        QVERIFY2(tip(22, amount).contains(QStringLiteral("below zero")), qPrintable(tip(22, amount)));
        QVERIFY(flagged(25, status));
        QCOMPARE(model.data(model.index(rowOf.value(25), status)).toString(), QStringLiteral("(missing)"));
        QVERIFY2(tip(25, status).startsWith(QStringLiteral("Missing value")), qPrintable(tip(25, status)));
        QVERIFY(!flagged(1, amount));
        QVERIFY(!flagged(1, status));
    }
};

QTEST_MAIN(TestDamagedValues)
#include "tst_damagedvalues.moc"
