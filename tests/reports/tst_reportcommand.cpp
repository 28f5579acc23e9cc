#include "RevenueFixture.h"
#include "TestDatabase.h"
#include "reports/ReportCommand.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

// `coursedesk report ...` in-process against a temporary SQLite file: output and exit codes.
class TestReportCommand : public QObject
{
    Q_OBJECT
private:
    std::unique_ptr<TestDatabase> m_db;
    RevenueFixture m_fixture{40};

    struct Run
    {
        int code;
        QString out;
        QString err;
    };
    Run run(const QStringList& args) const
    {
        Run r{0, {}, {}};
        QTextStream out(&r.out);
        QTextStream err(&r.err);
        r.code = ReportCommand::run(args, out, err);
        return r;
    }
    QString url() const { return QStringLiteral("sqlite://") + m_db->url().path; }

private slots:
    void initTestCase()
    {
        m_db = std::make_unique<TestDatabase>(Engine::Sqlite);
        QVERIFY2(m_db->isValid() && m_db->createSchema(), qPrintable(m_db->error()));
        QString error;
        QVERIFY2(m_fixture.insert(m_db->db(), &error), qPrintable(error));
    }

    void revenueText()
    {
        const Run r = run({QStringLiteral("report"), QStringLiteral("revenue"), QStringLiteral("--database"), url(),
                           QStringLiteral("--from"), QStringLiteral("2024-01-01"), QStringLiteral("--to"),
                           QStringLiteral("2024-02-01"), QStringLiteral("--by"), QStringLiteral("week")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.err.isEmpty());
        if (qEnvironmentVariableIsSet("COURSEDESK_PRINT_REPORT")) {
            qInfo().noquote() << r.out;
        }
        QVERIFY(r.out.contains(QStringLiteral("Gross revenue")));
        QVERIFY(r.out.contains(QStringLiteral("INR")));
    }

    void revenueJsonMatchesFixture()
    {
        const Run r = run({QStringLiteral("report"), QStringLiteral("revenue"), QStringLiteral("--database=") + url(),
                           QStringLiteral("--from"), QStringLiteral("2024-01-01"), QStringLiteral("--to"),
                           QStringLiteral("2024-02-01"), QStringLiteral("--by"), QStringLiteral("day"),
                           QStringLiteral("--currency"), QStringLiteral("usd"), QStringLiteral("--format"),
                           QStringLiteral("json")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        const QJsonObject root = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(root.value(QStringLiteral("currencies")).toObject().keys(), QStringList{QStringLiteral("USD")});
        RevenueFilter f;
        f.from = QDate(2024, 1, 1);
        f.to = QDate(2024, 2, 1);
        f.currency = QStringLiteral("USD");
        f.userZone = QTimeZone("Asia/Kolkata");
        const auto e = m_fixture.expect(f);
        const QJsonObject current = root.value(QStringLiteral("currencies"))
                                        .toObject()
                                        .value(QStringLiteral("USD"))
                                        .toObject()
                                        .value(QStringLiteral("current"))
                                        .toObject();
        auto dec = [](qint64 minor) {
            return QStringLiteral("%1%2.%3")
                .arg(minor < 0 ? QStringLiteral("-") : QString())
                .arg(qAbs(minor) / 100)
                .arg(qAbs(minor) % 100, 2, 10, QLatin1Char('0'));
        };
        const RevenueKpis k = e.current.value(QStringLiteral("USD"));
        QCOMPARE(current.value(QStringLiteral("gross")).toString(), dec(k.grossMinor));
        QCOMPARE(current.value(QStringLiteral("refunds")).toString(), dec(k.refundsMinor));
        QCOMPARE(current.value(QStringLiteral("net")).toString(), dec(k.grossMinor - k.refundsMinor));
        QCOMPARE(root.value(QStringLiteral("new_enrollments")).toInteger(), e.enrollments);
    }

    void revenueCsv()
    {
        const Run r = run({QStringLiteral("report"), QStringLiteral("revenue"), QStringLiteral("--database"), url(),
                           QStringLiteral("--from"), QStringLiteral("2024-01-01"), QStringLiteral("--to"),
                           QStringLiteral("2024-02-01"), QStringLiteral("--by"), QStringLiteral("month"),
                           QStringLiteral("--currency"), QStringLiteral("INR"), QStringLiteral("--format"),
                           QStringLiteral("csv")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("section,currency,key,metric,value\r\n")));
        QVERIFY(r.out.contains(QStringLiteral("\r\nrevenue_by_month,INR,2024-01-01,gross,")));
    }

    void reconcile()
    {
        const Run r = run({QStringLiteral("report"), QStringLiteral("reconcile"), QStringLiteral("--database"), url(),
                           QStringLiteral("--format"), QStringLiteral("csv")});
        QVERIFY2(r.code == 0, qPrintable(r.err));
        QVERIFY(r.out.startsWith(QStringLiteral("kind,table,row_id,description\r\n")));
    }

    void badArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("code");
        QTest::addColumn<QString>("message");
        const QString db = QStringLiteral("--database");
        const QStringList base = {QStringLiteral("report"),     QStringLiteral("revenue"), QStringLiteral("--from"),
                                  QStringLiteral("2024-01-01"), QStringLiteral("--to"),    QStringLiteral("2024-02-01"),
                                  QStringLiteral("--by"),       QStringLiteral("day")};
        QTest::newRow("no subcommand") << QStringList{QStringLiteral("report")} << 2 << QStringLiteral("which report");
        QTest::newRow("unknown subcommand") << QStringList{QStringLiteral("report"), QStringLiteral("profit")} << 2
                                            << QStringLiteral("unknown report \"profit\"");
        QTest::newRow("missing database") << base << 2 << QStringLiteral("--database is required");
        QTest::newRow("bad date") << QStringList{QStringLiteral("report"),
                                                 QStringLiteral("revenue"),
                                                 db,
                                                 QStringLiteral("sqlite:///x.db"),
                                                 QStringLiteral("--from"),
                                                 QStringLiteral("2024-13-01"),
                                                 QStringLiteral("--to"),
                                                 QStringLiteral("2024-02-01"),
                                                 QStringLiteral("--by"),
                                                 QStringLiteral("day")}
                                  << 2 << QStringLiteral("--from must be a date");
        QTest::newRow("from after to") << QStringList{QStringLiteral("report"),
                                                      QStringLiteral("revenue"),
                                                      db,
                                                      QStringLiteral("sqlite:///x.db"),
                                                      QStringLiteral("--from"),
                                                      QStringLiteral("2024-03-01"),
                                                      QStringLiteral("--to"),
                                                      QStringLiteral("2024-02-01"),
                                                      QStringLiteral("--by"),
                                                      QStringLiteral("day")}
                                       << 2 << QStringLiteral("is after --to");
        QTest::newRow("bad by") << (base + QStringList{db, QStringLiteral("sqlite:///x.db")})
                                       .replaceInStrings(QStringLiteral("day"), QStringLiteral("hour"))
                                << 2 << QStringLiteral("--by must be day, week or month");
        QTest::newRow("unknown currency") << base + QStringList{db, QStringLiteral("sqlite:///x.db"),
                                                                QStringLiteral("--currency"), QStringLiteral("XYZ")}
                                          << 2 << QStringLiteral("unknown currency \"XYZ\"");
        QTest::newRow("unknown option") << base + QStringList{db, QStringLiteral("sqlite:///x.db"),
                                                              QStringLiteral("--colour"), QStringLiteral("red")}
                                        << 2 << QStringLiteral("Unknown option --colour");
        QTest::newRow("bad format") << base + QStringList{db, QStringLiteral("sqlite:///x.db"),
                                                          QStringLiteral("--format"), QStringLiteral("xml")}
                                    << 2 << QStringLiteral("--format must be");
        QTest::newRow("missing file") << base + QStringList{db, QStringLiteral("sqlite:///nonexistent/dir/none.db")}
                                      << 1 << QStringLiteral("cannot open the database");
        QTest::newRow("no server")
            << base + QStringList{db, QStringLiteral("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2")} << 1
            << QStringLiteral("cannot open the database");
    }

    void badArguments()
    {
        QFETCH(QStringList, args);
        QFETCH(int, code);
        QFETCH(QString, message);
        const Run r = run(args);
        QCOMPARE(r.code, code);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestReportCommand)
#include "tst_reportcommand.moc"
