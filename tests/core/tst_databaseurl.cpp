#include "TestDatabase.h"
#include "db/Database.h"
#include "db/DatabaseUrl.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

namespace {
// A connection to a fresh PostgreSQL test database through `options` (a URL query string), or
// nullopt with the open error.
struct LiveConnection
{
    QString name = QStringLiteral("urltest_") + QUuid::createUuid().toString(QUuid::Id128);
    ~LiveConnection() { Database::close(name); }
    QSqlDatabase db() const { return QSqlDatabase::database(name, false); }
    QString value(const QString& sql) const
    {
        QSqlQuery query(db());
        return query.exec(sql) && query.next() ? query.value(0).toString()
                                               : QStringLiteral("<%1>").arg(query.lastError().text());
    }
};

DatabaseUrl withQuery(const DatabaseUrl& base, const QString& query, QString* error)
{
    const QString text = base.toString(true) + QLatin1Char('?') + query;
    return DatabaseUrl::parse(text, error).value_or(DatabaseUrl());
}
} // namespace

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
        QTest::newRow("memory") << "sqlite:///:memory:"
                                << "not supported";
        // Option names come from an allow-list; anything else is refused by name.
        QTest::newRow("unknown pg option") << "postgresql://me@h/db?foo=1"
                                           << "Unknown option \"foo\"";
        QTest::newRow("dbname option") << "postgresql://me@h/db?dbname=postgres"
                                       << "Unknown option \"dbname\"";
        QTest::newRow("host option") << "postgresql://me@h/db?host=evil.example.com"
                                     << "Unknown option \"host\"";
        QTest::newRow("options option") << "postgresql://me@h/db?options=-c%20search_path%3Dx"
                                        << "Unknown option \"options\"";
        QTest::newRow("unknown sqlite option") << "sqlite:///tmp/x.db?cache=shared"
                                               << "Unknown option \"cache\"";
        QTest::newRow("pg option on sqlite") << "sqlite:///tmp/x.db?sslmode=require"
                                             << "Unknown option \"sslmode\"";
        // Values are checked against what each option takes.
        QTest::newRow("sslmode") << "postgresql://me@h/db?sslmode=sometimes"
                                 << "sslmode=sometimes";
        QTest::newRow("timeout text") << "postgresql://me@h/db?connect_timeout=10%20sslmode=disable"
                                      << "connect_timeout";
        QTest::newRow("timeout negative") << "postgresql://me@h/db?connect_timeout=-1"
                                          << "connect_timeout";
        QTest::newRow("session attrs") << "postgresql://me@h/db?target_session_attrs=whatever"
                                       << "target_session_attrs=whatever";
        QTest::newRow("sqlite mode") << "sqlite:///tmp/x.db?mode=rwc"
                                     << "mode=rwc";
        QTest::newRow("semicolon") << "postgresql://me@h/db?application_name=x%3Bsslmode%3Ddisable"
                                   << "may not hold";
        QTest::newRow("newline") << "postgresql://me@h/db?sslrootcert=/a%0Asslmode=disable"
                                 << "may not hold";
        QTest::newRow("twice") << "postgresql://me@h/db?sslmode=require&sslmode=disable"
                               << "given twice";
        QTest::newRow("no value") << "postgresql://me@h/db?sslmode="
                                  << "has no value";
        QTest::newRow("timezone") << "postgresql://me@h/db?timezone=UTC'%20OR%201=1"
                                  << "not a time zone";
        QTest::newRow("long name") << QStringLiteral("postgresql://me@h/db?application_name=%1").arg(QString(64, 'a'))
                                   << "63 characters";
    }
    void errors()
    {
        QFETCH(QString, text);
        QFETCH(QString, messagePart);
        QString error;
        QVERIFY(!DatabaseUrl::parse(text, &error));
        QVERIFY2(error.contains(messagePart), qPrintable(error));
    }

    void valuesAreQuotedForLibpq()
    {
        // A value that looks like more options stays one value: key='value', with \\ and \' escaped.
        const auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://me@h/db?sslmode=require&application_name=x%20sslmode=disable"));
        QVERIFY(url);
        QCOMPARE(url->options.value(QStringLiteral("application_name")), QStringLiteral("x sslmode=disable"));
        const QStringList pairs = url->libpqOptions().split(QLatin1Char(';'));
        QVERIFY2(pairs.contains(QStringLiteral("application_name='x sslmode=disable'")), qPrintable(pairs.join('|')));
        QVERIFY(pairs.contains(QStringLiteral("sslmode='require'")));
        QVERIFY(pairs.contains(QStringLiteral("connect_timeout='10'"))); // the default
        QCOMPARE(std::count_if(pairs.cbegin(), pairs.cend(),
                               [](const QString& pair) { return pair.startsWith(QLatin1String("sslmode=")); }),
                 1);

        const auto quoted = DatabaseUrl::parse(QStringLiteral("postgresql://me@h/db?application_name=o'k%5C"));
        QVERIFY(quoted);
        QVERIFY2(quoted->libpqOptions().contains(QStringLiteral("application_name='o\\'k\\\\'")),
                 qPrintable(quoted->libpqOptions()));
        // Coursedesk's own option is not a libpq one.
        const auto zoned = DatabaseUrl::parse(QStringLiteral("postgresql://me@h/db?timezone=Asia/Kolkata"));
        QVERIFY(zoned);
        QVERIFY(!zoned->libpqOptions().contains(QStringLiteral("timezone")));
        QCOMPARE(zoned->storedTimeZone(), QStringLiteral("Asia/Kolkata"));
    }

    void optionsRoundTrip()
    {
        const auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://me@h/db?application_name=a%26b%3Dc%20d&sslmode=verify-full"));
        QVERIFY(url);
        QCOMPARE(url->options.value(QStringLiteral("application_name")), QStringLiteral("a&b=c d"));
        const auto again = DatabaseUrl::parse(url->toString());
        QVERIFY(again);
        QCOMPARE(again->options, url->options);
        const auto readOnly = DatabaseUrl::parse(QStringLiteral("sqlite:///srv/copy.db?mode=ro"));
        QVERIFY(readOnly);
        QVERIFY(readOnly->readOnlyRequested());
        QCOMPARE(DatabaseUrl::parse(readOnly->toString())->path, QStringLiteral("/srv/copy.db"));
    }

    // On a real server: what the URL says is what the session gets.
    void injectedDatabaseNameStaysApplicationName()
    {
        if (!TestDatabase::postgresConfigured()) {
            if (TestDatabase::postgresRequired()) {
                QFAIL("COURSEDESK_REQUIRE_POSTGRES is set but COURSEDESK_TEST_POSTGRES_URL is not");
            }
            QSKIP("PostgreSQL not configured");
        }
        TestDatabase target(Engine::Postgres);
        QVERIFY2(target.isValid(), qPrintable(target.error()));
        QString error;
        const DatabaseUrl url = withQuery(target.url(), QStringLiteral("application_name=x%20dbname=postgres"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        LiveConnection live;
        QVERIFY2(Database::open(url, live.name, &error), qPrintable(error));
        QCOMPARE(live.value(QStringLiteral("SELECT current_database()")), target.url().database);
        QCOMPARE(live.value(QStringLiteral("SHOW application_name")), QStringLiteral("x dbname=postgres"));

        const DatabaseUrl quotes = withQuery(target.url(), QStringLiteral("application_name=o'k%5C%20x"), &error);
        LiveConnection second;
        QVERIFY2(Database::open(quotes, second.name, &error), qPrintable(error));
        QCOMPARE(second.value(QStringLiteral("SHOW application_name")), QStringLiteral("o'k\\ x"));
        QCOMPARE(second.value(QStringLiteral("SELECT current_database()")), target.url().database);
    }

    void injectedSslModeCannotTurnTlsOff()
    {
        if (!TestDatabase::postgresConfigured()) {
            if (TestDatabase::postgresRequired()) {
                QFAIL("COURSEDESK_REQUIRE_POSTGRES is set but COURSEDESK_TEST_POSTGRES_URL is not");
            }
            QSKIP("PostgreSQL not configured");
        }
        TestDatabase target(Engine::Postgres);
        QVERIFY2(target.isValid(), qPrintable(target.error()));
        QString error;
        const DatabaseUrl url =
            withQuery(target.url(), QStringLiteral("sslmode=require&application_name=x%20sslmode=disable"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        LiveConnection live;
        if (Database::open(url, live.name, &error)) {
            // A server with TLS: the session must be encrypted.
            QCOMPARE(live.value(QStringLiteral("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")),
                     QStringLiteral("true"));
        } else {
            // A server without TLS refuses sslmode=require: never a plain connection.
            QVERIFY2(error.contains(QStringLiteral("SSL"), Qt::CaseInsensitive), qPrintable(error));
        }
        // And the plain case shows the session is what the URL said.
        const DatabaseUrl plain =
            withQuery(target.url(), QStringLiteral("sslmode=disable&application_name=plain"), &error);
        LiveConnection second;
        QVERIFY2(Database::open(plain, second.name, &error), qPrintable(error));
        QCOMPARE(second.value(QStringLiteral("SELECT ssl::text FROM pg_stat_ssl WHERE pid = pg_backend_pid()")),
                 QStringLiteral("false"));
        QCOMPARE(second.value(QStringLiteral("SHOW application_name")), QStringLiteral("plain"));
    }
};

QTEST_GUILESS_MAIN(TestDatabaseUrl)
#include "tst_databaseurl.moc"
