#include "TestEngines.h"
#include "crypto/RazorpaySignature.h"
#include "reports/Csv.h"
#include "reports/Reconciliation.h"
#include "reports/SignatureChecker.h"

#include <QTest>

namespace {
// A consistent database: paid + enrolled, free enrollment (PAID 0.00 without payment), created and
// failed orders, and a refund (payment REFUNDED, order CANCELLED, enrollment CANCELLED).
const char* cleanSql = R"(
INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('starter-track', 'Starter Track', '45 Days', 5999.00, 7999.00, 'Beginner');
INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('growth-track', 'Growth Track', '60 Days', 9999.00, 12999.00, 'Intermediate');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (1, 'Asha', 'Rao', 'asha@example.in', '$2a$10$x', '9876543210', 'a', 'Pune', 'Maharashtra', '411001', 'USER');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (2, 'Ravi', 'Iyer', 'ravi@example.in', '$2a$10$x', '9876543211', 'a', 'Pune', 'Maharashtra', '411001', 'ADMIN');
INSERT INTO user_business_info (id, user_id, experience_level) VALUES (1, 1, 'some-knowledge');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, razorpay_order_id) VALUES (1, 'ORD1', 1, 'starter-track', 5999.00, 'INR', 'PAID', 'order_DBJOWzybf0sJbb');
INSERT INTO payments (id, order_id, razorpay_payment_id, razorpay_signature, amount, status, payment_method) VALUES (1, 1, 'pay_DGBGRfe3wl7Gwu', 'ca4a6acc65acebfc4cf5a2702322d918db1da2080e96466ecb19980fe4d36ebb', 5999.00, 'COMPLETED', 'Razorpay');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (1, 1, 'starter-track', 1, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (2, 'ORD2', 2, 'starter-track', 0.00, 'INR', 'PAID');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (2, 2, 'starter-track', 2, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (3, 'ORD3', 1, 'growth-track', 9999.00, 'INR', 'FAILED');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (3, 3, 'pay_failed3', 9999.00, 'FAILED');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (4, 'ORD4', 1, 'growth-track', 9999.00, 'INR', 'CREATED');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, razorpay_order_id) VALUES (5, 'ORD5', 2, 'growth-track', 0.30, 'USD', 'CANCELLED', 'order_5');
INSERT INTO payments (id, order_id, razorpay_payment_id, razorpay_signature, amount, status) VALUES (5, 5, 'pay_5', 'deadbeef', 0.30, 'REFUNDED');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (5, 2, 'growth-track', 5, 'CANCELLED')
)";

// Each anomaly once, in rows that trigger nothing else.
const char* plantedSql = R"(
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (10, 'P', 'Q', 'p10@example.in', '$2a$10$x', '9876543212', 'a', 'Pune', 'Maharashtra', '411001', 'USER');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (11, 'P', 'Q', 'p11@example.in', '$2a$10$x', '9876543213', 'a', 'Pune', 'Maharashtra', '411001', 'USER');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role) VALUES (12, 'P', 'Q', 'p12@example.in', '$2a$10$x', '9876543214', 'a', 'Pune', 'Maharashtra', '411001', 'SUPERADMIN');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (10, 'ORD10', 10, 'starter-track', 5999.00, 'INR', 'PAID');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (10, 10, 'starter-track', 10, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (11, 'ORD11', 10, 'growth-track', 9999.00, 'INR', 'CREATED');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (11, 11, 'pay_11', 9999.00, 'COMPLETED');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (12, 'ORD12', 11, 'starter-track', 100.00, 'INR', 'PAID');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (12, 12, 'pay_12', 99.99, 'COMPLETED');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (12, 11, 'starter-track', 12, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (13, 'ORD13', 11, 'growth-track', 9999.00, 'INR', 'CANCELLED');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (13, 11, 'growth-track', 13, 'ACTIVE');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (14, 'ORD14', 12, 'starter-track', 50.00, 'INR', 'PAID');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (14, 14, 'pay_14', 50.00, 'COMPLETED');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status) VALUES (15, 4, 'pay_DGBGRfe3wl7Gwu', 9999.00, 'FAILED');
INSERT INTO courses (id, name, duration, fee, original_price, level) VALUES ('expert-track', 'Expert', '90 Days', 1.00, 2.00, 'Expert');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status) VALUES (16, 'ORD16', 12, 'growth-track', 9999.00, 'INR', 'REFUNDED');
INSERT INTO payments (id, order_id, amount, status) VALUES (17, 4, 9999.00, 'SUCCESS');
INSERT INTO enrollments (id, user_id, course_id, order_id, status) VALUES (18, 12, 'growth-track', 4, 'PAUSED');
INSERT INTO user_business_info (id, user_id, experience_level) VALUES (19, 12, 'guru')
)";
} // namespace

class TestReconciliation : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void cleanDatabaseHasNoFindings()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(cleanSql)), qPrintable(db.error()));
        QString error;
        const auto findings = Reconciliation(db.db()).run(&error);
        QVERIFY2(findings, qPrintable(error));
        QCOMPARE(Csv::findings(*findings), Csv::findings({}));
    }

    void findsExactlyThePlantedAnomalies()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(cleanSql)), qPrintable(db.error()));
        QVERIFY2(db.exec(QString::fromUtf8(plantedSql)), qPrintable(db.error()));
        QString error;
        const auto findings = Reconciliation(db.db()).run(&error);
        QVERIFY2(findings, qPrintable(error));
        QStringList actual;
        for (const Finding& f : *findings) {
            actual << QStringLiteral("%1 %2 %3").arg(Finding::kindName(f.kind), f.table, f.rowId);
        }
        const QStringList expected = {
            QStringLiteral("paid-order-without-payment orders 10"),
            QStringLiteral("completed-payment-order-not-paid payments 11"),
            QStringLiteral("payment-amount-mismatch payments 12"),
            QStringLiteral("active-enrollment-order-not-paid enrollments 13"),
            QStringLiteral("paid-order-without-enrollment orders 14"),
            QStringLiteral("duplicate-razorpay-payment-id payments 1"),
            QStringLiteral("duplicate-razorpay-payment-id payments 15"),
            QStringLiteral("unknown-value users 12"),
            QStringLiteral("unknown-value courses expert-track"),
            QStringLiteral("unknown-value orders 16"),
            QStringLiteral("unknown-value payments 17"),
            QStringLiteral("unknown-value enrollments 18"),
            QStringLiteral("unknown-value user_business_info 19"),
        };
        QCOMPARE(actual, expected);
        QVERIFY(findings->at(2).description.contains(QStringLiteral("99.99")));
        QVERIFY(findings->at(2).description.contains(QStringLiteral("100.00")));
    }

    void knownHmacVector()
    {
        // openssl: printf 'order_DBJOWzybf0sJbb|pay_DGBGRfe3wl7Gwu' | openssl dgst -sha256 -hmac rzp_test_secret_9Q2x
        const QString expected = QStringLiteral("ca4a6acc65acebfc4cf5a2702322d918db1da2080e96466ecb19980fe4d36ebb");
        const QByteArray secret("rzp_test_secret_9Q2x");
        QCOMPARE(RazorpaySignature::compute(QStringLiteral("order_DBJOWzybf0sJbb"),
                                            QStringLiteral("pay_DGBGRfe3wl7Gwu"), secret),
                 expected);
        SignatureChecker checker(QSqlDatabase(), secret);
        using R = SignatureChecker::Result;
        QCOMPARE(checker.check(QStringLiteral("order_DBJOWzybf0sJbb"), QStringLiteral("pay_DGBGRfe3wl7Gwu"), expected),
                 R::Valid);
        QCOMPARE(checker.check(QStringLiteral("order_DBJOWzybf0sJbb"), QStringLiteral("pay_DGBGRfe3wl7Gwv"), expected),
                 R::Invalid);
        QCOMPARE(checker.check(QStringLiteral("order_DBJOWzybf0sJbb"), QStringLiteral("pay_DGBGRfe3wl7Gwu"), QString()),
                 R::Missing);
        QCOMPARE(checker.check(QString(), QStringLiteral("pay_DGBGRfe3wl7Gwu"), expected), R::Missing);
    }

    void signatureFindings()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(cleanSql)), qPrintable(db.error()));
        QVERIFY2(db.exec(QString::fromUtf8(plantedSql)), qPrintable(db.error()));
        QString error;
        const auto findings = SignatureChecker(db.db(), QByteArray("rzp_test_secret_9Q2x")).run({}, &error);
        QVERIFY2(findings, qPrintable(error));
        QStringList actual;
        for (const Finding& f : *findings) {
            actual << QStringLiteral("%1 %2").arg(Finding::kindName(f.kind), f.rowId);
        }
        // 1 verifies; 5 has a wrong signature; 11, 12, 14 (captured) carry none. FAILED/other rows are not checked.
        QCOMPARE(actual, (QStringList{QStringLiteral("signature-invalid 5"), QStringLiteral("signature-missing 11"),
                                      QStringLiteral("signature-missing 12"), QStringLiteral("signature-missing 14")}));
        const auto only = SignatureChecker(db.db(), QByteArray("rzp_test_secret_9Q2x")).run({1, 5}, &error);
        QVERIFY(only);
        QCOMPARE(only->size(), 1);
        const auto wrongKey = SignatureChecker(db.db(), QByteArray("other")).run({1}, &error);
        QVERIFY(wrongKey);
        QCOMPARE(wrongKey->size(), 1);
        QCOMPARE(wrongKey->first().kind, Finding::Kind::SignatureInvalid);
    }

    void csvQuoting()
    {
        QCOMPARE(Csv::field(QStringLiteral("plain")), QStringLiteral("plain"));
        QCOMPARE(Csv::field(QStringLiteral("a,b")), QStringLiteral("\"a,b\""));
        QCOMPARE(Csv::field(QStringLiteral("say \"hi\"")), QStringLiteral("\"say \"\"hi\"\"\""));
        QCOMPARE(Csv::field(QStringLiteral("two\nlines")), QStringLiteral("\"two\nlines\""));
        QCOMPARE(Csv::line({QStringLiteral("5999.00"), QString(), QStringLiteral("x")}),
                 QStringLiteral("5999.00,,x\r\n"));
        const QList<Finding> list{{Finding::Kind::UnknownValue, QStringLiteral("users"), QStringLiteral("7"),
                                   QStringLiteral("role is \"ROOT\", bad")}};
        QCOMPARE(Csv::findings(list), QStringLiteral("kind,table,row_id,description\r\n"
                                                     "unknown-value,users,7,\"role is \"\"ROOT\"\", bad\"\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestReconciliation)
#include "tst_reconciliation.moc"
