// Hostile text as the cells of a file to import, on both engines: one file per column, one corpus
// string (with the token in front, so that no cell is a valid value) per line. Every line is
// refused with a message naming its line and the column, nothing is written, and on PostgreSQL the
// lookups (emails, courses) carry the cells only as bound values in the statement log.
#include "HostileSupport.h"
#include "ReconciliationFixture.h"
#include "TestEngines.h"
#include "import/ImportCommand.h"

#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

namespace {
QString csvCell(const QString& text)
{
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}
} // namespace

class TestHostileImport : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void importedCellsAreRefusedByLineAndColumn_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::addColumn<QString>("header");
        QTest::addColumn<QString>("row"); // %1: the hostile cell, %2: the line's own number
        QTest::addColumn<QString>("column");
        const QString users = QStringLiteral("first_name,last_name,email,phone,address,city,state,pincode,role");
        const QString user =
            QStringLiteral("Ann,Lee,h%2@example.com,9876543210,1 Main Road,Pune,Maharashtra,411001,USER");
        // The user line with one cell made hostile.
        auto hostileUser = [&](int cell) {
            QStringList cells = user.split(QLatin1Char(','));
            cells[cell] = QStringLiteral("%1");
            return cells.join(QLatin1Char(','));
        };
        QTest::newRow("users phone") << "users" << users << hostileUser(3) << "phone";
        QTest::newRow("users pincode") << "users" << users << hostileUser(7) << "pincode";
        QTest::newRow("users role") << "users" << users << hostileUser(8) << "role";
        QTest::newRow("enrollments email") << "enrollments"
                                           << "email,course"
                                           << "%1,starter-track"
                                           << "email";
        QTest::newRow("enrollments course") << "enrollments"
                                            << "email,course"
                                            << "asha@example.in,%1"
                                            << "course";
    }

    void importedCellsAreRefusedByLineAndColumn()
    {
        QFETCH(QString, kind);
        QFETCH(QString, header);
        QFETCH(QString, row);
        QFETCH(QString, column);
        TEST_DATABASE(db);
        QVERIFY2(db.exec(QString::fromUtf8(ReconciliationFixture::cleanSql)), qPrintable(db.error()));
        QString error;
        qint64 logStart = -1;
        QVERIFY2(Hostile::PostgresLog::watch(db, &logStart, &error), qPrintable(error));
        const QString url = db.commandLineUrl();
        const QString before = Hostile::fingerprint(db.db());
        const QStringList corpus = Hostile::corpus();

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("hostile.csv"));
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            QString text = header + QStringLiteral("\r\n");
            for (qsizetype i = 0; i < corpus.size(); ++i) {
                QStringList cells = row.split(QLatin1Char(','));
                for (QString& cell : cells) {
                    cell = cell == QLatin1String("%1")
                               ? csvCell(Hostile::token + corpus.at(i))
                               : QString(cell).replace(QStringLiteral("%2"), QString::number(i));
                }
                text += cells.join(QLatin1Char(',')) + QStringLiteral("\r\n");
            }
            file.write(text.toUtf8());
        }
        for (const bool dryRun : {false, true}) {
            QStringList args = {QStringLiteral("import"), kind, QStringLiteral("--database"), url,
                                QStringLiteral("--file"), path};
            if (dryRun) {
                args << QStringLiteral("--dry-run");
            }
            QString out;
            QString err;
            QTextStream outStream(&out);
            QTextStream errStream(&err);
            QCOMPARE(ImportCommand::run(args, outStream, errStream), 1);
            QVERIFY2(out.isEmpty(), qPrintable(out.left(2000)));
            // Every message line names the command; one per file line names that line and the column.
            const QStringList lines = err.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
            QSet<int> refused;
            const QRegularExpression pattern(QStringLiteral("^coursedesk import: line (\\d+), %1: ").arg(column));
            for (const QString& line : lines) {
                QVERIFY2(line.startsWith(QStringLiteral("coursedesk import: ")), qPrintable(line.left(300)));
                const auto m = pattern.match(line);
                if (m.hasMatch()) {
                    refused.insert(m.captured(1).toInt());
                }
            }
            QVERIFY2(refused.size() == corpus.size(), qPrintable(QStringLiteral("%1 of %2 lines refused by %3:\n%4")
                                                                     .arg(refused.size())
                                                                     .arg(corpus.size())
                                                                     .arg(column, err.left(3000))));
            QVERIFY(!refused.contains(1)); // the header is line 1
            QVERIFY2(lines.last().contains(QStringLiteral("nothing was imported")), qPrintable(lines.last()));
        }
        QCOMPARE(Hostile::fingerprint(db.db()), before);

        if (logStart >= 0) {
            const auto scan = Hostile::PostgresLog::scanSince(db, logStart);
            QVERIFY2(scan, "the server's log did not show the suite's last statement within 10 s");
            QVERIFY2(scan->leaks.isEmpty(), qPrintable(scan->leaks.mid(0, 5).join(QStringLiteral("\n---\n"))));
        }
    }
};

QTEST_GUILESS_MAIN(TestHostileImport)
#include "tst_hostileimport.moc"
