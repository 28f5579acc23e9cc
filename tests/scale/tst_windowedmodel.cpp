// WindowedTableModel on a generated 50k-order dataset, both engines: the rows it shows are exactly
// the rows, in exactly the order, that the plain SQL query returns (start, middle, end; every sort
// column and direction; with filters), edits land on the right row, and the model is well-formed.
#include "GeneratedDatasets.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "models/windowed/WindowedTableModel.h"
#include "money/Money.h"

#include <QAbstractItemModelTester>
#include <QLocale>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <map>
#include <memory>

namespace {
DatasetSizes testSizes()
{
    DatasetSizes sizes;
    sizes.users = 20000;
    sizes.courses = 50;
    sizes.orders = 50000;
    return sizes;
}

// Written independently of WindowedQuery: the ORDER BY a person would write by hand, LIKE
// instead of ranges, OFFSET instead of keysets.
QString referenceExpression(const QString& table, const QString& column)
{
    if (table == QLatin1String("orders") && column == QLatin1String("user_id")) {
        return QStringLiteral("u.email");
    }
    if (table == QLatin1String("orders") && column == QLatin1String("course_id")) {
        return QStringLiteral("c.name");
    }
    if (table == QLatin1String("payments") && column == QLatin1String("order_id")) {
        return QStringLiteral("o.order_number");
    }
    return QStringLiteral("t.") + column;
}

QString referenceFrom(const QString& table)
{
    if (table == QLatin1String("orders")) {
        return QStringLiteral(
            "orders t LEFT JOIN users u ON u.id = t.user_id LEFT JOIN courses c ON c.id = t.course_id");
    }
    return QStringLiteral("payments t LEFT JOIN orders o ON o.id = t.order_id");
}
} // namespace

class TestWindowedModel : public QObject
{
    Q_OBJECT
private:
    GeneratedDatasets m_datasets{testSizes()};

    TestDatabase* dataset(Engine engine) { return m_datasets.get(engine); }

    QVariantList referenceKeys(TestDatabase* db, const QString& table, const QString& sortColumn, Qt::SortOrder order,
                               const QString& where, int offset, int limit)
    {
        const QString dir = order == Qt::AscendingOrder ? QStringLiteral("ASC") : QStringLiteral("DESC");
        QSqlQuery query(db->db());
        const QString sql = QStringLiteral("SELECT t.id FROM %1 %2 ORDER BY %3 %4, t.id %4 LIMIT %5 OFFSET %6")
                                .arg(referenceFrom(table), where, referenceExpression(table, sortColumn), dir)
                                .arg(limit)
                                .arg(offset);
        if (!query.exec(sql)) {
            qWarning() << query.lastError().text() << sql;
        }
        QVariantList keys;
        while (query.next()) {
            keys << query.value(0).toLongLong();
        }
        return keys;
    }

    qint64 referenceCount(TestDatabase* db, const QString& table, const QString& where)
    {
        QSqlQuery query(db->db());
        query.exec(QStringLiteral("SELECT COUNT(*) FROM %1 %2").arg(referenceFrom(table), where));
        query.next();
        return query.value(0).toLongLong();
    }

    static QVariantList modelKeys(WindowedTableModel& model, int first, int count)
    {
        QVariantList keys;
        if (!model.waitForRows(first, first + count - 1, 30000)) {
            return {QStringLiteral("timeout")};
        }
        for (int row = first; row < first + count && row < model.rowCount(); ++row) {
            keys << model.data(model.index(row, 0), WindowedTableModel::KeyRole).toLongLong();
        }
        return keys;
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void cleanupTestCase() { m_datasets.clear(); }

    void rowsMatchPlainSql_data()
    {
        QTest::addColumn<QString>("table");
        QTest::addColumn<QString>("filterName");
        const QStringList filters = {QStringLiteral("none"), QStringLiteral("status"), QStringLiteral("email-prefix")};
        for (const QString& filter : filters) {
            QTest::addRow("orders/%s", qPrintable(filter)) << QStringLiteral("orders") << filter;
        }
        QTest::addRow("payments/none") << QStringLiteral("payments") << QStringLiteral("none");
    }

    void rowsMatchPlainSql()
    {
        QFETCH(QString, table);
        QFETCH(QString, filterName);
        TEST_ENGINE_OR_SKIP(engine);
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        const TableSpec& spec = *TableSpec::forTable(table);
        WindowedTableModel model(spec, db->connectionName());
        QString where;
        if (filterName == QLatin1String("status")) {
            model.setFilters({{QStringLiteral("status"), ColumnFilter::Match::Equals, QStringLiteral("PAID")}});
            where = QStringLiteral("WHERE t.status = 'PAID'");
        } else if (filterName == QLatin1String("email-prefix")) {
            model.setFilters(
                {{QStringLiteral("user_id"), ColumnFilter::Match::PrefixIgnoreCase, QStringLiteral("USER12")}});
            where = QStringLiteral("WHERE lower(u.email) LIKE 'user12%'");
        }
        QVERIFY(model.waitForCount());
        const qint64 total = referenceCount(db, table, where);
        QCOMPARE(static_cast<qint64>(model.rowCount()), total);
        QVERIFY(model.countText().contains(QLocale(QLocale::English).toString(total)));
        const int n = model.rowCount();
        for (int column = 0; column < spec.columns.size(); ++column) {
            if (spec.columns.at(column).kind == ColumnSpec::Kind::Secret) {
                continue;
            }
            for (Qt::SortOrder order : {Qt::AscendingOrder, Qt::DescendingOrder}) {
                model.sort(column, order);
                const QString name = spec.columns.at(column).name;
                // End first (reverse order from the end), then the page before it (keyset
                // backwards), the middle (anchor jump), around it (keyset both ways), the start.
                const int mid = n / 2;
                const QList<std::pair<int, int>> windows = {{std::max(0, n - 30), 30},
                                                            {std::max(0, n - 260), 40},
                                                            {mid, 20},
                                                            {std::max(0, mid - 230), 30},
                                                            {mid + 190, 30},
                                                            {0, 25}};
                for (const auto& [first, count] : windows) {
                    if (first >= n) {
                        continue;
                    }
                    const QVariantList expected = referenceKeys(db, table, name, order, where, first, count);
                    QCOMPARE_EQ(modelKeys(model, first, count), expected);
                }
            }
        }
    }

    void displayFormatting()
    {
        TEST_ENGINE_OR_SKIP(engine);
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("payments"));
        WindowedTableModel model(spec, db->connectionName());
        // A USD order's payment (every 100th order) is shown in dollars, through the order's currency.
        model.setFilters({{QStringLiteral("order_id"), ColumnFilter::Match::KeyEquals, 100}});
        QVERIFY(model.waitForRows(0, 0));
        QCOMPARE(model.rowCount(), 1);
        const QString amount = model.index(0, spec.indexOf(QStringLiteral("amount"))).data().toString();
        QVERIFY2(amount.startsWith(QLatin1Char('$')), qPrintable(amount));
        QCOMPARE(model.index(0, spec.indexOf(QStringLiteral("status"))).data().toString(), QStringLiteral("Completed"));
        QCOMPARE(model.index(0, spec.indexOf(QStringLiteral("order_id"))).data().toString(),
                 DatasetGenerator::orderNumber(100));
        // Timestamps in local time (Asia/Kolkata in the test environment, stored in UTC).
        QSqlQuery query(db->db());
        QVERIFY(query.exec(QStringLiteral("SELECT created_at FROM payments WHERE order_id = 100")) && query.next());
        const QDateTime stored = SqlTime().fromDb(query.value(0));
        QCOMPARE(model.index(0, spec.indexOf(QStringLiteral("created_at"))).data().toString(),
                 stored.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm")));
    }

    void editingDeepRowSavesTheRightRow()
    {
        TEST_ENGINE_OR_SKIP(engine);
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("orders"));
        WindowedTableModel model(spec, db->connectionName());
        QVERIFY(model.waitForCount());
        const int row = model.rowCount() * 3 / 4 + 17;
        QVERIFY(model.waitForRows(row, row));
        const qint64 key = model.keyAt(row).toLongLong();
        const QVariantList expected =
            referenceKeys(db, QStringLiteral("orders"), QStringLiteral("created_at"), Qt::DescendingOrder, {}, row, 1);
        QCOMPARE(QVariant(key), expected.value(0));
        // Status and amount change through the workflows only; the Razorpay order id is edited here.
        const int status = spec.indexOf(QStringLiteral("status"));
        const int razorpay = spec.indexOf(QStringLiteral("razorpay_order_id"));
        QVERIFY(!model.setData(model.index(row, status), QStringLiteral("CANCELLED")));
        QVERIFY(model.setData(model.index(row, razorpay), QStringLiteral("order_DEEP0017")));
        QVERIFY(model.isDirty(model.index(row, razorpay)));
        QCOMPARE(model.index(row, razorpay).data().toString(), QStringLiteral("order_DEEP0017"));
        QVERIFY2(model.submitAll(), qPrintable(model.lastError()));
        QVERIFY(!model.isDirty());

        QSqlQuery query(db->db());
        QVERIFY(query.prepare(
            QStringLiteral("SELECT razorpay_order_id, updated_at <> created_at FROM orders WHERE id = ?")));
        query.addBindValue(key);
        QVERIFY(query.exec() && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("order_DEEP0017"));
        QVERIFY(query.value(1).toBool());
        // Nothing else was touched.
        QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM orders WHERE updated_at <> created_at")) &&
                query.next());
        QCOMPARE(query.value(0).toInt(), 1);
        // The model shows the saved row where it was.
        QVERIFY(model.waitForRows(row, row));
        QCOMPARE(model.keyAt(row).toLongLong(), key);
        QCOMPARE(model.index(row, razorpay).data().toString(), QStringLiteral("order_DEEP0017"));
    }

    void passesModelTester()
    {
        TEST_ENGINE_OR_SKIP(engine);
        TestDatabase* db = dataset(engine);
        QVERIFY(db);
        WindowedTableModel model(*TableSpec::forTable(QStringLiteral("orders")), db->connectionName());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy loading(&model, &WindowedTableModel::loadingChanged);
        QVERIFY(model.waitForCount());
        QVERIFY(model.waitForRows(model.rowCount() - 5, model.rowCount() - 1));
        model.sort(1, Qt::AscendingOrder);
        QVERIFY(model.waitForRows(0, 10));
        model.setSearchText(QStringLiteral("user77"));
        QVERIFY(model.waitForCount());
        QVERIFY(model.rowCount() > 0);
        model.setSearchText(QString());
        QVERIFY(model.waitForCount());
        QVERIFY(model.waitForRows(model.rowCount() / 2, model.rowCount() / 2 + 300));
        // The busy indicator is balanced: every "on" is followed by an "off".
        QTRY_VERIFY(!model.isLoading());
        if (!loading.isEmpty()) {
            QCOMPARE(loading.constLast().at(0).toBool(), false);
        }
    }
};

QTEST_GUILESS_MAIN(TestWindowedModel)
#include "tst_windowedmodel.moc"
