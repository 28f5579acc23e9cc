#include "TestEngines.h"
#include "TestSql.h"
#include "db/Database.h"
#include "money/Money.h"
#include "schema/Migration.h"
#include "schema/MigrationRunner.h"
#include "schema/PlatformSchema.h"
#include "schema/SchemaInspector.h"

#include <QRegularExpression>

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

namespace {
using TestSql::platformSql;

// Everything observable about the platform's tables: columns, types, nullability, indexes.
QStringList fingerprint(const QSqlDatabase& db)
{
    const SchemaInspector inspector(db);
    QStringList lines;
    for (const QString& table : PlatformSchema::tableNames()) {
        for (const auto& column : inspector.columns(table)) {
            lines << QStringLiteral("%1.%2 %3 %4").arg(table, column.name, column.type).arg(column.notNull);
        }
        QStringList indexes = inspector.indexes(table);
        indexes.sort();
        lines << table + QStringLiteral(" indexes: ") + indexes.join(QLatin1Char(','));
    }
    return lines;
}

int count(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        return -1;
    }
    return query.value(0).toInt();
}

const char* seedSql = R"(
INSERT INTO courses (id, name, description, duration, fee, original_price, level) VALUES ('starter-track', 'Starter Track', 'New sellers', '45 Days', 5999.00, 7999.00, 'Beginner');
INSERT INTO course_features (course_id, feature) VALUES ('starter-track', 'Live training sessions');
INSERT INTO course_features (course_id, feature) VALUES ('starter-track', 'Real account implementation');
INSERT INTO course_marketplaces (course_id, marketplace) VALUES ('starter-track', 'Amazon.in');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode) VALUES (1, 'Asha', 'Rao', 'asha@example.in', '$2a$10$abcdefghijklmnopqrstuu', '9876543210', '12 MG Road', 'Pune', 'Maharashtra', '411001');
INSERT INTO orders (id, order_number, user_id, course_id, amount) VALUES (1, 'ORD1700000000000', 1, 'starter-track', 5999.00);
)";
} // namespace

class TestSchema : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void createsSchemaAndIsIdempotent()
    {
        TEST_EMPTY_DATABASE(db);
        MigrationRunner runner(db.db());
        QCOMPARE(runner.inspect().state, MigrationRunner::State::Empty);
        QString error;
        QVERIFY2(runner.createSchema(&error), qPrintable(error));
        const auto status = runner.inspect();
        QCOMPARE(status.state, MigrationRunner::State::Current);
        QCOMPARE(status.currentVersion, Migration::latestVersion(db.engine()));
        // Running again changes nothing and succeeds.
        const QStringList before = fingerprint(db.db());
        QVERIFY2(runner.applyPending(&error), qPrintable(error));
        QCOMPARE(fingerprint(db.db()), before);
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM coursedesk_schema_version")),
                 Migration::load(db.engine()).size());
        // Creating into a non-empty database is refused.
        QVERIFY(!runner.createSchema(&error));
    }

    void schemaMatchesPlatformColumnForColumn()
    {
        TEST_DATABASE(db);
        const SchemaInspector inspector(db.db());
        QCOMPARE(inspector.missingPlatformObjects(), QStringList());
        QCOMPARE(inspector.typeMismatches(), QStringList());
        for (const PlatformSchema::Table& table : PlatformSchema::tables()) {
            const auto columns = inspector.columns(table.name);
            QCOMPARE(columns.size(), table.columns.size());
            for (int i = 0; i < columns.size(); ++i) {
                QCOMPARE(columns.at(i).name, table.columns.at(i).name);
            }
        }
        for (const auto& index : PlatformSchema::uniqueIndexes()) {
            QVERIFY2(inspector.indexes(index.table).contains(index.name), qPrintable(index.name));
        }
    }

    void foreignKeyActions()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(seedSql)), qPrintable(db.error()));
        QSqlQuery query(db.db());
        // A user with orders cannot be deleted.
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM users WHERE id = 1")));
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM users")), 1);
        // A course with orders cannot be deleted either.
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM courses WHERE id = 'starter-track'")));
        // Renaming the course id cascades to its features, marketplaces and orders.
        QVERIFY_SQL(query, exec(QStringLiteral("UPDATE courses SET id = 'starter' WHERE id = 'starter-track'")));
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM course_features WHERE course_id = 'starter'")), 2);
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE course_id = 'starter'")), 1);
        // Without orders, deleting the course takes its features and marketplaces with it.
        QVERIFY_SQL(query, exec(QStringLiteral("DELETE FROM orders")));
        QVERIFY_SQL(query, exec(QStringLiteral("DELETE FROM courses WHERE id = 'starter'")));
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM course_features")), 0);
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM course_marketplaces")), 0);
        // Deleting a user cascades to their business info.
        QVERIFY_SQL(query, exec(QStringLiteral("INSERT INTO user_business_info (user_id, goals) VALUES (1, 'Sell')")));
        QVERIFY_SQL(query, exec(QStringLiteral("DELETE FROM users WHERE id = 1")));
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM user_business_info")), 0);
        // An order must reference an existing user.
        QVERIFY(!query.exec(QStringLiteral("INSERT INTO orders (order_number, user_id, course_id, amount) "
                                           "VALUES ('ORD2', 999, 'starter', 1.00)")));
    }

    void uniqueIndexes()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(seedSql)), qPrintable(db.error()));
        QSqlQuery query(db.db());
        QVERIFY(!query.exec(QStringLiteral(
            "INSERT INTO users (first_name, last_name, email, password, phone, address, city, state, pincode) "
            "VALUES ('B', 'C', 'asha@example.in', 'x', '9876543211', 'a', 'b', 'c', '411001')")));
        QVERIFY(!query.exec(QStringLiteral("INSERT INTO orders (order_number, user_id, course_id, amount) "
                                           "VALUES ('ORD1700000000000', 1, 'starter-track', 1.00)")));
        QVERIFY_SQL(query, exec(QStringLiteral("INSERT INTO enrollments (user_id, course_id, order_id) "
                                               "VALUES (1, 'starter-track', 1)")));
        QVERIFY(!query.exec(QStringLiteral("INSERT INTO enrollments (user_id, course_id, order_id) "
                                           "VALUES (1, 'starter-track', 1)")));
        QVERIFY_SQL(query, exec(QStringLiteral("INSERT INTO user_business_info (user_id) VALUES (1)")));
        QVERIFY(!query.exec(QStringLiteral("INSERT INTO user_business_info (user_id) VALUES (1)")));
        // Defaults as the platform sets them.
        QCOMPARE(
            count(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders WHERE currency = 'INR' AND status = 'CREATED'")),
            1);
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM users WHERE role = 'USER'")), 1);
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM enrollments WHERE status = 'ACTIVE'")), 1);
    }

    void moneyRoundTripsExactly()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(seedSql)), qPrintable(db.error()));
        QSqlQuery query(db.db());
        for (const char* amount : {"0.10", "0.20", "99999999.99"}) {
            query.prepare(QStringLiteral("INSERT INTO payments (order_id, amount, status) VALUES (1, ?, 'PENDING')"));
            query.addBindValue(QString::fromLatin1(amount));
            QVERIFY_SQL(query, exec());
        }
        const QString sum =
            db.engine() == Engine::Postgres
                ? QStringLiteral("SELECT SUM(amount * 100)::bigint FROM payments WHERE amount < 1")
                : QStringLiteral("SELECT SUM(CAST(round(amount * 100) AS INTEGER)) FROM payments WHERE amount < 1");
        QVERIFY_SQL(query, exec(sum));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toLongLong(), 30);
        QVERIFY_SQL(query, exec(QStringLiteral("SELECT amount FROM payments ORDER BY id")));
        QVERIFY(query.next());
        QCOMPARE(Money::minorFromSql(query.value(0)).value(), 10);
        query.next();
        query.next();
        QCOMPARE(Money::minorFromSql(query.value(0)).value(), 9999999999LL);
    }

    void adoptsPlatformDatabaseWithoutAlteringIt()
    {
        TEST_EMPTY_DATABASE(db);
        // The platform's own SQL, as its Prisma migration ran it, plus Prisma's bookkeeping table.
        QVERIFY2(db.exec(platformSql(db.engine())), qPrintable(db.error()));
        QVERIFY2(db.exec(QStringLiteral("CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, "
                                        "checksum VARCHAR(64) NOT NULL, migration_name VARCHAR(255) NOT NULL);\n"
                                        "INSERT INTO _prisma_migrations VALUES ('a', 'b', '0_init');")),
                 qPrintable(db.error()));
        QVERIFY2(db.exec(QString::fromUtf8(seedSql)), qPrintable(db.error()));
        const QStringList before = fingerprint(db.db());

        MigrationRunner runner(db.db());
        const auto status = runner.inspect();
        QCOMPARE(status.state, MigrationRunner::State::Unmanaged);
        QVERIFY(status.missing.isEmpty());
        // The confirmation lists exactly Coursedesk's own objects, nothing of the platform's.
        const QStringList planned = runner.plannedObjects();
        QVERIFY(planned.contains(QStringLiteral("table coursedesk_schema_version")));
        QVERIFY(planned.contains(QStringLiteral("table coursedesk_audit_log")));
        for (const QString& object : planned) {
            QVERIFY2(object.contains(QStringLiteral("coursedesk_")) || object.startsWith(QStringLiteral("index ")),
                     qPrintable(object));
            for (const QString& table : PlatformSchema::tableNames()) {
                QVERIFY2(object != QStringLiteral("table ") + table, qPrintable(object));
            }
        }
        QString error;
        QVERIFY2(runner.adopt(&error), qPrintable(error));
        QCOMPARE(runner.inspect().state, MigrationRunner::State::Current);
        // The platform's tables are exactly as they were, apart from Coursedesk's extra indexes.
        QStringList after = fingerprint(db.db());
        const QStringList extraIndexes = planned.filter(QStringLiteral("index "));
        const QString marker = QStringLiteral(" indexes: ");
        for (QString& line : after) {
            const qsizetype at = line.indexOf(marker);
            if (at < 0) {
                continue;
            }
            QStringList names = line.mid(at + marker.size()).split(QLatin1Char(','), Qt::SkipEmptyParts);
            for (const QString& index : extraIndexes) {
                names.removeAll(index.mid(6));
            }
            line = line.left(at + marker.size()) + names.join(QLatin1Char(','));
        }
        QCOMPARE(after, before);
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM _prisma_migrations")), 1);
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders")), 1);
        QVERIFY(!runner.createSchema(&error));
    }

    void reportsWhatIsMissing()
    {
        TEST_EMPTY_DATABASE(db);
        QVERIFY2(db.exec(platformSql(db.engine())), qPrintable(db.error()));
        QSqlQuery query(db.db());
        QVERIFY_SQL(query, exec(QStringLiteral("DROP TABLE user_business_info")));
        QVERIFY_SQL(query, exec(QStringLiteral("CREATE TABLE x (id INTEGER)")));
        const auto status = MigrationRunner(db.db()).inspect();
        QCOMPARE(status.state, MigrationRunner::State::Incomplete);
        QCOMPARE(status.missing, QStringList{QStringLiteral("table user_business_info is missing")});
        QVERIFY(status.message().contains(QStringLiteral("user_business_info")));
        QString error;
        QVERIFY(!MigrationRunner(db.db()).adopt(&error));
    }

    void reportsMissingColumn()
    {
        TEST_EMPTY_DATABASE(db);
        QString sql = platformSql(db.engine());
        sql.replace(QRegularExpression(QStringLiteral(".*razorpay_order_id.*\\n")), QString());
        QVERIFY2(db.exec(sql), qPrintable(db.error()));
        const auto status = MigrationRunner(db.db()).inspect();
        QCOMPARE(status.state, MigrationRunner::State::Incomplete);
        QCOMPARE(status.missing, QStringList{QStringLiteral("column orders.razorpay_order_id is missing")});
    }

    void refusesNewerVersion()
    {
        TEST_DATABASE(db);
        QSqlQuery query(db.db());
        QVERIFY_SQL(query, exec(QStringLiteral("INSERT INTO coursedesk_schema_version (version, name, how) "
                                               "VALUES (999, 'future', 'applied')")));
        const QStringList before = fingerprint(db.db());
        MigrationRunner runner(db.db());
        const auto status = runner.inspect();
        QCOMPARE(status.state, MigrationRunner::State::TooNew);
        QVERIFY(status.message().contains(QStringLiteral("newer Coursedesk")));
        QString error;
        QVERIFY(!runner.applyPending(&error));
        QVERIFY(error.contains(QStringLiteral("Nothing was changed")));
        QCOMPARE(fingerprint(db.db()), before);
    }

    void failedMigrationLeavesNothing()
    {
        TEST_EMPTY_DATABASE(db);
        // A table in the way of migration 2 makes it fail after migration 1 ran: all is rolled back.
        QVERIFY2(db.exec(QStringLiteral("CREATE TABLE coursedesk_saved_views (id INTEGER)")), qPrintable(db.error()));
        MigrationRunner runner(db.db());
        QCOMPARE(runner.inspect().state, MigrationRunner::State::Empty);
        QString error;
        QVERIFY(!runner.createSchema(&error));
        QVERIFY2(error.contains(QStringLiteral("Migration")), qPrintable(error));
        const SchemaInspector inspector(db.db());
        QVERIFY(!inspector.hasTable(QStringLiteral("users")));
        QVERIFY(!inspector.hasTable(MigrationRunner::versionTable()));
    }

    // "Empty" means no table at all: another application's database is named and left alone.
    void anotherApplicationsDatabaseIsNotEmpty()
    {
        TEST_EMPTY_DATABASE(db);
        QVERIFY2(db.exec(QStringLiteral("CREATE TABLE notes (id INTEGER, body TEXT);\n"
                                        "INSERT INTO notes (id, body) VALUES (1, 'mine');")),
                 qPrintable(db.error()));
        MigrationRunner runner(db.db());
        const auto status = runner.inspect();
        QCOMPARE(status.state, MigrationRunner::State::Foreign);
        QCOMPARE(status.foreign, QStringList{QStringLiteral("notes")});
        QVERIFY2(status.message().contains(QStringLiteral("another application (notes)")),
                 qPrintable(status.message()));
        QString error;
        QVERIFY(!runner.createSchema(&error));
        QVERIFY2(error.contains(QStringLiteral("another application")), qPrintable(error));
        QVERIFY(!runner.applyPending(&error));
        QVERIFY(!runner.adopt(&error));
        QCOMPARE(SchemaInspector(db.db()).tables(), QStringList{QStringLiteral("notes")});
        QCOMPARE(count(db.db(), QStringLiteral("SELECT COUNT(*) FROM notes")), 1);
    }

    void tablesInAnotherSchemaAreNotEmptyEither()
    {
        TEST_EMPTY_DATABASE(db);
        if (db.engine() == Engine::Sqlite) {
            // A view is a table of someone's too.
            QVERIFY2(db.exec(QStringLiteral("CREATE VIEW report AS SELECT 1 AS one;")), qPrintable(db.error()));
        } else {
            // The current schema is empty, another one is not: still someone else's database.
            QVERIFY2(db.exec(QStringLiteral("CREATE SCHEMA crm;\nCREATE TABLE crm.contacts (id INTEGER);")),
                     qPrintable(db.error()));
        }
        MigrationRunner runner(db.db());
        QCOMPARE(runner.inspect().state, MigrationRunner::State::Foreign);
        QCOMPARE(runner.inspect().foreign, QStringList{db.engine() == Engine::Sqlite ? QStringLiteral("report")
                                                                                     : QStringLiteral("crm.contacts")});
        QString error;
        QVERIFY(!runner.createSchema(&error));
        QVERIFY(!SchemaInspector(db.db()).hasTable(QStringLiteral("users")));
    }

    void migrationFilesListTheirObjects()
    {
        for (Engine engine : {Engine::Sqlite, Engine::Postgres}) {
            const QList<Migration> migrations = Migration::load(engine);
            QVERIFY(migrations.size() >= 2);
            QCOMPARE(migrations.first().version, 1);
            QVERIFY(migrations.first().createdObjects().contains(QStringLiteral("table users")));
            for (int i = 1; i < migrations.size(); ++i) {
                QCOMPARE(migrations.at(i).version, migrations.at(i - 1).version + 1);
                // Coursedesk's own migrations never touch a platform table's definition.
                QVERIFY(!migrations.at(i).sql.contains(QStringLiteral("ALTER TABLE"), Qt::CaseInsensitive));
                QVERIFY(!migrations.at(i).sql.contains(QStringLiteral("DROP "), Qt::CaseInsensitive));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestSchema)
#include "tst_schema.moc"
