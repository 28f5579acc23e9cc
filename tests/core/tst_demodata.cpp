#include "TestEngines.h"
#include "crypto/Bcrypt.h"
#include "crypto/RazorpaySignature.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "demo/DemoDatabase.h"
#include "domain/PlatformValues.h"
#include "money/MoneySql.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <map>
#include <memory>

namespace {
const QDate anchor(2025, 7, 1);

int count(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        qWarning() << sql << query.lastError().text();
        return -1;
    }
    return query.value(0).toInt();
}

QStringList column(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    QStringList values;
    if (!query.exec(sql)) {
        qWarning() << sql << query.lastError().text();
        return {QStringLiteral("<query failed>")};
    }
    while (query.next()) {
        QStringList fields;
        for (int i = 0; i < query.record().count(); ++i) {
            fields << query.value(i).toString();
        }
        values << fields.join(QLatin1Char('|'));
    }
    return values;
}

QByteArray fileDigest(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}
} // namespace

class TestDemoData : public QObject
{
    Q_OBJECT
private:
    // One filled database per engine, shared by the read-only checks (a fill takes seconds).
    std::map<Engine, std::unique_ptr<TestDatabase>> m_filled;

    TestDatabase* filled(Engine engine)
    {
        auto& slot = m_filled[engine];
        if (!slot) {
            auto db = std::make_unique<TestDatabase>(engine);
            if (!db->isValid() || !db->createSchema()) {
                qWarning() << db->error();
                return nullptr;
            }
            QElapsedTimer timer;
            timer.start();
            QString error;
            if (!DemoDatabase::fill(db->db(), &error, anchor)) {
                qWarning() << error;
                return nullptr;
            }
            qInfo("Demo fill on %s: %lld ms", engine == Engine::Postgres ? "PostgreSQL" : "SQLite", timer.elapsed());
            slot = std::move(db);
        }
        return slot.get();
    }

#define FILLED_DATABASE(name)                                                                                          \
    TEST_ENGINE_OR_SKIP(name##Engine);                                                                                 \
    TestDatabase* name##Ptr = filled(name##Engine);                                                                    \
    QVERIFY2(name##Ptr, "the demo fill failed");                                                                       \
    const QSqlDatabase name = name##Ptr->db()

private slots:
    void initTestCase_data()
    {
        TestEngines::addRows();
    }
    void cleanupTestCase()
    {
        m_filled.clear();
    }

    void countsAreInRange()
    {
        FILLED_DATABASE(db);
        QString error;
        const DemoDatabase::Counts counts = DemoDatabase::count(db, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        qInfo("users %d (admins %d), courses %d, features %d, marketplaces %d, orders %d, payments %d, "
              "enrollments %d, business info %d",
              counts.users, counts.admins, counts.courses, counts.courseFeatures, counts.courseMarketplaces,
              counts.orders, counts.payments, counts.enrollments, counts.businessInfo);
        QVERIFY(counts.users >= 1900 && counts.users <= 2100);
        QVERIFY(counts.admins >= 2 && counts.admins <= 5);
        QVERIFY(counts.courses >= 12 && counts.courses <= 15);
        QVERIFY(counts.courseFeatures >= 3 * 6 + 10 * 3);
        QVERIFY(counts.courseMarketplaces >= 1 + 2 + 4 + 10);
        QVERIFY(counts.orders >= 5500 && counts.orders <= 6500);
        QVERIFY(counts.payments >= 5000 && counts.payments <= counts.orders);
        QVERIFY(counts.enrollments >= 3500 && counts.enrollments <= counts.orders);
        QVERIFY(counts.businessInfo >= counts.users / 2 && counts.businessInfo < counts.users);
    }

    void ordersPaymentsAndEnrollmentsAgree()
    {
        FILLED_DATABASE(db);
        const Engine engine = Database::engine(db);
        const QString orderMinor = MoneySql::minorUnits(engine, QStringLiteral("o.amount"));
        const QString paymentMinor = MoneySql::minorUnits(engine, QStringLiteral("p.amount"));
        // Every PAID order with an amount has a COMPLETED payment of exactly that amount...
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM orders o WHERE o.status = 'PAID' AND %1 > 0 AND "
                                          "NOT EXISTS (SELECT 1 FROM payments p WHERE p.order_id = o.id AND "
                                          "p.status = 'COMPLETED' AND %2 = %1)")
                               .arg(orderMinor, paymentMinor)),
                 0);
        // ... and an enrollment for the same user and course.
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM orders o WHERE o.status = 'PAID' AND NOT EXISTS "
                                          "(SELECT 1 FROM enrollments e WHERE e.order_id = o.id AND "
                                          "e.user_id = o.user_id AND e.course_id = o.course_id)")),
                 0);
        // Every ACTIVE enrollment's order is PAID; every COMPLETED payment's order is PAID.
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM enrollments e JOIN orders o ON o.id = e.order_id "
                                          "WHERE e.status = 'ACTIVE' AND o.status <> 'PAID'")),
                 0);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id "
                                          "WHERE p.status = 'COMPLETED' AND (o.status <> 'PAID' OR %1 <> %2)")
                               .arg(orderMinor, paymentMinor)),
                 0);
        // A refund: payment REFUNDED, order CANCELLED, enrollment CANCELLED. And nothing else is cancelled.
        const int refunded = count(db, QStringLiteral("SELECT COUNT(*) FROM payments WHERE status = 'REFUNDED'"));
        QVERIFY2(refunded >= 3 && refunded <= 150, qPrintable(QString::number(refunded)));
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id "
                                          "JOIN enrollments e ON e.order_id = o.id WHERE p.status = 'REFUNDED' AND "
                                          "o.status = 'CANCELLED' AND e.status = 'CANCELLED'")),
                 refunded);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM orders WHERE status = 'CANCELLED'")), refunded);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM enrollments WHERE status = 'CANCELLED'")), refunded);
        // Failed and pending payments leave FAILED and CREATED orders without an enrollment.
        QVERIFY(count(db, QStringLiteral("SELECT COUNT(*) FROM payments WHERE status = 'FAILED'")) > 100);
        QVERIFY(count(db, QStringLiteral("SELECT COUNT(*) FROM payments WHERE status = 'PENDING'")) > 20);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id "
                                          "WHERE (p.status = 'FAILED' AND o.status <> 'FAILED') OR "
                                          "(p.status = 'PENDING' AND o.status <> 'CREATED')")),
                 0);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM enrollments e JOIN orders o ON o.id = e.order_id "
                                          "WHERE o.status IN ('CREATED', 'FAILED')")),
                 0);
        // Complimentary enrollments: 0.00 PAID orders with no payment.
        const int free = count(
            db, QStringLiteral("SELECT COUNT(*) FROM orders o WHERE o.status = 'PAID' AND %1 = 0").arg(orderMinor));
        QVERIFY(free >= 5 && free <= 60);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM orders o JOIN payments p ON p.order_id = o.id "
                                          "WHERE %1 = 0")
                               .arg(orderMinor)),
                 0);
        // Completed enrollments carry their completion date, others do not.
        QVERIFY(count(db, QStringLiteral("SELECT COUNT(*) FROM enrollments WHERE status = 'COMPLETED'")) > 200);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM enrollments WHERE (status = 'COMPLETED') <> "
                                          "(completion_date IS NOT NULL)")),
                 0);
        QVERIFY(count(db, QStringLiteral("SELECT COUNT(*) FROM enrollments WHERE status = 'SUSPENDED'")) > 0);
        // A few customers paid in dollars; the amount is the course's fee in their currency.
        const int usd = count(db, QStringLiteral("SELECT COUNT(*) FROM orders WHERE currency = 'USD'"));
        QVERIFY(usd > 10 && usd < 400);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM orders o JOIN courses c ON c.id = o.course_id WHERE "
                                          "o.currency = 'INR' AND %1 <> 0 AND %1 <> %2")
                               .arg(orderMinor, MoneySql::minorUnits(engine, QStringLiteral("c.fee")))),
                 0);
        // One enrollment per user and course; ids and order numbers unique.
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT user_id, course_id FROM enrollments "
                                          "GROUP BY user_id, course_id HAVING COUNT(*) > 1) d")),
                 0);
    }

    void valuesAreThePlatformsOwn()
    {
        FILLED_DATABASE(db);
        for (PlatformValues::Kind kind : PlatformValues::allKinds()) {
            const auto where = PlatformValues::column(kind);
            const QStringList found = column(
                db, QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE %1 IS NOT NULL").arg(where.column, where.table));
            QVERIFY(!found.isEmpty());
            for (const QString& value : found) {
                QVERIFY2(PlatformValues::isKnown(kind, value), qPrintable(where.table + QLatin1Char('.') + value));
            }
            // The demo shows every value the platform knows.
            QCOMPARE(found.size(), PlatformValues::values(kind).size());
        }
        for (const QString& currency : column(db, QStringLiteral("SELECT DISTINCT currency FROM orders"))) {
            QVERIFY2(PlatformValues::isKnownCurrency(currency), qPrintable(currency));
        }
        const QStringList methods = column(db, QStringLiteral("SELECT DISTINCT payment_method FROM payments"));
        for (const char* method : {"card", "upi", "netbanking", "wallet"}) {
            QVERIFY2(methods.contains(QLatin1String(method)), method);
        }
    }

    void usersLookReal()
    {
        FILLED_DATABASE(db);
        static const QRegularExpression phone(QStringLiteral("^[6-9]\\d{9}$"));
        static const QRegularExpression pincode(QStringLiteral("^\\d{6}$"));
        static const QRegularExpression email(QStringLiteral("^[a-z0-9._]+@[a-z0-9.-]+\\.[a-z]+$"));
        QSqlQuery query(db);
        QVERIFY_SQL(query, exec(QStringLiteral("SELECT email, phone, whatsapp, pincode, state, city, address, "
                                               "first_name, last_name, password FROM users")));
        QSet<QString> emails;
        QSet<QString> hashes;
        int rows = 0;
        while (query.next()) {
            ++rows;
            const QString mail = query.value(0).toString();
            QVERIFY2(email.match(mail).hasMatch(), qPrintable(mail));
            QVERIFY2(!emails.contains(mail), qPrintable(mail));
            emails.insert(mail);
            QVERIFY2(phone.match(query.value(1).toString()).hasMatch(), qPrintable(query.value(1).toString()));
            QVERIFY(query.value(2).isNull() || phone.match(query.value(2).toString()).hasMatch());
            QVERIFY2(pincode.match(query.value(3).toString()).hasMatch(), qPrintable(query.value(3).toString()));
            QVERIFY2(PlatformValues::indianStates().contains(query.value(4).toString()),
                     qPrintable(query.value(4).toString()));
            for (int i = 5; i <= 8; ++i) {
                QVERIFY(!query.value(i).toString().trimmed().isEmpty());
            }
            const QString hash = query.value(9).toString();
            QVERIFY2(hash.startsWith(QLatin1String("$2a$10$")) && Bcrypt::looksLikeHash(hash), qPrintable(hash));
            hashes.insert(hash);
        }
        QVERIFY(rows > 0);
        // The pool: a handful of distinct hashes, each of one of the documented demo passwords.
        QVERIFY(hashes.size() >= 2 && hashes.size() <= DemoDatabase::passwords().size());
        QList<QString> sample = hashes.values();
        std::sort(sample.begin(), sample.end());
        for (const QString& hash : sample.mid(0, 3)) {
            bool matched = false;
            for (const QString& password : DemoDatabase::passwords()) {
                if (Bcrypt::verify(password, hash)) {
                    matched = true;
                    break;
                }
            }
            QVERIFY2(matched, qPrintable(hash));
        }
        // Staff sign in with Coursedesk@1.
        const QStringList admins = column(db, QStringLiteral("SELECT password FROM users WHERE role = 'ADMIN'"));
        QVERIFY(admins.size() >= 2);
        QVERIFY(Bcrypt::verify(QStringLiteral("Coursedesk@1"), admins.first()));
        // Checkout answers only for buyers.
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM user_business_info b WHERE NOT EXISTS "
                                          "(SELECT 1 FROM orders o WHERE o.user_id = b.user_id)")),
                 0);
    }

    void signaturesVerify()
    {
        FILLED_DATABASE(db);
        static const QRegularExpression orderId(QStringLiteral("^order_[A-Za-z0-9]{14}$"));
        static const QRegularExpression paymentId(QStringLiteral("^pay_[A-Za-z0-9]{14}$"));
        QSqlQuery query(db);
        QVERIFY_SQL(query, exec(QStringLiteral("SELECT o.razorpay_order_id, p.razorpay_payment_id, "
                                               "p.razorpay_signature, p.status FROM payments p "
                                               "JOIN orders o ON o.id = p.order_id")));
        int signedCount = 0;
        while (query.next()) {
            QVERIFY2(orderId.match(query.value(0).toString()).hasMatch(), qPrintable(query.value(0).toString()));
            QVERIFY2(paymentId.match(query.value(1).toString()).hasMatch(), qPrintable(query.value(1).toString()));
            const QString status = query.value(3).toString();
            if (status == PlatformValues::Payment::completed || status == PlatformValues::Payment::refunded) {
                QVERIFY(RazorpaySignature::verify(query.value(0).toString(), query.value(1).toString(),
                                                  query.value(2).toString(), DemoDatabase::keySecret()));
                QVERIFY(!RazorpaySignature::verify(query.value(0).toString(), query.value(1).toString(),
                                                   query.value(2).toString(), QByteArray("another_secret")));
                ++signedCount;
            } else {
                QVERIFY(query.value(2).isNull()); // only verified payments carry a signature
            }
        }
        QVERIFY(signedCount > 3000);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT razorpay_payment_id FROM payments "
                                          "GROUP BY razorpay_payment_id HAVING COUNT(*) > 1) d")),
                 0);
    }

    void catalogIsThePlatforms()
    {
        FILLED_DATABASE(db);
        QCOMPARE(column(db, QStringLiteral("SELECT id, name, description, duration, level FROM courses "
                                           "WHERE id IN ('starter-track', 'growth-track', 'pro-track') ORDER BY id")),
                 QStringList({QStringLiteral("growth-track|Growth Track|Sellers scaling to multiple platforms|60 "
                                             "Days|Intermediate"),
                              QStringLiteral("pro-track|Pro Track|Serious entrepreneurs building long-term "
                                             "brands|90 Days|Advanced"),
                              QStringLiteral("starter-track|Starter Track|New sellers setting up their first "
                                             "store|45 Days|Beginner")}));
        const Engine engine = Database::engine(db);
        QCOMPARE(
            column(db, QStringLiteral("SELECT id, %1, %2 FROM courses WHERE id LIKE '%-track' ORDER BY id")
                           .arg(MoneySql::minorUnits(engine, QStringLiteral("fee")),
                                MoneySql::minorUnits(engine, QStringLiteral("original_price")))),
            QStringList({QStringLiteral("growth-track|999900|1299900"), QStringLiteral("pro-track|1599900|1999900"),
                         QStringLiteral("starter-track|599900|799900")}));
        QCOMPARE(
            column(db, QStringLiteral("SELECT feature FROM course_features WHERE course_id = 'starter-track' "
                                      "ORDER BY id")),
            QStringList({QStringLiteral("Live training sessions"), QStringLiteral("Real account implementation"),
                         QStringLiteral("Lifetime community access"), QStringLiteral("GST and compliance training"),
                         QStringLiteral("Product listing optimization"),
                         QStringLiteral("Customer service fundamentals")}));
        QCOMPARE(
            column(db, QStringLiteral("SELECT feature FROM course_features WHERE course_id = 'growth-track' "
                                      "ORDER BY id")),
            QStringList({QStringLiteral("Multi-platform management"), QStringLiteral("Advanced advertising strategies"),
                         QStringLiteral("Brand building fundamentals"), QStringLiteral("Analytics and reporting"),
                         QStringLiteral("Cross-platform logistics"), QStringLiteral("Scaling strategies")}));
        QCOMPARE(
            column(db, QStringLiteral("SELECT feature FROM course_features WHERE course_id = 'pro-track' "
                                      "ORDER BY id")),
            QStringList({QStringLiteral("Global marketplace expansion"), QStringLiteral("Advanced brand building"),
                         QStringLiteral("International logistics"), QStringLiteral("Advanced analytics and automation"),
                         QStringLiteral("Team management strategies"), QStringLiteral("Enterprise-level strategies")}));
        QCOMPARE(column(db, QStringLiteral("SELECT course_id, marketplace FROM course_marketplaces WHERE course_id "
                                           "LIKE '%-track' ORDER BY course_id, id")),
                 QStringList({QStringLiteral("growth-track|Amazon.in"), QStringLiteral("growth-track|Flipkart"),
                              QStringLiteral("pro-track|Amazon.in"), QStringLiteral("pro-track|Flipkart"),
                              QStringLiteral("pro-track|Meesho"), QStringLiteral("pro-track|Amazon Global"),
                              QStringLiteral("starter-track|Amazon.in")}));
        // The other courses: slug ids, 0 <= fee <= original price, known marketplaces, no duplicates.
        static const QRegularExpression slug(QStringLiteral("^[a-z0-9]+(-[a-z0-9]+)*$"));
        for (const QString& id : column(db, QStringLiteral("SELECT id FROM courses"))) {
            QVERIFY2(slug.match(id).hasMatch() && id.size() <= 50, qPrintable(id));
        }
        QCOMPARE(
            count(db, QStringLiteral("SELECT COUNT(*) FROM courses WHERE NOT (0 <= fee AND fee <= original_price)")),
            0);
        for (const QString& m : column(db, QStringLiteral("SELECT DISTINCT marketplace FROM course_marketplaces"))) {
            QVERIFY2(PlatformValues::knownMarketplaces().contains(m), qPrintable(m));
        }
        QCOMPARE(
            count(db, QStringLiteral("SELECT COUNT(*) FROM (SELECT course_id, marketplace FROM "
                                     "course_marketplaces GROUP BY course_id, marketplace HAVING COUNT(*) > 1) d")),
            0);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM courses c WHERE NOT EXISTS "
                                          "(SELECT 1 FROM course_features f WHERE f.course_id = c.id)")),
                 0);
    }

    void timesFollowTheFlow()
    {
        FILLED_DATABASE(db);
        const SqlTime time = SqlTime::forConnection(db);
        const QDateTime start(anchor.addMonths(-18), QTime(0, 0), QTimeZone(19800));
        const QDateTime end(anchor, QTime(0, 0), QTimeZone(19800));
        QSqlQuery query(db);
        QVERIFY_SQL(query, exec(QStringLiteral("SELECT o.order_number, o.created_at, o.updated_at, u.created_at, "
                                               "c.created_at FROM orders o JOIN users u ON u.id = o.user_id "
                                               "JOIN courses c ON c.id = o.course_id ORDER BY o.id")));
        QDateTime previous;
        int rows = 0;
        while (query.next()) {
            ++rows;
            const QDateTime created = time.fromDb(query.value(1));
            QVERIFY(created.isValid());
            QVERIFY2(created >= start && created < end, qPrintable(created.toString(Qt::ISODateWithMs)));
            // "ORD" + the order's own epoch milliseconds, ids in time order.
            QCOMPARE(query.value(0).toString(), QStringLiteral("ORD%1").arg(created.toMSecsSinceEpoch()));
            QVERIFY(!previous.isValid() || previous < created);
            previous = created;
            QVERIFY(time.fromDb(query.value(2)) >= created);
            QVERIFY(time.fromDb(query.value(3)) <= created); // the customer existed
            QVERIFY(time.fromDb(query.value(4)) <= created); // the course existed
        }
        QVERIFY(rows > 0);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM payments p JOIN orders o ON o.id = p.order_id "
                                          "WHERE p.created_at < o.created_at OR p.updated_at < p.created_at")),
                 0);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM payments WHERE (status IN ('COMPLETED', 'REFUNDED', "
                                          "'FAILED')) <> (payment_date IS NOT NULL)")),
                 0);
        QCOMPARE(count(db, QStringLiteral("SELECT COUNT(*) FROM enrollments e JOIN orders o ON o.id = e.order_id "
                                          "WHERE e.enrollment_date < o.created_at OR e.completion_date < "
                                          "e.enrollment_date OR e.created_at <> e.enrollment_date")),
                 0);
    }

    void sameAnchorSameData()
    {
        FILLED_DATABASE(db);
        TEST_EMPTY_DATABASE(second);
        QVERIFY2(second.createSchema(), qPrintable(second.error()));
        QString error;
        QVERIFY2(DemoDatabase::fill(second.db(), &error, anchor), qPrintable(error));
        const Engine engine = Database::engine(db);
        const QString orders = QStringLiteral("SELECT o.id, o.order_number, %1, o.currency, o.status, u.email, "
                                              "o.razorpay_order_id FROM orders o JOIN users u ON u.id = o.user_id "
                                              "ORDER BY o.id")
                                   .arg(MoneySql::minorUnits(engine, QStringLiteral("o.amount")));
        const QStringList first = column(db, orders);
        QCOMPARE(first.size(), DemoDatabase::count(db).orders);
        QCOMPARE(column(second.db(), orders), first);
        const QString rest = QStringLiteral("SELECT id, razorpay_payment_id, razorpay_signature, status, "
                                            "payment_method FROM payments ORDER BY id");
        QCOMPARE(column(second.db(), rest), column(db, rest));
        const QString users = QStringLiteral("SELECT id, email, phone, password, city, pincode FROM users ORDER BY id");
        QCOMPARE(column(second.db(), users), column(db, users));

        // A second fill into the same tables is refused and changes nothing.
        QVERIFY(!DemoDatabase::fill(second.db(), &error, anchor));
        QVERIFY(!error.isEmpty());
        QCOMPARE(column(second.db(), orders), first);
        // New rows after the fill get fresh ids (PostgreSQL sequences were moved past the demo rows).
        QSqlQuery insert(second.db());
        QVERIFY_SQL(insert, exec(QStringLiteral("INSERT INTO course_features (course_id, feature) "
                                                "VALUES ('starter-track', 'Extra')")));
        QCOMPARE(count(second.db(), QStringLiteral("SELECT COUNT(*) FROM course_features")),
                 DemoDatabase::count(db).courseFeatures + 1);
    }

    void otherAnchorOtherDates()
    {
        FILLED_DATABASE(db);
        TEST_DATABASE(other);
        QString error;
        QVERIFY2(DemoDatabase::fill(other.db(), &error, anchor.addDays(10)), qPrintable(error));
        const QString first = QStringLiteral("SELECT order_number FROM orders WHERE id = 1");
        QVERIFY(column(other.db(), first) != column(db, first));
    }

    void ensureCreatesOnceAndThenLeavesAlone()
    {
        TEST_ENGINE_OR_SKIP(engine);
        if (engine != Engine::Sqlite) {
            QSKIP("ensure() makes the SQLite demo file");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("sub/demo.db"));
        QString error;
        QVERIFY2(DemoDatabase::ensure(path, &error), qPrintable(error));
        QVERIFY(QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")) || QFileInfo(path + QStringLiteral("-wal")).size() == 0);
        const QByteArray digest = fileDigest(path);
        const QDateTime modified = QFileInfo(path).lastModified();
        {
            QVERIFY2(Database::open(DatabaseUrl::sqliteFile(path), QStringLiteral("demo_check"), &error),
                     qPrintable(error));
            const DemoDatabase::Counts counts =
                DemoDatabase::count(QSqlDatabase::database(QStringLiteral("demo_check")));
            QVERIFY(counts.users >= 1900);
            QVERIFY(counts.orders >= 5500);
            Database::close(QStringLiteral("demo_check"));
        }
        QVERIFY2(DemoDatabase::ensure(path, &error), qPrintable(error));
        QCOMPARE(fileDigest(path), digest);
        QCOMPARE(QFileInfo(path).lastModified(), modified);

        // A file that is not a database is refused and left as it was.
        const QString junk = dir.filePath(QStringLiteral("junk.db"));
        {
            QFile file(junk);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(QByteArray(4096, 'x'));
        }
        QVERIFY(!DemoDatabase::ensure(junk, &error));
        QCOMPARE(QFileInfo(junk).size(), 4096);

        // An empty file (or one holding only the schema) is filled.
        const QString empty = dir.filePath(QStringLiteral("empty.db"));
        {
            QFile file(empty);
            QVERIFY(file.open(QIODevice::WriteOnly));
        }
        QVERIFY2(DemoDatabase::ensure(empty, &error), qPrintable(error));
        QVERIFY(QFileInfo(empty).size() > 1000000);
    }

    void defaultPathIsInAppData()
    {
        QVERIFY(DemoDatabase::defaultPath().endsWith(QLatin1String("/demo.db")));
        QVERIFY(!DemoDatabase::keySecret().isEmpty());
        QCOMPARE(DemoDatabase::passwords().size(), 8);
    }
};

QTEST_GUILESS_MAIN(TestDemoData)
#include "tst_demodata.moc"
