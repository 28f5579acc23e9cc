#include "db/DatabaseUrl.h"

#include <QTest>

class TestDatabaseUrl : public QObject
{
    Q_OBJECT
private slots:
    void sqlite()
    {
        const auto url = DatabaseUrl::parse(QStringLiteral("sqlite:///home/me/My%20Data/coursedesk.db"));
        QVERIFY(url);
        QCOMPARE(url->engine, Engine::Sqlite);
        QCOMPARE(url->path, QStringLiteral("/home/me/My Data/coursedesk.db"));
        QCOMPARE(url->toString(), QStringLiteral("sqlite:///home/me/My%20Data/coursedesk.db"));
    }

    void postgres()
    {
        const auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://staff:s3cret@db.example.com:6543/platform?sslmode=require"));
        QVERIFY(url);
        QCOMPARE(url->engine, Engine::Postgres);
        QCOMPARE(url->host, QStringLiteral("db.example.com"));
        QCOMPARE(url->port, 6543);
        QCOMPARE(url->user, QStringLiteral("staff"));
        QCOMPARE(url->password, QStringLiteral("s3cret"));
        QCOMPARE(url->database, QStringLiteral("platform"));
        QCOMPARE(url->options.value(QStringLiteral("sslmode")), QStringLiteral("require"));
        // The password never appears in what is shown or remembered.
        QVERIFY(!url->toString().contains(QStringLiteral("s3cret")));
        QVERIFY(url->toString(true).contains(QStringLiteral("s3cret")));
        QCOMPARE(url->storedTimeZone(), QStringLiteral("UTC"));
    }

    void defaultPort()
    {
        const auto url = DatabaseUrl::parse(QStringLiteral("postgres://me@localhost/platform"));
        QVERIFY(url);
        QCOMPARE(url->port, 5432);
    }

    void errors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("messagePart");
        QTest::newRow("empty") << ""
                               << "empty";
        QTest::newRow("scheme") << "mysql://x/y"
                                << "Unknown database type";
        QTest::newRow("no db") << "postgresql://me@localhost"
                               << "names no database";
        QTest::newRow("no file") << "sqlite://"
                                 << "names no file";
    }
    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, messagePart);
        QString error;
        QVERIFY(!DatabaseUrl::parse(text, &error));
        QVERIFY2(error.contains(messagePart), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
