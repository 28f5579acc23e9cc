#include "TestEngines.h"
#include "crypto/Bcrypt.h"
#include "crypto/RazorpaySignature.h"
#include "domain/OrderNumber.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QMessageAuthenticationCode>
#include <QRegularExpression>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

class TestCrypto : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void bcryptHashesAtCostTen()
    {
        const QString hash = Bcrypt::hash(QStringLiteral("Seller#2024"));
        QVERIFY2(hash.startsWith(QLatin1String("$2a$10$")), qPrintable(hash));
        QCOMPARE(hash.size(), 60);
        QVERIFY(Bcrypt::looksLikeHash(hash));
        QVERIFY(Bcrypt::verify(QStringLiteral("Seller#2024"), hash));
        QVERIFY(!Bcrypt::verify(QStringLiteral("Seller#2025"), hash));
        QVERIFY(!Bcrypt::verify(QString(), hash));
        // A fresh salt every time.
        QVERIFY(Bcrypt::hash(QStringLiteral("Seller#2024")) != hash);
        QVERIFY(Bcrypt::hash(QStringLiteral("x"), 4).startsWith(QLatin1String("$2a$04$")));
    }

    void bcryptPublishedVectors_data()
    {
        QTest::addColumn<QString>("password");
        QTest::addColumn<QString>("hash");
        // crypt_blowfish / OpenBSD vectors (also in libxcrypt's own test suite) and jBCrypt's.
        QTest::newRow("U*U") << QStringLiteral("U*U")
                             << QStringLiteral("$2a$05$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW");
        QTest::newRow("U*U*") << QStringLiteral("U*U*")
                              << QStringLiteral("$2a$05$CCCCCCCCCCCCCCCCCCCCC.VGOzA784oUp/Z0DY336zx7pLYAy0lwK");
        QTest::newRow("abc") << QStringLiteral("abc")
                             << QStringLiteral("$2a$06$If6bvum7DFjUnE9p2uDeDu0YHzrHM6tf.iqN8.yx.jNN1ILEf7h0i");
        QTest::newRow("a cost 10") << QStringLiteral("a")
                                   << QStringLiteral("$2a$10$k87L/MF28Q673VKh8/cPi.SUl7MU/rWuSiIDDFayrKk/1tBsSQu4u");
    }

    void bcryptPublishedVectors()
    {
        QFETCH(QString, password);
        QFETCH(QString, hash);
        QVERIFY(Bcrypt::looksLikeHash(hash));
        QVERIFY(Bcrypt::verify(password, hash));
        QVERIFY(!Bcrypt::verify(password + QLatin1Char('x'), hash));
    }

    void bcryptRejectsMalformedHashes()
    {
        QVERIFY(!Bcrypt::looksLikeHash(QString()));
        QVERIFY(!Bcrypt::looksLikeHash(QStringLiteral("password")));
        QVERIFY(!Bcrypt::looksLikeHash(QStringLiteral("$2a$10$short")));
        QVERIFY(!Bcrypt::looksLikeHash(QStringLiteral("$1$abcdefgh$abcdefghijklmnopqrstuv")));
        // The placeholder hash other fixtures use is not a real hash, and verify() says no.
        QVERIFY(!Bcrypt::verify(QStringLiteral("x"), QStringLiteral("$2a$10$abcdefghijklmnopqrstuu")));
        QVERIFY(!Bcrypt::verify(QStringLiteral("U*U"), QStringLiteral("plain text")));
    }

    void hmacSha256Rfc4231()
    {
        // RFC 4231 test case 2: the primitive compute() is built on (HMAC-SHA256, lower-case hex).
        const QString expected = QStringLiteral("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        QCOMPARE(QString::fromLatin1(QMessageAuthenticationCode::hash(QByteArray("what do ya want for nothing?"),
                                                                      QByteArray("Jefe"), QCryptographicHash::Sha256)
                                         .toHex()),
                 expected);
        // The same key and words in Razorpay's "order|payment" layout.
        // openssl: printf 'what do ya want|for nothing?' | openssl dgst -sha256 -hmac Jefe
        QCOMPARE(RazorpaySignature::compute(QStringLiteral("what do ya want"), QStringLiteral("for nothing?"),
                                            QByteArray("Jefe")),
                 QStringLiteral("e2d3bf4725cb1e310ec6529bf86ff6c71037192b6cc5bb89e8125a877f2875bd"));
    }

    void razorpaySignatureRoundTrip()
    {
        const QByteArray secret("rzp_test_secret_9Q2x");
        const QString orderId = QStringLiteral("order_DBJOWzybf0sJbb");
        const QString paymentId = QStringLiteral("pay_DGBGRfe3wl7Gwu");
        // openssl: printf 'order_DBJOWzybf0sJbb|pay_DGBGRfe3wl7Gwu' | openssl dgst -sha256 -hmac rzp_test_secret_9Q2x
        const QString expected = QStringLiteral("ca4a6acc65acebfc4cf5a2702322d918db1da2080e96466ecb19980fe4d36ebb");
        const QString signature = RazorpaySignature::compute(orderId, paymentId, secret);
        QCOMPARE(signature, expected);
        QCOMPARE(signature, signature.toLower());
        QVERIFY(RazorpaySignature::verify(orderId, paymentId, signature, secret));
        QVERIFY(!RazorpaySignature::verify(orderId, paymentId, signature.toUpper(), secret));
        QVERIFY(!RazorpaySignature::verify(orderId, paymentId, signature.chopped(1), secret));
        QVERIFY(!RazorpaySignature::verify(orderId, QStringLiteral("pay_DGBGRfe3wl7Gwv"), signature, secret));
        QVERIFY(!RazorpaySignature::verify(orderId, paymentId, signature, QByteArray("other_secret")));
        QVERIFY(!RazorpaySignature::verify(orderId, paymentId, QString(), secret));
    }

    void orderNumberFormat() { QCOMPARE(OrderNumber::fromMillis(1732512345678), QStringLiteral("ORD1732512345678")); }

    void orderNumberIsUniqueInDatabase()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QStringLiteral(
                     "INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES "
                     "('starter-track', 'Starter Track', '45 Days', 5999.00, 7999.00, 'Beginner');\n"
                     "INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, "
                     "pincode) VALUES (1, 'Asha', 'Rao', 'asha@example.in', 'x', '9876543210', '12 MG Road', 'Pune', "
                     "'Maharashtra', '411001');")),
                 qPrintable(db.error()));
        // Occupy the next few hundred milliseconds: next() must step past all of them.
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        QSet<QString> taken;
        QSqlQuery insert(db.db());
        QVERIFY(db.db().transaction());
        QVERIFY_SQL(insert, prepare(QStringLiteral("INSERT INTO orders (order_number, user_id, course_id, amount) "
                                                   "VALUES (?, 1, 'starter-track', ?)")));
        for (qint64 ms = now; ms < now + 300; ++ms) {
            insert.addBindValue(OrderNumber::fromMillis(ms));
            insert.addBindValue(QStringLiteral("5999.00"));
            QVERIFY_SQL(insert, exec());
            taken.insert(OrderNumber::fromMillis(ms));
        }
        QVERIFY(db.db().commit());
        static const QRegularExpression format(QStringLiteral("^ORD\\d{13}$"));
        QSet<QString> issued;
        for (int i = 0; i < 5; ++i) {
            const QString number = OrderNumber::next(db.db());
            QVERIFY2(format.match(number).hasMatch(), qPrintable(number));
            QVERIFY2(!taken.contains(number), qPrintable(number));
            QVERIFY2(!issued.contains(number), qPrintable(number)); // even before it is inserted
            issued.insert(number);
            QVERIFY(number.mid(3).toLongLong() >= now);
        }
    }
};

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
