#include "money/Money.h"

#include <QTest>

class TestMoney : public QObject
{
    Q_OBJECT
private slots:
    void parse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<qint64>("minor");
        QTest::newRow("integer") << "5999" << true << qint64(599900);
        QTest::newRow("two places") << "5999.00" << true << qint64(599900);
        QTest::newRow("one place") << "0.1" << true << qint64(10);
        QTest::newRow("grouped") << "1,23,456.78" << true << qint64(12345678);
        QTest::newRow("rupee sign") << QStringLiteral("\u20B95,999.50") << true << qint64(599950);
        QTest::newRow("negative") << "-12.30" << true << qint64(-1230);
        QTest::newRow("fraction only") << ".5" << true << qint64(50);
        QTest::newRow("trailing zeros") << "1.500" << true << qint64(150);
        QTest::newRow("three places") << "1.234" << false << qint64(0);
        QTest::newRow("exponent") << "1e3" << false << qint64(0);
        QTest::newRow("letters") << "abc" << false << qint64(0);
        QTest::newRow("empty") << "" << false << qint64(0);
    }
    void parse()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QFETCH(qint64, minor);
        const auto parsed = Money::parseMinor(text);
        QCOMPARE(parsed.has_value(), valid);
        if (valid) {
            QCOMPARE(*parsed, minor);
        }
    }

    void sumIsExact()
    {
        // 0.1 + 0.2 is 0.30000000000000004 in binary floating point; in minor units it is 30.
        const Money a = *Money::fromDecimal(QStringLiteral("0.10"));
        const Money b = *Money::fromDecimal(QStringLiteral("0.20"));
        QCOMPARE((a + b).toDecimalString(), QStringLiteral("0.30"));
        QCOMPARE((a + b), *Money::fromDecimal(QStringLiteral("0.3")));
    }

    void format_data()
    {
        QTest::addColumn<qint64>("minor");
        QTest::addColumn<QString>("currency");
        QTest::addColumn<QString>("text");
        QTest::newRow("rupees") << qint64(599900) << "INR" << QStringLiteral("\u20B95,999.00");
        QTest::newRow("lakh") << qint64(12345678) << "INR" << QStringLiteral("\u20B91,23,456.78");
        QTest::newRow("crore") << qint64(999999999) << "INR" << QStringLiteral("\u20B999,99,999.99");
        QTest::newRow("small") << qint64(5) << "INR" << QStringLiteral("\u20B90.05");
        QTest::newRow("dollars") << qint64(123456789) << "USD" << QStringLiteral("$1,234,567.89");
        QTest::newRow("negative") << qint64(-150) << "INR" << QStringLiteral("-\u20B91.50");
        QTest::newRow("other") << qint64(300) << "AED" << QStringLiteral("AED 3.00");
    }
    void format()
    {
        QFETCH(qint64, minor);
        QFETCH(QString, currency);
        QFETCH(QString, text);
        QCOMPARE(Money::format(minor, currency), text);
    }

    void decimalString()
    {
        QCOMPARE(Money::toDecimalString(599900), QStringLiteral("5999.00"));
        QCOMPARE(Money::toDecimalString(-5), QStringLiteral("-0.05"));
        QCOMPARE(Money::toDecimalString(0), QStringLiteral("0.00"));
    }

    void fromSqlValues()
    {
        // SQLite NUMERIC affinity stores 5999.00 as integer 5999; 5999.5 as REAL rendered as text.
        QCOMPARE(Money::minorFromSql(QVariant(qlonglong(5999))).value(), qint64(599900));
        QCOMPARE(Money::minorFromSql(QVariant(QStringLiteral("5999.5"))).value(), qint64(599950));
        QCOMPARE(Money::minorFromSql(QVariant(QStringLiteral("0.3"))).value(), qint64(30));
        QVERIFY(!Money::minorFromSql(QVariant()).has_value());
        QCOMPARE(Money::minorFromSqlMinorUnits(QVariant(QStringLiteral("599900.0"))).value(), qint64(599900));
        QCOMPARE(Money::minorFromSqlMinorUnits(QVariant(qlonglong(30))).value(), qint64(30));
    }
};

QTEST_GUILESS_MAIN(TestMoney)
#include "tst_money.moc"
