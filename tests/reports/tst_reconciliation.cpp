#include "ReconciliationFixture.h"
#include "TestEngines.h"
#include "crypto/RazorpaySignature.h"
#include "reports/Csv.h"
#include "reports/Reconciliation.h"
#include "reports/SignatureChecker.h"

#include <QTest>

using ReconciliationFixture::cleanSql;
using ReconciliationFixture::plantedSql;

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
