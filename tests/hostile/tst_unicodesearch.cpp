// Searches count characters, not UTF-16 units, on both engines: a search that ends in a character
// outside the Basic Multilingual Plane (😀, two UTF-16 units, one character for substr()) finds its
// rows in the page search, the relation picker and the payments review; combining characters are
// matched as typed (e + U+0301 is not é: no normalisation happens anywhere).
#include "ReconciliationFixture.h"
#include "TestEngines.h"
#include "domain/TableSpec.h"
#include "models/windowed/WindowedTableModel.h"
#include "reports/PaymentsQuery.h"
#include "services/RelationLookup.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {
const QString grin = QString::fromUtf8("\xF0\x9F\x98\x80");                               // 😀
const QString family = QString::fromUtf8("\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"); // 👩‍👧
const QString acute = QString(QChar(0x0301));

QStringList keysFor(WindowedTableModel& model, const QString& search)
{
    model.setSearchText(search);
    if (!model.waitForCount(20000) || (model.rowCount() > 0 && !model.waitForRows(0, model.rowCount() - 1))) {
        return {QStringLiteral("timeout")};
    }
    QStringList keys;
    for (int row = 0; row < model.rowCount(); ++row) {
        keys << model.data(model.index(row, 0), WindowedTableModel::KeyRole).toString();
    }
    keys.sort();
    return keys;
}
} // namespace

class TestUnicodeSearch : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void searchesEndingOutsideTheBmpFindTheirRows()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        const QString sql =
            QStringLiteral(
                "INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('emoji-club', 'Club %1 "
                "rocks', '1 Day', 1.00, 2.00, 'Beginner');\n"
                "INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('family-club', '%2 "
                "family', "
                "'1 Day', 1.00, 2.00, 'Beginner');\n"
                "INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('ecole', 'e%3cole', '1 "
                "Day', 1.00, 2.00, 'Beginner');\n"
                "INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (60, "
                "'ORD%1X', 1, 'emoji-club', 1.00, 'INR', 'PAID');\n"
                "INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (60, 60, 'pay_%1', "
                "1.00, 'COMPLETED');\n")
                .arg(grin, family, acute);
        QVERIFY2(db.exec(sql), qPrintable(db.error()));

        WindowedTableModel courses(*TableSpec::forTable(QStringLiteral("courses")), db.connectionName());
        QAbstractItemModelTester tester(&courses, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(keysFor(courses, QStringLiteral("club ") + grin), QStringList{QStringLiteral("emoji-club")});
        QCOMPARE(keysFor(courses, QStringLiteral("Club ") + grin + QStringLiteral(" r")),
                 QStringList{QStringLiteral("emoji-club")});
        QCOMPARE(keysFor(courses, family), QStringList{QStringLiteral("family-club")});
        // A prefix that ends inside the ZWJ sequence: U+1F469 then U+200D.
        QCOMPARE(keysFor(courses, family.left(3)), QStringList{QStringLiteral("family-club")});
        QCOMPARE(keysFor(courses, QStringLiteral("club ") + grin + grin), QStringList());
        QCOMPARE(keysFor(courses, QStringLiteral("e") + acute), QStringList{QStringLiteral("ecole")});
        QCOMPARE(keysFor(courses, QString(QChar(0x00E9))), QStringList()); // precomposed é: not the same text

        WindowedTableModel orders(*TableSpec::forTable(QStringLiteral("orders")), db.connectionName());
        QAbstractItemModelTester ordersTester(&orders, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(keysFor(orders, QStringLiteral("ORD") + grin), QStringList{QStringLiteral("60")});

        // The course picker's type-ahead (orders.course_id shows the course name).
        const TableSpec& orderSpec = *TableSpec::forTable(QStringLiteral("orders"));
        const ColumnSpec& course = orderSpec.columns.at(orderSpec.indexOf(QStringLiteral("course_id")));
        QString error;
        const auto matches = RelationLookup::firstMatches(db.db(), course, QStringLiteral("club ") + grin, 20, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(matches.size(), 1);
        QCOMPARE(matches.first().key.toString(), QStringLiteral("emoji-club"));

        // The payments review: by Razorpay payment id and by order number.
        for (const QString& search : {QStringLiteral("pay_") + grin, QStringLiteral("ORD") + grin}) {
            PaymentsFilter filter;
            filter.search = search;
            const auto rows = PaymentsQuery(db.db()).page(filter, PaymentsQuery::Id, Qt::AscendingOrder, 0, 50, &error);
            QVERIFY2(rows, qPrintable(error));
            QCOMPARE(rows->size(), 1);
            QCOMPARE(rows->first().id, 60);
        }
        // Before, a prefix without a successor matched everything at or after it.
        PaymentsFilter none;
        none.search = QStringLiteral("pay_") + grin + grin;
        const auto rows = PaymentsQuery(db.db()).page(none, PaymentsQuery::Id, Qt::AscendingOrder, 0, 50, &error);
        QVERIFY2(rows, qPrintable(error));
        QCOMPARE(rows->size(), 0);
    }
};

QTEST_MAIN(TestUnicodeSearch)
#include "tst_unicodesearch.moc"
