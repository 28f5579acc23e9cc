// Form saves in core: optimistic concurrency with two connections, users with bcrypt passwords
// and their single business-info row, courses with features and marketplaces, delete checks.
#include "WorkflowFixture.h"
#include "crypto/Bcrypt.h"
#include "services/CourseService.h"
#include "services/RowSnapshot.h"
#include "services/RowWriter.h"
#include "services/UserService.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace WorkflowFixture;

namespace {
const TableSpec& spec(const char* table)
{
    return *TableSpec::forTable(QString::fromLatin1(table));
}

QHash<QString, QVariant> newUser(const QString& email)
{
    return {{QStringLiteral("first_name"), QStringLiteral("Meera")},
            {QStringLiteral("last_name"), QStringLiteral("Iyer")},
            {QStringLiteral("email"), email},
            {QStringLiteral("phone"), QStringLiteral("9123456780")},
            {QStringLiteral("address"), QStringLiteral("4 Beach Rd")},
            {QStringLiteral("city"), QStringLiteral("Chennai")},
            {QStringLiteral("state"), QStringLiteral("Tamil Nadu")},
            {QStringLiteral("pincode"), QStringLiteral("600001")}};
}
} // namespace

class TestRowWriter : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void conflictWithSecondConnection()
    {
        SEEDED_DATABASE(db);
        const QSqlDatabase other = QSqlDatabase::database(db.openExtraConnection());
        QVERIFY(other.isOpen());
        const RowSnapshot loaded = RowSnapshot::load(db.db(), spec("users"), 1);
        QVERIFY(loaded.exists());
        QCOMPARE(loaded.value(QStringLiteral("email")), QStringLiteral("asha@example.in"));
        QVERIFY(!loaded.has(QStringLiteral("password")));

        // Someone else changes the city; updated_at is deliberately left alone (a writer that
        // does not stamp it must still be noticed).
        QSqlQuery change(other);
        QVERIFY_SQL(change, exec(QStringLiteral("UPDATE users SET city = 'Nashik' WHERE id = 1")));

        QHash<QString, QVariant> edits{{QStringLiteral("first_name"), QStringLiteral("Ashwini")},
                                       {QStringLiteral("city"), QStringLiteral("Pune")}};
        auto r = RowWriter::update(db.db(), spec("users"), loaded, edits, false);
        QCOMPARE(int(r.status), int(RowWriter::Status::Conflict));
        QCOMPARE(r.changes.size(), 1);
        QCOMPARE(r.changes.first().column, QStringLiteral("city"));
        QCOMPARE(r.changes.first().loaded, QStringLiteral("Pune"));
        QCOMPARE(r.changes.first().current, QStringLiteral("Nashik"));
        QVERIFY(r.message.contains(QStringLiteral("Nashik")));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT first_name FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Asha"));

        // Overwrite: our changed field is written, the other writer's field survives (we did
        // not change city), updated_at is stamped.
        r = RowWriter::update(db.db(), spec("users"), loaded, edits, true);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT first_name FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Ashwini"));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Nashik"));
        QVERIFY(scalar(db.db(), QStringLiteral("SELECT updated_at FROM users WHERE id = 1")).toString() !=
                QStringLiteral("2026-01-01 00:00:00"));

        // Reload: a fresh snapshot saves without conflict.
        const RowSnapshot reloaded = RowSnapshot::load(db.db(), spec("users"), 1);
        r = RowWriter::update(db.db(), spec("users"), reloaded, {{QStringLiteral("city"), QStringLiteral("Mumbai")}},
                              false);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(scalar(other, QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Mumbai"));

        // Deleted meanwhile.
        QVERIFY_SQL(change, exec(QStringLiteral("DELETE FROM users WHERE id = 3")));
        r = RowWriter::update(
            db.db(), spec("users"),
            RowSnapshot::fromValues(spec("users"), 3, {{QStringLiteral("city"), QStringLiteral("Mumbai")}}, SqlTime()),
            {{QStringLiteral("city"), QStringLiteral("Delhi")}}, false);
        QCOMPARE(int(r.status), int(RowWriter::Status::Missing));
    }

    void moneyAndTimestampsCompareExactly()
    {
        SEEDED_DATABASE(db);
        const QSqlDatabase other = QSqlDatabase::database(db.openExtraConnection());
        const RowSnapshot loaded = RowSnapshot::load(db.db(), spec("courses"), QStringLiteral("starter-track"));
        QCOMPARE(loaded.value(QStringLiteral("fee")), QStringLiteral("5999.00"));
        // Same value, other spelling: no conflict.
        QSqlQuery change(other);
        QVERIFY_SQL(change, exec(QStringLiteral("UPDATE courses SET fee = 5999 WHERE id = 'starter-track'")));
        QVERIFY(
            loaded.changesTo(RowSnapshot::load(db.db(), spec("courses"), QStringLiteral("starter-track"))).isEmpty());
        QVERIFY_SQL(change, exec(QStringLiteral("UPDATE courses SET fee = 5999.01 WHERE id = 'starter-track'")));
        const auto changes =
            loaded.changesTo(RowSnapshot::load(db.db(), spec("courses"), QStringLiteral("starter-track")));
        QCOMPARE(changes.size(), 1);
        QCOMPARE(changes.first().current, QStringLiteral("5999.01"));
    }

    void validationBeforeWriting()
    {
        SEEDED_DATABASE(db);
        const QString before = fingerprint(db.db());
        QHash<QString, QVariant> values = newUser(QStringLiteral("ASHA@Example.in"));
        values.insert(QStringLiteral("phone"), QStringLiteral("5123456789"));
        values.insert(QStringLiteral("pincode"), QStringLiteral("12345"));
        values.insert(QStringLiteral("role"), QStringLiteral("SUPERUSER"));
        const auto r = UserService::create(db.db(), values, QStringLiteral("correct horse"));
        QCOMPARE(int(r.status), int(RowWriter::Status::Invalid));
        QStringList columns;
        for (const auto& v : r.violations) {
            columns << v.column;
        }
        columns.sort();
        QCOMPARE(columns, (QStringList{QStringLiteral("email"), QStringLiteral("phone"), QStringLiteral("pincode"),
                                       QStringLiteral("role")}));
        QCOMPARE(fingerprint(db.db()), before);

        // Weak password.
        const auto weak =
            UserService::create(db.db(), newUser(QStringLiteral("meera@example.in")), QStringLiteral("short"));
        QCOMPARE(weak.violations.value(0).column, QStringLiteral("password"));

        // fee above the original price
        const RowSnapshot course = RowSnapshot::load(db.db(), spec("courses"), QStringLiteral("starter-track"));
        const auto fee = CourseService::update(db.db(), course, {{QStringLiteral("fee"), QStringLiteral("8000.00")}},
                                               false, std::nullopt);
        QCOMPARE(int(fee.status), int(RowWriter::Status::Invalid));
        QCOMPARE(fee.violations.value(0).column, QStringLiteral("fee"));
        QCOMPARE(fingerprint(db.db()), before);
    }

    void createUserHashesPasswordAndBusinessInfoOnce()
    {
        SEEDED_DATABASE(db);
        const auto r = UserService::create(
            db.db(), newUser(QStringLiteral("meera@example.in")), QStringLiteral("correct horse"),
            UserService::BusinessInfo{QStringLiteral("some-knowledge"), QStringLiteral("Saree shop"), QString()});
        QVERIFY2(r.ok(), qPrintable(r.message));
        const QString hash =
            scalar(db.db(), QStringLiteral("SELECT password FROM users WHERE id = ?"), {r.key}).toString();
        QVERIFY2(hash.startsWith(QStringLiteral("$2a$10$")), qPrintable(hash.left(7)));
        QVERIFY(Bcrypt::verify(QStringLiteral("correct horse"), hash));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT role FROM users WHERE id = ?"), {r.key}).toString(),
                 QStringLiteral("USER"));
        QCOMPARE(count(db.db(), QStringLiteral("user_business_info"), QStringLiteral("user_id = ?"), {r.key}), 1);

        // Editing the business tab updates the one row.
        const RowSnapshot loaded = RowSnapshot::load(db.db(), spec("users"), r.key);
        const auto u =
            UserService::update(db.db(), loaded, {}, false,
                                UserService::BusinessInfo{QStringLiteral("currently-selling"),
                                                          QStringLiteral("Saree shop"), QStringLiteral("Flipkart")});
        QVERIFY2(u.ok(), qPrintable(u.message));
        QCOMPARE(count(db.db(), QStringLiteral("user_business_info"), QStringLiteral("user_id = ?"), {r.key}), 1);
        QCOMPARE(UserService::businessInfo(db.db(), r.key)->experienceLevel, QStringLiteral("currently-selling"));
        // Unknown experience level refused.
        const auto bad = UserService::update(db.db(), loaded, {}, false,
                                             UserService::BusinessInfo{QStringLiteral("guru"), QString(), QString()});
        QVERIFY(!bad.ok());

        // Reset password.
        const auto reset = UserService::resetPassword(db.db(), r.key, QStringLiteral("new secret 42"));
        QVERIFY2(reset.ok, qPrintable(reset.message));
        const QString newHash =
            scalar(db.db(), QStringLiteral("SELECT password FROM users WHERE id = ?"), {r.key}).toString();
        QVERIFY(Bcrypt::verify(QStringLiteral("new secret 42"), newHash));
        QVERIFY(!Bcrypt::verify(QStringLiteral("correct horse"), newHash));
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    void businessInfoChangedByOtherIsNotOverwritten()
    {
        SEEDED_DATABASE(db);
        const auto r = UserService::create(
            db.db(), newUser(QStringLiteral("kavya@example.in")), QStringLiteral("correct horse"),
            UserService::BusinessInfo{QStringLiteral("some-knowledge"), QStringLiteral("Saree shop"), QString()});
        QVERIFY2(r.ok(), qPrintable(r.message));
        // The form opens: the user row and the Business tab as they are now.
        const RowSnapshot loaded = RowSnapshot::load(db.db(), spec("users"), r.key);
        const UserService::BusinessInfo shown = *UserService::businessInfo(db.db(), r.key);
        // Someone else changes the business info meanwhile.
        QSqlQuery other(db.db());
        QVERIFY(other.prepare(QStringLiteral("UPDATE user_business_info SET goals = 'Open a second shop' "
                                             "WHERE user_id = ?")));
        other.addBindValue(r.key);
        QVERIFY(other.exec());

        const UserService::BusinessInfo mine{QStringLiteral("currently-selling"), QStringLiteral("Saree shop"),
                                             QString()};
        const auto refused = UserService::update(db.db(), loaded, {{QStringLiteral("city"), QStringLiteral("Surat")}},
                                                 false, mine, shown);
        QVERIFY(!refused.ok());
        QVERIFY2(refused.message.contains(QStringLiteral("Open a second shop")), qPrintable(refused.message));
        // Nothing was written: not the business info, not the user's own field.
        QCOMPARE(UserService::businessInfo(db.db(), r.key)->experienceLevel, QStringLiteral("some-knowledge"));
        QVERIFY(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = ?"), {r.key}).toString() !=
                QStringLiteral("Surat"));
        // Overwrite writes the user's version.
        const auto overwritten = UserService::update(db.db(), loaded, {}, true, mine, shown);
        QVERIFY2(overwritten.ok(), qPrintable(overwritten.message));
        QCOMPARE(UserService::businessInfo(db.db(), r.key)->experienceLevel, QStringLiteral("currently-selling"));
    }

    void courseWithFeaturesAndMarketplaces()
    {
        SEEDED_DATABASE(db);
        QCOMPARE(CourseService::slugFromName(QStringLiteral("  Pro Track (2026)!")), QStringLiteral("pro-track-2026"));
        QHash<QString, QVariant> values{{QStringLiteral("id"), QStringLiteral("pro-track")},
                                        {QStringLiteral("name"), QStringLiteral("Pro Track")},
                                        {QStringLiteral("duration"), QStringLiteral("90 Days")},
                                        {QStringLiteral("fee"), QStringLiteral("15999.00")},
                                        {QStringLiteral("original_price"), QStringLiteral("19999.00")},
                                        {QStringLiteral("level"), QStringLiteral("Advanced")}};
        CourseService::Details d{{QStringLiteral("Global expansion"), QStringLiteral("Team management")},
                                 {QStringLiteral("Amazon.in"), QStringLiteral("amazon.IN")}};
        const QString before = fingerprint(db.db());
        auto r = CourseService::create(db.db(), values, d);
        QCOMPARE(int(r.status), int(RowWriter::Status::Invalid));
        QCOMPARE(r.violations.value(0).column, QStringLiteral("marketplaces"));
        QCOMPARE(fingerprint(db.db()), before);
        d.marketplaces = {QStringLiteral("Amazon.in"), QStringLiteral("Meesho")};
        r = CourseService::create(db.db(), values, d);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(r.key.toString(), QStringLiteral("pro-track"));
        QCOMPARE(CourseService::details(db.db(), QStringLiteral("pro-track")).features, d.features);
        // The same id again is refused before writing.
        r = CourseService::create(db.db(), values, d);
        QCOMPARE(r.violations.value(0).column, QStringLiteral("id"));

        const QVariant firstFeatureId =
            scalar(db.db(), QStringLiteral("SELECT MIN(id) FROM course_features WHERE course_id = 'pro-track'"));
        const RowSnapshot loaded = RowSnapshot::load(db.db(), spec("courses"), QStringLiteral("pro-track"));
        d.features = {QStringLiteral("Global expansion"), QStringLiteral("Team management at scale"),
                      QStringLiteral("Automation")};
        d.marketplaces = {QStringLiteral("Meesho"), QStringLiteral("Flipkart")};
        r = CourseService::update(
            db.db(), loaded,
            {{QStringLiteral("id"), QStringLiteral("renamed")}, {QStringLiteral("fee"), QStringLiteral("14999.50")}},
            false, d);
        QVERIFY2(r.ok(), qPrintable(r.message));
        const auto stored = CourseService::details(db.db(), QStringLiteral("pro-track"));
        QCOMPARE(stored.features, d.features);
        QCOMPARE(stored.marketplaces, d.marketplaces);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT MIN(id) FROM course_features WHERE course_id = 'pro-track'")),
                 firstFeatureId);
        QCOMPARE(count(db.db(), QStringLiteral("courses"), QStringLiteral("id = 'renamed'")), 0);
        QCOMPARE(RowSnapshot::load(db.db(), spec("courses"), QStringLiteral("pro-track")).value(QStringLiteral("fee")),
                 QStringLiteral("14999.50"));

        // Someone else adds a feature after the form loaded the lists: a save with the form's lists
        // is refused (it would silently delete theirs), Overwrite writes the form's lists.
        const CourseService::Details shown = stored;
        const RowSnapshot reloaded = RowSnapshot::load(db.db(), spec("courses"), QStringLiteral("pro-track"));
        QVERIFY(db.exec(QStringLiteral("INSERT INTO course_features (course_id, feature) "
                                       "VALUES ('pro-track', 'Their new feature')")));
        CourseService::Details mine = shown;
        mine.features << QStringLiteral("My new feature");
        r = CourseService::update(db.db(), reloaded, {}, false, mine, shown);
        QVERIFY(!r.ok());
        QVERIFY2(r.message.contains(QStringLiteral("Their new feature")), qPrintable(r.message));
        QVERIFY(CourseService::details(db.db(), QStringLiteral("pro-track"))
                    .features.contains(QStringLiteral("Their new feature")));
        r = CourseService::update(db.db(), reloaded, {}, true, mine, shown);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QCOMPARE(CourseService::details(db.db(), QStringLiteral("pro-track")).features, mine.features);

        // Delete checks.
        const auto blocked = CourseService::checkDeletion(db.db(), QStringLiteral("starter-track"));
        QVERIFY2(blocked.blocked.contains(QStringLiteral("1 order")), qPrintable(blocked.blocked));
        const auto free = CourseService::checkDeletion(db.db(), QStringLiteral("pro-track"));
        QVERIFY(free.blocked.isEmpty());
        QCOMPARE(free.features, 4);
        QCOMPARE(free.marketplaces, 2);
        QCOMPARE(free.confirmation(QStringLiteral("Pro Track")),
                 QStringLiteral("Delete Pro Track? Its 4 features and 2 marketplaces are deleted with it."));
        QCOMPARE(unknownPlatformValues(db.db()), QStringList());
    }

    void constraintErrorBecomesFieldMessage()
    {
        SEEDED_DATABASE(db);
        // A unique violation the pre-check cannot see (another writer inserts between check and
        // write) comes back as the same kind of field message: simulate by a trigger-free path,
        // a duplicate order number through RowWriter::insert.
        QHash<QString, QVariant> order{{QStringLiteral("order_number"), QStringLiteral("ORD1700000000001")},
                                       {QStringLiteral("user_id"), 1},
                                       {QStringLiteral("course_id"), QStringLiteral("growth-track")},
                                       {QStringLiteral("amount"), QStringLiteral("9999.00")},
                                       {QStringLiteral("currency"), QStringLiteral("INR")},
                                       {QStringLiteral("status"), QStringLiteral("CREATED")}};
        const auto r = RowWriter::insert(db.db(), spec("orders"), order);
        QCOMPARE(int(r.status), int(RowWriter::Status::Failed));
        QCOMPARE(r.violations.value(0).column, QStringLiteral("order_number"));
        QVERIFY2(r.message.contains(QStringLiteral("already used")), qPrintable(r.message));
        order.insert(QStringLiteral("currency"), QStringLiteral("XYZ"));
        QCOMPARE(RowWriter::insert(db.db(), spec("orders"), order).violations.value(0).column,
                 QStringLiteral("currency"));
    }
};

QTEST_GUILESS_MAIN(TestRowWriter)
#include "tst_rowwriter.moc"
