// The queries the windowed pages, pickers and benchmark run use migration 003's indexes
// (EXPLAIN QUERY PLAN on SQLite, EXPLAIN with enable_seqscan off on PostgreSQL), and plans fit
// the indexes that exist: on the platform's own database (primary keys and four unique indexes)
// pages read by primary key, newest first, and a sort no index serves says what it scans.
#include "DatasetGenerator.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "domain/TableSpec.h"
#include "models/windowed/WindowedQuery.h"
#include "models/windowed/WindowedTableModel.h"
#include "schema/IndexCatalog.h"

#include <QAbstractItemModelTester>

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QTest>

namespace {
// EXPLAIN cannot be PREPAREd on PostgreSQL: the bound values are inlined as driver literals.
QString inlined(const QSqlDatabase& db, const WindowedQuery::Statement& statement)
{
    QString sql;
    int bind = 0;
    for (const QChar ch : statement.sql) {
        if (ch == QLatin1Char('?') && bind < statement.binds.size()) {
            const QVariant value = statement.binds.at(bind++);
            QSqlField field(QStringLiteral("v"), value.metaType());
            field.setValue(value);
            sql += db.driver()->formatValue(field);
        } else {
            sql += ch;
        }
    }
    return sql;
}

QString plan(const QSqlDatabase& db, const WindowedQuery::Statement& statement)
{
    QSqlQuery query(db);
    const bool pg = Database::isPostgres(db);
    if (!query.exec((pg ? QStringLiteral("EXPLAIN ") : QStringLiteral("EXPLAIN QUERY PLAN ")) +
                    inlined(db, statement))) {
        return QStringLiteral("ERROR ") + query.lastError().text();
    }
    QStringList lines;
    while (query.next()) {
        lines << query.value(pg ? 0 : 3).toString();
    }
    return lines.join(QLatin1Char('\n'));
}

WindowedQuery queryFor(const QString& table, Engine engine)
{
    return WindowedQuery(*TableSpec::forTable(table), engine);
}

QVariantList ids(const QSqlDatabase& db, const QString& sql)
{
    QVariantList list;
    QSqlQuery query(db);
    query.exec(sql);
    while (query.next()) {
        list << query.value(0).toLongLong();
    }
    return list;
}

QVariantList modelKeys(const WindowedTableModel& model, int first, int last)
{
    QVariantList list;
    for (int row = first; row <= last; ++row) {
        list << model.keyAt(row).toLongLong();
    }
    return list;
}

DatasetSizes smallSizes(bool platformOnly)
{
    DatasetSizes sizes;
    sizes.users = 3000;
    sizes.courses = 20;
    sizes.orders = 12000;
    sizes.platformOnly = platformOnly;
    return sizes;
}
} // namespace

class TestIndexPlans : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void mainQueriesUseTheIndexes()
    {
        TEST_EMPTY_DATABASE(db);
        DatasetSizes sizes;
        sizes.users = 5000;
        sizes.courses = 20;
        sizes.orders = 20000;
        QString error;
        QVERIFY2(DatasetGenerator::generate(db.db(), sizes, &error), qPrintable(error));
        const Engine engine = db.engine();
        const bool pg = engine == Engine::Postgres;
        QSqlQuery(db.db()).exec(QStringLiteral("SET enable_seqscan = off"));
        using D = WindowedQuery::Direction;
        using M = ColumnFilter::Match;

        struct Case
        {
            const char* what;
            WindowedQuery::Statement statement;
            QStringList indexes;
        };
        QList<Case> cases;
        WindowedQuery orders = queryFor(QStringLiteral("orders"), engine);
        const KeysetBoundary boundary{pg ? QVariant(QStringLiteral("2024-01-01 00:00:00"))
                                         : QVariant(QStringLiteral("2024-01-01 00:00:00.000")),
                                      1000};
        cases << Case{
            "orders first page", orders.page(D::Forward, std::nullopt, 0, 200), {"coursedesk_orders_created_at_id"}};
        cases << Case{
            "orders last page", orders.page(D::Backward, std::nullopt, 0, 200), {"coursedesk_orders_created_at_id"}};
        cases << Case{
            "orders keyset page", orders.page(D::Forward, boundary, 0, 200), {"coursedesk_orders_created_at_id"}};
        cases << Case{"orders far jump anchor",
                      orders.anchor(D::Forward, std::nullopt, 10000),
                      {"coursedesk_orders_created_at_id"}};
        {
            WindowedQuery q = orders;
            q.setFilters({{QStringLiteral("user_id"), M::EqualsIgnoreCase, QStringLiteral("User42@example.in")}});
            cases << Case{"orders by exact email",
                          q.page(D::Forward, std::nullopt, 0, 200),
                          {"coursedesk_users_email_lower", "coursedesk_orders_user_id"}};
            q.setFilters({{QStringLiteral("order_number"), M::Prefix, QStringLiteral("ORD17000001234")}});
            cases << Case{"orders by order-number prefix",
                          q.page(D::Forward, std::nullopt, 0, 200),
                          {pg ? "coursedesk_orders_order_number_c" : "orders_order_number_key"}};
            q.setFilters({{QStringLiteral("razorpay_order_id"), M::Prefix, QStringLiteral("order_0000000001234")}});
            cases << Case{"orders by razorpay order id",
                          q.page(D::Forward, std::nullopt, 0, 200),
                          {"coursedesk_orders_razorpay_order_id"}};
            q.setFilters({});
            q.setSort(orders.spec().indexOf(QStringLiteral("amount")), Qt::DescendingOrder);
            cases << Case{
                "orders sorted by amount", q.page(D::Forward, std::nullopt, 0, 200), {"coursedesk_orders_amount_id"}};
        }
        WindowedQuery payments = queryFor(QStringLiteral("payments"), engine);
        cases << Case{"payments first page",
                      payments.page(D::Forward, std::nullopt, 0, 200),
                      {"coursedesk_payments_created_at_id"}};
        {
            WindowedQuery q = payments;
            q.setFilters({{QStringLiteral("order_id"), M::KeyEquals, 77}});
            cases << Case{
                "payments of an order", q.page(D::Forward, std::nullopt, 0, 200), {"coursedesk_payments_order_id"}};
            q.setFilters({{QStringLiteral("razorpay_payment_id"), M::Prefix, QStringLiteral("pay_0000000001234")}});
            cases << Case{"payments by razorpay payment id",
                          q.page(D::Forward, std::nullopt, 0, 200),
                          {"coursedesk_payments_razorpay_payment_id"}};
        }
        cases << Case{"users first page",
                      queryFor(QStringLiteral("users"), engine).page(D::Forward, std::nullopt, 0, 200),
                      {"coursedesk_users_created_at_id"}};
        cases << Case{"enrollments first page",
                      queryFor(QStringLiteral("enrollments"), engine).page(D::Forward, std::nullopt, 0, 200),
                      {"coursedesk_enrollments_enrollment_date_id"}};
        // The user picker's type-ahead (RelationLookup::firstMatches).
        const QString c = pg ? QStringLiteral(" COLLATE \"C\"") : QString();
        cases << Case{"user picker",
                      {QStringLiteral("SELECT \"id\", \"email\" FROM \"users\" WHERE lower(\"email\")%1 >= ? AND "
                                      "lower(\"email\")%1 < ? ORDER BY lower(\"email\")%1, \"id\" LIMIT 20")
                           .arg(c),
                       {QStringLiteral("user12"), QStringLiteral("user13")}},
                      {"coursedesk_users_email_lower"}};

        QStringList failures;
        for (const Case& testCase : std::as_const(cases)) {
            const QString text = plan(db.db(), testCase.statement);
            for (const QString& index : testCase.indexes) {
                if (!text.contains(index)) {
                    failures << QStringLiteral("%1 does not use %2:\n%3\n%4")
                                    .arg(QLatin1String(testCase.what), index, text, testCase.statement.sql);
                }
            }
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(QStringLiteral("\n\n"))));
    }

    void catalogReadsWhatExists()
    {
        TEST_EMPTY_DATABASE(db);
        QString error;
        QVERIFY2(DatasetGenerator::generate(db.db(), smallSizes(false), &error), qPrintable(error));
        const bool pg = db.engine() == Engine::Postgres;
        const IndexCatalog catalog = IndexCatalog::read(db.db());
        QVERIFY(catalog.leading(QStringLiteral("orders"), {QStringLiteral("id")}));
        QCOMPARE(catalog.find(QStringLiteral("users_email_key"))->keys, QStringList{QStringLiteral("email")});
        QVERIFY(catalog.find(QStringLiteral("users_email_key"))->unique);
        QCOMPARE(catalog.find(QStringLiteral("coursedesk_users_email_lower"))->keys,
                 QStringList{pg ? QStringLiteral("lower(email) collate c") : QStringLiteral("lower(email)")});
        // Every index of Coursedesk's migrations is found under the keys the planner looks for.
        for (const IndexCatalog::Index& index : catalog.indexes()) {
            if (index.name.startsWith(QLatin1String("coursedesk_")) &&
                !index.table.startsWith(QLatin1String("coursedesk_"))) {
                // The same keys: this index, or a full index when this one is partial.
                const QString named = IndexCatalog::coursedeskIndexFor(db.engine(), index.table, index.keys);
                QVERIFY2(catalog.find(named), qPrintable(index.name));
                QCOMPARE(catalog.find(named)->keys.mid(0, index.keys.size()), index.keys);
                if (index.name != QLatin1String("coursedesk_payments_refunded_updated_at")) {
                    QCOMPARE(named, index.name);
                }
            }
        }
        QCOMPARE(catalog.rowEstimate(QStringLiteral("orders")), qint64(12000));
    }

    void platformDatabaseReadsByPrimaryKey()
    {
        TEST_EMPTY_DATABASE(db);
        QString error;
        QVERIFY2(DatasetGenerator::generate(db.db(), smallSizes(true), &error), qPrintable(error));
        const Engine engine = db.engine();
        const bool pg = engine == Engine::Postgres;
        IndexCatalog::forget(db.connectionName());
        const auto catalog = IndexCatalog::forConnection(db.connectionName());
        QVERIFY(!catalog->find(QStringLiteral("coursedesk_orders_created_at_id")));
        QVERIFY(catalog->find(QStringLiteral("orders_order_number_key")));
        QCOMPARE(catalog->rowEstimate(QStringLiteral("orders")), qint64(12000));

        // Every page's default order is one an index serves (what the pool's warm-up runs): the
        // tables sorted newest first by a timestamp read their primary key backwards instead.
        for (const TableSpec& spec : TableSpec::all()) {
            const WindowedQuery q(spec, engine, catalog);
            const ColumnSpec& sorted = spec.columns.at(q.sortColumn());
            if (spec.columns.at(spec.indexOf(spec.defaultSort)).kind == ColumnSpec::Kind::Timestamp) {
                QCOMPARE(sorted.name, spec.key);
                QCOMPARE(q.sortOrder(), Qt::DescendingOrder);
            }
            if (catalog->rowEstimate(spec.table) < 10000) {
                continue;
            }
            QVERIFY2(q.cost().served, qPrintable(spec.table));
            QSqlQuery(db.db()).exec(QStringLiteral("SET enable_seqscan = off"));
            const QString text = plan(db.db(), q.anchor(WindowedQuery::Direction::Forward, std::nullopt, 500));
            QVERIFY2(!text.contains(QLatin1String("TEMP B-TREE")) && !text.contains(QLatin1String("Sort")),
                     qPrintable(spec.table + QLatin1Char('\n') + text));
            if (pg) {
                QVERIFY2(text.contains(spec.table + QStringLiteral("_pkey")), qPrintable(text));
            }
        }

        WindowedTableModel model(*TableSpec::forTable(QStringLiteral("orders")), db.connectionName());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.spec().columns.at(model.sortColumn()).name, QStringLiteral("id"));
        QVERIFY(model.planNote().isEmpty());
        QVERIFY(model.waitForCount()); // without a view the rows beyond the first page wait for it
        QVERIFY(model.waitForRows(0, 399));
        QCOMPARE(modelKeys(model, 0, 399),
                 ids(db.db(), QStringLiteral("SELECT id FROM orders ORDER BY id DESC LIMIT 400")));
        const int last = model.rowCount() - 1;
        QCOMPARE(last, 11999);
        QVERIFY(model.waitForRows(last - 199, last));
        QCOMPARE(modelKeys(model, last - 199, last),
                 ids(db.db(), QStringLiteral(
                                  "SELECT id FROM (SELECT id FROM orders ORDER BY id LIMIT 200) x ORDER BY id DESC")));

        // A sort no index serves: the right rows, and the status says what it scans and what would help.
        model.sort(model.fieldIndex(QStringLiteral("amount")), Qt::DescendingOrder);
        QCOMPARE(model.planNote(), QStringLiteral("Sorting by amount scans 12,000 orders; the index "
                                                  "coursedesk_orders_amount_id would make it instant."));
        QVERIFY(model.waitForRows(0, 399));
        QCOMPARE(modelKeys(model, 0, 399),
                 ids(db.db(), QStringLiteral("SELECT id FROM orders ORDER BY amount DESC, id DESC LIMIT 400")));
        model.sort(model.fieldIndex(QStringLiteral("user_id")), Qt::AscendingOrder);
        QVERIFY2(model.planNote().endsWith(QLatin1String("no index can serve it.")), qPrintable(model.planNote()));
        model.resetSort();
        QVERIFY(model.planNote().isEmpty());
        QCOMPARE(model.spec().columns.at(model.sortColumn()).name, QStringLiteral("id"));
        model.setSearchText(QStringLiteral("ORD1700000001"));
        QVERIFY2(model.planNote().startsWith(
                     QStringLiteral("Searching for \u201CORD1700000001\u201D scans 12,000 orders; ")),
                 qPrintable(model.planNote()));
        QVERIFY(model.waitForCount());
        QCOMPARE(model.rowCount(), ids(db.db(), QStringLiteral("SELECT count(*) FROM orders WHERE order_number "
                                                               "LIKE 'ORD1700000001%'"))
                                       .value(0)
                                       .toInt());
        IndexCatalog::forget(db.connectionName());
    }

    void withCoursedeskObjectsPagesUseThem()
    {
        TEST_EMPTY_DATABASE(db);
        QString error;
        QVERIFY2(DatasetGenerator::generate(db.db(), smallSizes(false), &error), qPrintable(error));
        IndexCatalog::forget(db.connectionName());
        const auto catalog = IndexCatalog::forConnection(db.connectionName());
        for (const QString& table : {QStringLiteral("orders"), QStringLiteral("payments"), QStringLiteral("users"),
                                     QStringLiteral("enrollments")}) {
            const TableSpec& spec = *TableSpec::forTable(table);
            const WindowedQuery q(spec, db.engine(), catalog);
            QCOMPARE(spec.columns.at(q.sortColumn()).name, spec.defaultSort);
            QVERIFY(q.cost().served);
        }
        WindowedTableModel model(*TableSpec::forTable(QStringLiteral("orders")), db.connectionName());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.spec().columns.at(model.sortColumn()).name, QStringLiteral("created_at"));
        QVERIFY(model.waitForRows(0, 199));
        QCOMPARE(modelKeys(model, 0, 199),
                 ids(db.db(), QStringLiteral("SELECT id FROM orders ORDER BY created_at DESC, id DESC LIMIT 200")));
        model.sort(model.fieldIndex(QStringLiteral("amount")), Qt::AscendingOrder);
        QVERIFY(model.planNote().isEmpty());
        QVERIFY(model.waitForRows(0, 199));
        QCOMPARE(modelKeys(model, 0, 199),
                 ids(db.db(), QStringLiteral("SELECT id FROM orders ORDER BY amount, id LIMIT 200")));

        // A prefix search names the indexes that would serve each searched column (course names
        // have none among the objects); the same text as "contains" names none: a B-tree cannot
        // find a substring.
        model.resetSort();
        model.setSearchText(QStringLiteral("ORD17"));
        const QString prefixNote = model.planNote();
        QVERIFY2(prefixNote.endsWith(QLatin1String("would make it instant.")), qPrintable(prefixNote));
        model.setSearchMode(WindowedQuery::SearchMode::Contains);
        QVERIFY2(model.planNote().startsWith(QStringLiteral("Searching for \u201CORD17\u201D scans ")) &&
                     model.planNote().endsWith(QLatin1String("no index can serve it.")),
                 qPrintable(model.planNote()));
        model.setSearchMode(WindowedQuery::SearchMode::Prefix);
        QCOMPARE(model.planNote(), prefixNote);
        IndexCatalog::forget(db.connectionName());
    }
};

QTEST_GUILESS_MAIN(TestIndexPlans)
#include "tst_indexplans.moc"
