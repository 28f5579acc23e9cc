// The filters a page's filter bar and "contains" search put on the windowed query, both engines:
// every filter returns exactly the rows plain SQL returns (written independently: zone shifts and
// substring functions in SQL, not the app's bounds or LIKE), and the contains search takes the
// user's %, _ and \ literally. Saved views round-trip through coursedesk_saved_views and, on a
// database without it, through this computer's settings.
#include "TestEngines.h"
#include "TestSql.h"
#include "db/SqlTime.h"
#include "models/windowed/WindowedTableModel.h"
#include "views/CellText.h"
#include "views/LocalViewSettings.h"
#include "views/SavedViewStore.h"
#include "views/ViewState.h"

#include <QAbstractItemModelTester>
#include <QSet>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTest>

class TestViewFilters : public QObject
{
    Q_OBJECT

private:
    static QSet<QString> sqlKeys(const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {})
    {
        QSet<QString> keys;
        QSqlQuery query(db);
        if (!query.prepare(sql)) {
            qWarning() << query.lastError().text() << sql;
            return keys;
        }
        for (const QVariant& v : binds) {
            query.addBindValue(v);
        }
        if (!query.exec()) {
            qWarning() << query.lastError().text() << sql;
        }
        while (query.next()) {
            keys.insert(query.value(0).toString());
        }
        return keys;
    }

    static QSet<QString> modelKeys(WindowedTableModel& model)
    {
        QSet<QString> keys;
        if (!model.waitForCount()) {
            return {QStringLiteral("count timed out")};
        }
        if (model.rowCount() > 0 && !model.waitForRows(0, model.rowCount() - 1, 60000)) {
            return {QStringLiteral("rows timed out")};
        }
        for (int r = 0; r < model.rowCount(); ++r) {
            keys.insert(model.keyAt(r).toString());
        }
        return keys;
    }

    // A stored UTC timestamp column as Asia/Kolkata wall-clock text (the tests' zone), in SQL.
    static QString kolkata(Engine engine, const QString& column)
    {
        return engine == Engine::Postgres
                   ? QStringLiteral("to_char(%1 + interval '5 hours 30 minutes', 'YYYY-MM-DD')").arg(column)
                   : QStringLiteral("date(%1, '+5 hours', '+30 minutes')").arg(column);
    }

    static bool insertUser(TestDatabase& db, const QString& first, const QString& email)
    {
        return db.exec(QStringLiteral("INSERT INTO users (first_name, last_name, email, password, phone, address, "
                                      "city, state, pincode, role, created_at, updated_at) VALUES ('%1', 'Tester', "
                                      "'%2', 'x', '9876543210', 'Street 1', 'Pune', 'Maharashtra', '411001', 'USER', "
                                      "'2026-01-01 00:00:00.000', '2026-01-01 00:00:00.000')")
                           .arg(first, email));
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().remove(QStringLiteral("views")); // column layouts and local views of earlier runs
    }

    void dateAmountAndStatusFiltersMatchPlainSql()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const SqlTime time = SqlTime::forConnection(db.db());
        struct Case
        {
            QString table;
            QList<ViewState::Filter> filters;
            QString where; // the same rows in plain SQL
        };
        using F = ViewState::Filter;
        auto dates = [](const char* column, QDate from, QDate to) {
            F f;
            f.column = QString::fromLatin1(column);
            f.kind = F::Kind::DateRange;
            f.from = from;
            f.to = to;
            return f;
        };
        auto amounts = [](std::optional<qint64> min, std::optional<qint64> max) {
            F f;
            f.column = QStringLiteral("amount");
            f.kind = F::Kind::AmountRange;
            f.min = min;
            f.max = max;
            return f;
        };
        F paid;
        paid.column = QStringLiteral("status");
        paid.value = QStringLiteral("PAID");
        const Engine e = db.engine();
        const QList<Case> cases = {
            {QStringLiteral("orders"),
             {dates("created_at", QDate(2025, 3, 1), QDate(2025, 3, 31))},
             kolkata(e, QStringLiteral("created_at")) + QStringLiteral(" BETWEEN '2025-03-01' AND '2025-03-31'")},
            {QStringLiteral("orders"),
             {dates("created_at", QDate(2025, 6, 30), QDate())},
             kolkata(e, QStringLiteral("created_at")) + QStringLiteral(" >= '2025-06-30'")},
            {QStringLiteral("orders"), {amounts(499900, 999900)}, QStringLiteral("amount >= 4999 AND amount <= 9999")},
            {QStringLiteral("orders"), {amounts(std::nullopt, 0)}, QStringLiteral("amount <= 0")},
            {QStringLiteral("orders"),
             {paid, amounts(1599900, std::nullopt), dates("created_at", QDate(), QDate(2024, 6, 30))},
             QStringLiteral("status = 'PAID' AND amount >= 15999 AND ") + kolkata(e, QStringLiteral("created_at")) +
                 QStringLiteral(" <= '2024-06-30'")},
            {QStringLiteral("payments"),
             {dates("payment_date", QDate(2024, 10, 1), QDate(2024, 10, 15))},
             kolkata(e, QStringLiteral("payment_date")) + QStringLiteral(" BETWEEN '2024-10-01' AND '2024-10-15'")},
            {QStringLiteral("payments"), {amounts(250000, 600000)}, QStringLiteral("amount BETWEEN 2500 AND 6000")},
            {QStringLiteral("enrollments"),
             {dates("enrollment_date", QDate(2025, 1, 1), QDate(2025, 1, 31))},
             kolkata(e, QStringLiteral("enrollment_date")) + QStringLiteral(" BETWEEN '2025-01-01' AND '2025-01-31'")},
            {QStringLiteral("courses"),
             {[] {
                 F f;
                 f.column = QStringLiteral("fee");
                 f.kind = F::Kind::AmountRange;
                 f.min = 500000;
                 f.max = 999950;
                 return f;
             }()},
             QStringLiteral("fee >= 5000 AND fee <= 9999.50")},
        };
        for (const Case& c : cases) {
            const TableSpec& spec = *TableSpec::forTable(c.table);
            ViewState state;
            state.filters = c.filters;
            WindowedTableModel model(spec, db.connectionName());
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setFilters(state.columnFilters(spec, time));
            const QSet<QString> expected =
                sqlKeys(db.db(), QStringLiteral("SELECT id FROM %1 WHERE %2").arg(c.table, c.where));
            QVERIFY2(!expected.isEmpty(), qPrintable(c.where)); // a filter that matches nothing proves little
            QCOMPARE(modelKeys(model), expected);
        }
    }

    void containsSearchIsLiteralAndMatchesPlainSql()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        // Names holding LIKE's wildcards and its escape character, and near misses for each.
        QVERIFY(insertUser(db, QStringLiteral("Zq50%Off"), QStringLiteral("pct@example.in")));
        QVERIFY(insertUser(db, QStringLiteral("Zq50xOff"), QStringLiteral("pctmiss@example.in")));
        QVERIFY(insertUser(db, QStringLiteral("Zq_under"), QStringLiteral("under@example.in")));
        QVERIFY(insertUser(db, QStringLiteral("Zqxunder"), QStringLiteral("undermiss@example.in")));
        QVERIFY(insertUser(db, QStringLiteral("Zq\\slash"), QStringLiteral("slash@example.in")));
        QVERIFY(insertUser(db, QStringLiteral("Zqslash"), QStringLiteral("slashmiss@example.in")));
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("users"));
        const QString position = db.engine() == Engine::Postgres ? QStringLiteral("strpos") : QStringLiteral("instr");
        QStringList alternatives;
        for (const char* column : {"first_name", "last_name", "email", "phone", "city"}) {
            alternatives << QStringLiteral("%1(lower(%2), lower(?)) > 0").arg(position, QLatin1String(column));
        }
        const QString plain = QStringLiteral("SELECT id FROM users WHERE ") + alternatives.join(QStringLiteral(" OR "));
        for (const QString& text :
             {QStringLiteral("50%o"), QStringLiteral("q_u"), QStringLiteral("q\\s"), QStringLiteral("SHARMA"),
              QStringLiteral("mail.co"), QStringLiteral("%"), QStringLiteral("_"), QStringLiteral("ZQ")}) {
            WindowedTableModel model(spec, db.connectionName());
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setSearchMode(WindowedQuery::SearchMode::Contains);
            model.setSearchText(text);
            QVariantList binds;
            for (int i = 0; i < alternatives.size(); ++i) {
                binds << text;
            }
            const QSet<QString> expected = sqlKeys(db.db(), plain, binds);
            QVERIFY2(!expected.isEmpty(), qPrintable(text));
            QCOMPARE(modelKeys(model), expected);
        }
        // The wildcards matched only themselves: one row each.
        for (const auto& [text, email] : {std::pair{QStringLiteral("50%o"), QStringLiteral("pct@example.in")},
                                          std::pair{QStringLiteral("q_u"), QStringLiteral("under@example.in")},
                                          std::pair{QStringLiteral("q\\s"), QStringLiteral("slash@example.in")}}) {
            WindowedTableModel model(spec, db.connectionName());
            model.setSearchMode(WindowedQuery::SearchMode::Contains);
            model.setSearchText(text);
            QVERIFY(model.waitForCount());
            QCOMPARE(model.rowCount(), 1);
            QVERIFY(model.waitForRows(0, 0));
            QCOMPARE(model.index(0, spec.indexOf(QStringLiteral("email"))).data().toString(), email);
        }
        // Contains also reaches a relation's display text (orders by a part of the user's email).
        const TableSpec& orders = *TableSpec::forTable(QStringLiteral("orders"));
        WindowedTableModel model(orders, db.connectionName());
        model.setSearchMode(WindowedQuery::SearchMode::Contains);
        model.setSearchText(QStringLiteral("sharma"));
        const QSet<QString> expected = sqlKeys(
            db.db(),
            QStringLiteral("SELECT o.id FROM orders o JOIN users u ON u.id = o.user_id JOIN courses c ON c.id = "
                           "o.course_id WHERE %1(lower(u.email), 'sharma') > 0 OR %1(lower(c.name), 'sharma') > 0 OR "
                           "%1(lower(o.order_number), 'sharma') > 0 OR %1(lower(o.razorpay_order_id), 'sharma') > 0")
                .arg(position));
        QVERIFY(!expected.isEmpty());
        QCOMPARE(modelKeys(model), expected);
    }

    void savedViewRoundTripInTheSharedTable()
    {
        TEST_DATABASE(db);
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("orders"));
        SavedViewStore store(db.db(), spec);
        QCOMPARE(store.location(), SavedViewStore::Location::Shared);
        ViewState state;
        state.search = QStringLiteral("ORD17");
        state.contains = true;
        ViewState::Filter status;
        status.column = QStringLiteral("status");
        status.value = QStringLiteral("PAID");
        ViewState::Filter range;
        range.column = QStringLiteral("amount");
        range.kind = ViewState::Filter::Kind::AmountRange;
        range.min = 99901; // 999.01: exact, never through a double
        ViewState::Filter dates;
        dates.column = QStringLiteral("created_at");
        dates.kind = ViewState::Filter::Kind::DateRange;
        dates.from = QDate(2026, 2, 1);
        state.filters = {status, range, dates};
        state.sortColumn = QStringLiteral("amount");
        state.sortOrder = Qt::AscendingOrder;
        state.columns = {QStringLiteral("order_number"), QStringLiteral("amount"), QStringLiteral("user_id")};
        QString error;
        QVERIFY2(store.save(QStringLiteral("Big paid orders"), state, false, &error), qPrintable(error));
        // Another staff member's Coursedesk (another connection, another store) reads the same view.
        const QString other = db.openExtraConnection();
        SavedViewStore theirs(QSqlDatabase::database(other), spec);
        QCOMPARE(theirs.names(), QStringList{QStringLiteral("Big paid orders")});
        const auto loaded = theirs.load(QStringLiteral("Big paid orders"), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(*loaded, state);
        QCOMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT page FROM coursedesk_saved_views WHERE name = ?"),
                                 {QStringLiteral("Big paid orders")})
                     .toString(),
                 QStringLiteral("orders"));
        // A second view with that name is refused; replace, rename and delete work.
        QVERIFY(!store.save(QStringLiteral("Big paid orders"), ViewState(), false, &error));
        QVERIFY2(error.contains(QStringLiteral("exists")), qPrintable(error));
        QVERIFY(store.save(QStringLiteral("Big paid orders"), ViewState(), true, &error));
        QCOMPARE(*theirs.load(QStringLiteral("Big paid orders"), &error), ViewState());
        QVERIFY2(store.rename(QStringLiteral("Big paid orders"), QStringLiteral("Everything"), &error),
                 qPrintable(error));
        QCOMPARE(theirs.names(), QStringList{QStringLiteral("Everything")});
        QVERIFY(store.remove(QStringLiteral("Everything"), &error));
        QVERIFY(theirs.names().isEmpty());
        QCOMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_saved_views")).toInt(), 0);
        // Other pages' views are their own.
        QVERIFY(store.save(QStringLiteral("Mine"), state, false, &error));
        QVERIFY(SavedViewStore(db.db(), *TableSpec::forTable(QStringLiteral("payments"))).names().isEmpty());
    }

    void savedViewRoundTripLocallyWithoutTheTable()
    {
        TEST_DATABASE(db);
        // A platform database whose owner declined Coursedesk's tables.
        QVERIFY(db.exec(QStringLiteral("DROP TABLE coursedesk_saved_views")));
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("users"));
        SavedViewStore store(db.db(), spec);
        QCOMPARE(store.location(), SavedViewStore::Location::Local);
        ViewState state;
        state.search = QStringLiteral("pune");
        state.columns = {QStringLiteral("email"), QStringLiteral("city")};
        QString error;
        QVERIFY2(store.save(QStringLiteral("Pune users"), state, false, &error), qPrintable(error));
        // Another store on the same database (the app opened again) finds it; nothing in the database.
        SavedViewStore again(db.db(), spec);
        QCOMPARE(again.names(), QStringList{QStringLiteral("Pune users")});
        QCOMPARE(*again.load(QStringLiteral("Pune users"), &error), state);
        QVERIFY(store.rename(QStringLiteral("Pune users"), QStringLiteral("Pune"), &error));
        QCOMPARE(again.names(), QStringList{QStringLiteral("Pune")});
        QVERIFY(store.remove(QStringLiteral("Pune"), &error));
        QVERIFY(again.names().isEmpty());
        // The key names the database, never a password.
        DatabaseUrl url = db.url();
        url.password = QStringLiteral("s3cret");
        QVERIFY(!LocalViewSettings::databaseIdentity(url).contains(QStringLiteral("s3cret")));
    }

    void pastedTextBecomesTheColumnsValue()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const TableSpec& orders = *TableSpec::forTable(QStringLiteral("orders"));
        auto parse = [&](const char* column, const QString& text) {
            return CellText::parse(db.db(), orders, *orders.column(QString::fromLatin1(column)), text);
        };
        QCOMPARE(parse("amount", QStringLiteral("₹5,999.50")).value.toString(), QStringLiteral("5999.50"));
        QVERIFY(parse("amount", QStringLiteral("59.999")).error.contains(QStringLiteral("59.999")));
        QCOMPARE(parse("status", QStringLiteral("paid")).value.toString(), QStringLiteral("PAID"));
        QCOMPARE(parse("status", QStringLiteral("Cancelled")).value.toString(), QStringLiteral("CANCELLED"));
        QVERIFY(parse("status", QStringLiteral("SHIPPED")).error.contains(QStringLiteral("Paid")));
        // Relations by the referenced row's display value, emails regardless of case.
        const QString email =
            TestSql::scalar(db.db(), QStringLiteral("SELECT email FROM users ORDER BY id LIMIT 1")).toString();
        const auto user = parse("user_id", email.toUpper());
        QVERIFY2(user.error.isEmpty(), qPrintable(user.error));
        QCOMPARE(user.value.toString(),
                 TestSql::scalar(db.db(), QStringLiteral("SELECT id FROM users ORDER BY id LIMIT 1")).toString());
        QVERIFY(parse("user_id", QStringLiteral("nobody@nowhere.in")).error.contains(QStringLiteral("no user")));
        QCOMPARE(parse("course_id", QStringLiteral("Starter Track")).value.toString(), QStringLiteral("starter-track"));
        const auto when = parse("created_at", QStringLiteral("2026-11-30 18:56"));
        QCOMPARE(when.value.toDateTime(), QDateTime(QDate(2026, 11, 30), QTime(18, 56)));
        QVERIFY(!parse("created_at", QStringLiteral("yesterday")).error.isEmpty());
        const TableSpec& users = *TableSpec::forTable(QStringLiteral("users"));
        QVERIFY(CellText::parse(db.db(), users, *users.column(QStringLiteral("phone")), QStringLiteral("12345"))
                    .error.contains(QStringLiteral("10-digit")));
        // TSV as spreadsheets write it: quoted fields may hold tabs, newlines and quotes.
        const QList<QStringList> rows{{QStringLiteral("a\tb"), QStringLiteral("say \"hi\"")},
                                      {QStringLiteral("two\nlines"), QString()}};
        QCOMPARE(CellText::fromTsv(CellText::toTsv(rows)), rows);
        QCOMPARE(CellText::fromTsv(QStringLiteral("x\ty\r\nz\tw")),
                 (QList<QStringList>{{QStringLiteral("x"), QStringLiteral("y")},
                                     {QStringLiteral("z"), QStringLiteral("w")}}));
    }

    void badDefinitionsNameWhatIsWrong()
    {
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("orders"));
        QString error;
        QVERIFY(!ViewState::fromJson("not json", spec, &error));
        QVERIFY(
            !ViewState::fromJson(R"({"filters":[{"column":"password","kind":"equals","value":"x"}]})", spec, &error));
        QVERIFY2(error.contains(QStringLiteral("password")), qPrintable(error));
        QVERIFY(
            !ViewState::fromJson(R"({"filters":[{"column":"amount","kind":"amounts","min":"1e3"}]})", spec, &error));
        QVERIFY2(error.contains(QStringLiteral("1e3")), qPrintable(error));
        QVERIFY(!ViewState::fromJson(R"({"sort":{"column":"nope"}})", spec, &error));
        QVERIFY2(error.contains(QStringLiteral("nope")), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestViewFilters)
#include "tst_viewfilters.moc"
