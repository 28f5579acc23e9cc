// Coursedesk's objects on the platform's own database: what `coursedesk db objects` lists, prints
// and creates, that the platform's writes are never blocked while the indexes build (PostgreSQL:
// CREATE INDEX CONCURRENTLY), and that an interrupted build's INVALID index is found and rebuilt.
#include "DatasetGenerator.h"
#include "TestEngines.h"
#include "db/Database.h"
#include "dbadmin/DbCommand.h"
#include "schema/IndexCatalog.h"
#include "schema/MigrationRunner.h"
#include "schema/ObjectsBuilder.h"
#include "schema/SchemaInspector.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <atomic>
#include <thread>

namespace {
// A platform-made database: the platform's SQL only, no Coursedesk object.
bool makePlatformDatabase(TestDatabase& db, QString* error)
{
    DatasetSizes sizes;
    sizes.users = 2000;
    sizes.courses = 20;
    sizes.orders = 6000;
    sizes.platformOnly = true;
    return DatasetGenerator::generate(db.db(), sizes, error);
}

QString scalar(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    return query.exec(sql) && query.next() ? query.value(0).toString()
                                           : QStringLiteral("ERROR ") + query.lastError().text();
}

// The platform tables as they are: every column with its type, per table.
QStringList platformShape(const QSqlDatabase& db)
{
    QStringList shape;
    const SchemaInspector inspector(db);
    const QStringList tables = {QStringLiteral("users"),       QStringLiteral("courses"),
                                QStringLiteral("orders"),      QStringLiteral("payments"),
                                QStringLiteral("enrollments"), QStringLiteral("user_business_info")};
    for (const QString& table : tables) {
        for (const SchemaInspector::ColumnInfo& c : inspector.columns(table)) {
            shape << QStringLiteral("%1.%2 %3 %4").arg(table, c.name, c.type).arg(c.notNull);
        }
    }
    return shape;
}

// Runs a build on a thread of its own, with its own connection, as `db objects --apply` does.
class BackgroundBuild
{
public:
    explicit BackgroundBuild(const DatabaseUrl& url)
    {
        m_thread = std::thread([this, url] {
            const QString name = QStringLiteral("tst_objects_build");
            QString error;
            if (Database::open(url, name, &error)) {
                ObjectsBuilder builder(QSqlDatabase::database(name, false));
                m_pid = builder.backendPid();
                m_builder = &builder;
                m_ok = builder.apply(&m_error);
                m_cancelled = builder.wasCancelled();
                m_builder = nullptr;
            } else {
                m_error = error;
            }
            Database::close(name);
            m_done = true;
        });
    }
    ~BackgroundBuild() { join(); }
    void join()
    {
        if (m_thread.joinable()) {
            m_thread.join();
        }
    }
    bool done() const { return m_done; }
    bool ok() const { return m_ok; }
    bool cancelled() const { return m_cancelled; }
    QString error() const { return m_error; }
    qint64 pid() const { return m_pid; }
    ObjectsBuilder* builder() const { return m_builder; }

private:
    std::thread m_thread;
    std::atomic_bool m_done = false;
    std::atomic<qint64> m_pid = 0;
    std::atomic<ObjectsBuilder*> m_builder = nullptr;
    bool m_ok = false;
    bool m_cancelled = false;
    QString m_error;
};

// A reader whose snapshot is older than the build: CREATE INDEX CONCURRENTLY waits for it to end
// before it marks the index valid ("waiting for old snapshots"), which holds the build open for
// exactly as long as the test needs, without sleeps.
bool holdOldSnapshot(const QSqlDatabase& db)
{
    QSqlQuery query(db);
    return query.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")) &&
           query.exec(QStringLiteral("SELECT count(*) FROM courses")) && query.next();
}

bool buildIsWaiting(const QSqlDatabase& db, qint64 pid)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT phase FROM pg_stat_progress_create_index WHERE pid = ?"));
    query.addBindValue(pid);
    return pid > 0 && query.exec() && query.next() && query.value(0).toString().startsWith(QLatin1String("waiting"));
}
} // namespace

class TestObjectsBuilder : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void listsPrintsAndCreatesWhatIsMissing()
    {
        TEST_EMPTY_DATABASE(db);
        QString error;
        QVERIFY2(makePlatformDatabase(db, &error), qPrintable(error));
        const bool pg = db.engine() == Engine::Postgres;
        const QStringList shapeBefore = platformShape(db.db());
        QCOMPARE(MigrationRunner(db.db()).inspect().state, MigrationRunner::State::Unmanaged);

        ObjectsBuilder builder(db.db());
        const QList<ObjectsBuilder::Item> before = builder.inventory();
        QVERIFY(before.size() >= 13); // version table, 2 tables, 10-11 indexes (later migrations add more)
        for (const ObjectsBuilder::Item& item : before) {
            QVERIFY2(!item.exists, qPrintable(item.name));
            QVERIFY2(item.name.startsWith(QLatin1String("coursedesk_")), qPrintable(item.name));
        }
        const QStringList sql = builder.plannedSql();
        QVERIFY(sql.contains(QStringLiteral("CREATE INDEX %1coursedesk_orders_amount_id ON orders (amount, id)")
                                 .arg(pg ? QStringLiteral("CONCURRENTLY ") : QString())));
        // Statistics for the lower(email) expression, or PostgreSQL guesses how many users match.
        QCOMPARE(sql.contains(QStringLiteral("ANALYZE users")), pg);
        for (const QString& statement : sql) {
            QVERIFY2(!statement.contains(QLatin1String("ALTER"), Qt::CaseInsensitive), qPrintable(statement));
            QVERIFY2(!statement.startsWith(QLatin1String("DROP")), qPrintable(statement));
            if (pg && statement.startsWith(QLatin1String("CREATE INDEX"))) {
                QVERIFY2(statement.startsWith(QLatin1String("CREATE INDEX CONCURRENTLY")), qPrintable(statement));
            }
        }
        // Listing and printing changed nothing.
        auto withoutTimes = [](QStringList statements) {
            for (QString& statement : statements) {
                statement = statement.section(QStringLiteral(", '20"), 0, 0); // the applied_at literal
            }
            return statements;
        };
        QCOMPARE(withoutTimes(ObjectsBuilder(db.db()).plannedSql()), withoutTimes(sql));
        QCOMPARE(MigrationRunner(db.db()).inspect().state, MigrationRunner::State::Unmanaged);

        QVERIFY2(builder.apply(&error), qPrintable(error));
        QVERIFY(builder.isComplete());
        QVERIFY(builder.plannedSql().isEmpty());
        for (const ObjectsBuilder::Item& item : builder.inventory()) {
            QVERIFY2(item.exists, qPrintable(item.name));
        }
        QCOMPARE(MigrationRunner(db.db()).inspect().state, MigrationRunner::State::Current);
        QCOMPARE(platformShape(db.db()), shapeBefore);
        // The indexes are what the catalog now reports, and the pages plan from them.
        const IndexCatalog catalog = IndexCatalog::read(db.db());
        QVERIFY(catalog.leading(QStringLiteral("orders"), {QStringLiteral("created_at"), QStringLiteral("id")}));
        QCOMPARE(catalog.leading(QStringLiteral("orders"), {QStringLiteral("amount"), QStringLiteral("id")})->name,
                 QStringLiteral("coursedesk_orders_amount_id"));
    }

    void commandListsPrintsAndApplies()
    {
        TEST_EMPTY_DATABASE(db);
        QString error;
        QVERIFY2(makePlatformDatabase(db, &error), qPrintable(error));
        const QString url = db.url().toString();
        auto run = [](const QStringList& args, QString* out, QString* err) {
            QTextStream o(out);
            QTextStream e(err);
            const int code = DbCommand::run(args, o, e);
            o.flush();
            e.flush();
            return code;
        };
        QString out, err;
        QCOMPARE(run({"db", "objects"}, &out, &err), 2);
        QVERIFY2(err.contains(QLatin1String("--database")), qPrintable(err));
        out.clear();
        err.clear();
        QCOMPARE(run({"db", "objects", "--database", url}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("missing   index coursedesk_orders_amount_id on orders")), qPrintable(out));
        QVERIFY(out.contains(QLatin1String("missing or invalid")));
        out.clear();
        QCOMPARE(run({"db", "objects", "--database", url, "--print-sql"}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("coursedesk_orders_amount_id ON orders (amount, id);\n")), qPrintable(out));
        QCOMPARE(MigrationRunner(db.db()).inspect().state, MigrationRunner::State::Unmanaged);
        out.clear();
        err.clear();
        QCOMPARE(run({"db", "objects", "--database", url, "--apply"}, &out, &err), 0);
        QCOMPARE(MigrationRunner(db.db()).inspect().state, MigrationRunner::State::Current);
        out.clear();
        QCOMPARE(run({"db", "objects", "--database", url}, &out, &err), 0);
        QVERIFY2(out.contains(QLatin1String("All of Coursedesk's objects exist.")), qPrintable(out));
        QVERIFY(!out.contains(QLatin1String("missing ")));
        // --apply also started the daily revenue rollup (migration 006): every row recorded.
        QVERIFY2(out.contains(QLatin1String("started   the daily revenue rollup")), qPrintable(out));
        QSqlQuery seen(db.db());
        QVERIFY(seen.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM coursedesk_revenue_state), (SELECT COUNT(*) "
                                         "FROM coursedesk_revenue_seen_payments), (SELECT COUNT(*) FROM payments)")));
        QVERIFY(seen.next());
        QCOMPARE(seen.value(0).toInt(), 1);
        QCOMPARE(seen.value(1).toLongLong(), seen.value(2).toLongLong());
    }

    void platformWritesGoOnWhileIndexesBuild()
    {
        TEST_EMPTY_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("SQLite has one writer at a time: there is no concurrent build to prove");
        }
        QString error;
        QVERIFY2(makePlatformDatabase(db, &error), qPrintable(error));
        const QSqlDatabase reader = QSqlDatabase::database(db.openExtraConnection(), false);
        const QSqlDatabase platform = QSqlDatabase::database(db.openExtraConnection(), false);
        QVERIFY(holdOldSnapshot(reader));

        BackgroundBuild build(db.url());
        // The first index (on orders) is built and now waits for the old reader: the build is open.
        QTRY_VERIFY_WITH_TIMEOUT(buildIsWaiting(db.db(), build.pid()), 30000);
        QVERIFY2(build.error().isEmpty(), qPrintable(build.error()));
        // The build holds no lock on orders that conflicts with an INSERT (SHARE UPDATE EXCLUSIVE
        // does not; a plain CREATE INDEX takes SHARE, which does).
        QSqlQuery locks(db.db());
        QVERIFY(locks.exec(QStringLiteral("SELECT l.mode FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                                          "WHERE l.pid = %1 AND c.relname = 'orders'")
                               .arg(build.pid())));
        QStringList modes;
        while (locks.next()) {
            modes << locks.value(0).toString();
        }
        QCOMPARE(modes, QStringList{QStringLiteral("ShareUpdateExclusiveLock")});
        // The platform's checkout writes an order meanwhile; a lock wait would fail it, not hang.
        QSqlQuery insert(platform);
        QVERIFY(insert.exec(QStringLiteral("SET lock_timeout = '5s'")));
        QVERIFY2(insert.exec(QStringLiteral(
                     "INSERT INTO orders (order_number, user_id, course_id, amount, currency, status, created_at, "
                     "updated_at) VALUES ('ORD9999999999999', 1, 'course-0001', 5999.00, 'INR', 'CREATED', "
                     "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)")),
                 qPrintable(insert.lastError().text()));
        QVERIFY2(!build.done(), "the INSERT finished while the build was still running");
        QVERIFY(buildIsWaiting(db.db(), build.pid()));

        QSqlQuery(reader).exec(QStringLiteral("COMMIT"));
        QTRY_VERIFY_WITH_TIMEOUT(build.done(), 60000);
        build.join();
        QVERIFY2(build.ok(), qPrintable(build.error()));
        QVERIFY(ObjectsBuilder(db.db()).isComplete());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT count(*) FROM orders WHERE order_number = 'ORD9999999999999'")),
                 QStringLiteral("1"));
    }

    void interruptedBuildIsFoundAndRebuilt()
    {
        TEST_EMPTY_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("Only PostgreSQL's concurrent builds leave INVALID indexes behind");
        }
        QString error;
        QVERIFY2(makePlatformDatabase(db, &error), qPrintable(error));
        const QSqlDatabase reader = QSqlDatabase::database(db.openExtraConnection(), false);
        QVERIFY(holdOldSnapshot(reader));
        {
            BackgroundBuild build(db.url());
            QTRY_VERIFY_WITH_TIMEOUT(buildIsWaiting(db.db(), build.pid()), 30000);
            const ObjectsBuilder::Progress progress = build.builder()->progress(db.connectionName());
            QCOMPARE(progress.index, QStringLiteral("coursedesk_orders_created_at_id"));
            QVERIFY2(progress.phase.startsWith(QLatin1String("waiting")), qPrintable(progress.phase));
            build.builder()->cancel(db.connectionName());
            QTRY_VERIFY_WITH_TIMEOUT(build.done(), 30000);
            build.join();
            QVERIFY(!build.ok());
            QVERIFY(build.cancelled());
            QVERIFY2(build.error().contains(QLatin1String("Cancelled")), qPrintable(build.error()));
        }
        QSqlQuery(reader).exec(QStringLiteral("COMMIT"));

        ObjectsBuilder builder(db.db());
        bool foundInvalid = false;
        for (const ObjectsBuilder::Item& item : builder.inventory()) {
            if (item.name == QLatin1String("coursedesk_orders_created_at_id")) {
                foundInvalid = item.invalid && !item.exists;
            }
        }
        QVERIFY(foundInvalid);
        // The catalog does not plan with it: the orders page still reads by primary key.
        QVERIFY(!IndexCatalog::read(db.db()).leading(QStringLiteral("orders"),
                                                     {QStringLiteral("created_at"), QStringLiteral("id")}));
        const QStringList sql = builder.plannedSql();
        const int drop =
            sql.indexOf(QStringLiteral("DROP INDEX CONCURRENTLY IF EXISTS coursedesk_orders_created_at_id"));
        QVERIFY2(drop >= 0, qPrintable(sql.join(QLatin1Char('\n'))));
        QVERIFY(
            sql.value(drop + 1).startsWith(QLatin1String("CREATE INDEX CONCURRENTLY coursedesk_orders_created_at_id")));
        QVERIFY2(builder.apply(&error), qPrintable(error));
        QVERIFY(builder.isComplete());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT count(*) FROM pg_index WHERE NOT indisvalid")),
                 QStringLiteral("0"));
    }
};

QTEST_GUILESS_MAIN(TestObjectsBuilder)
#include "tst_objectsbuilder.moc"
