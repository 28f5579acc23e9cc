// The queries the windowed pages, pickers and benchmark run use migration 003's indexes
// (EXPLAIN QUERY PLAN on SQLite, EXPLAIN with enable_seqscan off on PostgreSQL).
#include "DatasetGenerator.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "domain/TableSpec.h"
#include "models/windowed/WindowedQuery.h"

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
};

QTEST_GUILESS_MAIN(TestIndexPlans)
#include "tst_indexplans.moc"
