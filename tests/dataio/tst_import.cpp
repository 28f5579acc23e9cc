#include "DataioFixture.h"

#include "../workflows/WorkflowFixture.h"
#include "crypto/Bcrypt.h"
#include "export/ExportJob.h"
#include "export/ListExportSource.h"
#include "import/ImportCommand.h"
#include "import/ImportFile.h"
#include "import/ImportPlanner.h"
#include "import/ImportWriter.h"
#include "import/PasswordHasher.h"
#include "money/Money.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using WorkflowFixture::count;
using WorkflowFixture::fingerprint;
using WorkflowFixture::scalar;

// Imports of users and complimentary enrollments: every bad line named, duplicates found, nothing
// written unless every line is good, everything written in one audited transaction. Both engines.
class TestImport : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    QString writeFile(const QString& name, const QByteArray& content)
    {
        return DataioFixture::writeFile(m_dir, name, content);
    }
    static ImportPlan planFor(const TestDatabase& db, const QString& path, ImportOptions options)
    {
        ImportSheet sheet;
        QString error;
        if (!ImportFile::read(path, &sheet, &error)) {
            ImportPlan failed;
            failed.issues.append({0, QString(), error});
            return failed;
        }
        return ImportPlanner::plan(db.db(), sheet, ImportFields::match(options.kind, sheet.header), options);
    }
    static QStringList issueTexts(const ImportPlan& plan)
    {
        QStringList out;
        for (const ImportIssue& i : plan.issues) {
            out << i.text();
        }
        return out;
    }
    // Hashes and writes a clean plan, as the dialog and the command do.
    static ImportWriter::Result carryOut(const TestDatabase& db, ImportPlan& plan)
    {
        PasswordHasher hasher(&plan);
        hasher.start().waitForFinished();
        return ImportWriter::apply(db.db(), plan);
    }
    static int runCommand(const QStringList& args, QString* output)
    {
        QTextStream out(output);
        QTextStream err(output);
        return ImportCommand::run(args, out, err);
    }

    static constexpr const char* header = "First name,Last name,Email,Phone,Address,City,State,Pincode\r\n";

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void everyBadLineIsNamedWithColumnAndRule()
    {
        SEEDED_DATABASE(db);
        const QString path =
            writeFile(QStringLiteral("bad.csv"),
                      QByteArray(header) + "Ravi,Kumar,ravi@example.in,9876500001,1 Main Rd,Pune,Maharashtra,411001\r\n"
                                           "Meera,Iyer,meera@example.in,12345,2 Main Rd,Chennai,Tamil Nadu,600001\r\n"
                                           "Anil,,not-an-email,9876500003,3 Main Rd,Delhi,Delhi,11000\r\n");
        const QString before = fingerprint(db.db());
        const ImportPlan plan = planFor(db, path, {});
        QCOMPARE(issueTexts(plan),
                 (QStringList{
                     QStringLiteral("line 3, phone: Phone \"12345\" is not a 10-digit Indian mobile number starting "
                                    "with 6-9"),
                     QStringLiteral("line 4, last_name: Last name is required"),
                     QStringLiteral("line 4, email: Email \"not-an-email\" is not a valid email address"),
                     QStringLiteral("line 4, pincode: Pincode \"11000\" must be 6 digits"),
                 }));
        QVERIFY(plan.report().endsWith(QStringLiteral("4 problems on 2 of 3 lines; nothing was imported")));
        // The command prints the same report, fails, and changes nothing.
        QString output;
        QCOMPARE(runCommand({QStringLiteral("import"), QStringLiteral("users"), QStringLiteral("--database"),
                             db.url().toString(true), QStringLiteral("--file"), path},
                            &output),
                 1);
        QVERIFY2(output.contains(QStringLiteral("line 3, phone: Phone \"12345\"")), qPrintable(output));
        QCOMPARE(fingerprint(db.db()), before);
    }

    void duplicatesInTheFileAndInTheDatabase()
    {
        SEEDED_DATABASE(db);
        const QString path = writeFile(
            QStringLiteral("dups.csv"),
            QByteArray(header) + "Ravi,Kumar,ravi@example.in,9876500001,1 Main Rd,Pune,Maharashtra,411001\r\n"
                                 "Ravi,K,RAVI@example.in,9876500002,1 Main Rd,Pune,Maharashtra,411001\r\n"
                                 "Asha,Rao,Asha@Example.in,9876543210,12 MG Road,Pune,Maharashtra,411001\r\n");
        const ImportPlan plan = planFor(db, path, {});
        QCOMPARE(issueTexts(plan),
                 (QStringList{QStringLiteral("line 3, email: RAVI@example.in is already on line 2 of this file"),
                              QStringLiteral("line 4, email: A user with email asha@example.in already exists "
                                             "(choose \"update existing\" to update it)")}));
    }

    void updateExistingChangesOnlyWhatDiffersAndAuditsIt()
    {
        SEEDED_DATABASE(db);
        const QString path = writeFile(
            QStringLiteral("update.csv"),
            QByteArray(header) + "Asha,Rao,asha@example.in,9876543210,12 MG Road,Nagpur,Maharashtra,440001\r\n"
                                 "Ravi,Kumar,ravi@example.in,9876500001,1 Main Rd,Pune,Maharashtra,411001\r\n");
        ImportOptions options;
        options.updateExisting = true;
        ImportPlan plan = planFor(db, path, options);
        QVERIFY2(plan.ok(), qPrintable(plan.report()));
        QCOMPARE(plan.summary(), QStringLiteral("1 user to create, 1 to update"));
        const QString oldHash = scalar(db.db(), QStringLiteral("SELECT password FROM users WHERE id = 1")).toString();
        const auto result = carryOut(db, plan);
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = 1")).toString(),
                 QStringLiteral("Nagpur"));
        // An update never touches the password of an existing user.
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT password FROM users WHERE id = 1")).toString(), oldHash);
        const QJsonArray changes =
            QJsonDocument::fromJson(scalar(db.db(), QStringLiteral("SELECT details FROM coursedesk_audit_log WHERE "
                                                                   "action = 'update' AND table_name = 'users' AND "
                                                                   "row_key = '1'"))
                                        .toString()
                                        .toUtf8())
                .object()
                .value(QStringLiteral("changes"))
                .toArray();
        QCOMPARE(changes.size(), 2);
        QCOMPARE(changes.at(0).toObject().value(QStringLiteral("column")).toString(), QStringLiteral("city"));
        QCOMPARE(changes.at(0).toObject().value(QStringLiteral("before")).toString(), QStringLiteral("Pune"));
        QCOMPARE(changes.at(0).toObject().value(QStringLiteral("after")).toString(), QStringLiteral("Nagpur"));
        QCOMPARE(changes.at(1).toObject().value(QStringLiteral("column")).toString(), QStringLiteral("pincode"));
    }

    void dryRunChangesNothing()
    {
        SEEDED_DATABASE(db);
        const QString path = writeFile(
            QStringLiteral("ok.csv"),
            QByteArray(header) + "Ravi,Kumar,ravi@example.in,9876500001,1 Main Rd,Pune,Maharashtra,411001\r\n");
        const QString before = fingerprint(db.db());
        QString output;
        QCOMPARE(runCommand({QStringLiteral("import"), QStringLiteral("users"), QStringLiteral("--database"),
                             db.url().toString(true), QStringLiteral("--file"), path, QStringLiteral("--dry-run")},
                            &output),
                 0);
        QCOMPARE(output, QStringLiteral("Dry run: 1 user to create, 0 to update; nothing was changed\n"));
        QCOMPARE(fingerprint(db.db()), before);
    }

    void newUsersAreAuditedWithoutTheirPasswords()
    {
        SEEDED_DATABASE(db);
        const QString path =
            writeFile(QStringLiteral("pw.csv"),
                      "First name,Last name,Email,Phone,Address,City,State,Pincode,Password\r\n"
                      "Ravi,Kumar,ravi@example.in,9876500001,1 Main Rd,Pune,Maharashtra,411001,correct horse\r\n"
                      "Meera,Iyer,meera@example.in,9876500002,2 Main Rd,Chennai,Tamil Nadu,600001,\r\n");
        QString output;
        QCOMPARE(runCommand({QStringLiteral("import"), QStringLiteral("users"), QStringLiteral("--database"),
                             db.url().toString(true), QStringLiteral("--file"), path},
                            &output),
                 0);
        const QString ravi =
            scalar(db.db(), QStringLiteral("SELECT password FROM users WHERE email = 'ravi@example.in'")).toString();
        QVERIFY(ravi.startsWith(QStringLiteral("$2a$10$")));
        QVERIFY(Bcrypt::verify(QStringLiteral("correct horse"), ravi));
        // No password: the marker, which no login accepts.
        const QString meera =
            scalar(db.db(), QStringLiteral("SELECT password FROM users WHERE email = 'meera@example.in'")).toString();
        QCOMPARE(meera, ImportPlanner::unusablePasswordMarker());
        QVERIFY(!Bcrypt::looksLikeHash(meera));
        QVERIFY(!Bcrypt::verify(QString(), meera));
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT role FROM users WHERE email = 'meera@example.in'")).toString(),
                 QStringLiteral("USER"));
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"),
                       QStringLiteral("action = 'insert' AND table_name = 'users'")),
                 2);
        QSqlQuery audit(db.db());
        QVERIFY(audit.exec(QStringLiteral("SELECT details FROM coursedesk_audit_log")));
        while (audit.next()) {
            const QString details = audit.value(0).toString();
            QVERIFY(details.contains(QStringLiteral("{\"column\":\"password\",\"note\":\"password changed\"}")));
            QVERIFY(!details.contains(QStringLiteral("$2a$")));
            QVERIFY(!details.contains(QStringLiteral("correct horse")));
        }
        QVERIFY(!output.contains(QStringLiteral("correct horse")));
    }

    void oneFailingRowLeavesNothing()
    {
        SEEDED_DATABASE(db);
        QVERIFY(WorkflowFixture::injectFailure(db, QStringLiteral("users"), QStringLiteral("INSERT"),
                                               QStringLiteral("NEW.email = 'meera@example.in'")));
        const QString path = writeFile(
            QStringLiteral("two.csv"),
            QByteArray(header) + "Ravi,Kumar,ravi@example.in,9876500001,1 Main Rd,Pune,Maharashtra,411001\r\n"
                                 "Meera,Iyer,meera@example.in,9876500002,2 Main Rd,Chennai,Tamil Nadu,600001\r\n");
        const QString before = fingerprint(db.db());
        ImportPlan plan = planFor(db, path, {});
        QVERIFY(plan.ok());
        const auto result = carryOut(db, plan);
        QVERIFY(!result.ok);
        QVERIFY2(result.message.startsWith(QStringLiteral("Nothing was imported: line 3:")),
                 qPrintable(result.message));
        QCOMPARE(fingerprint(db.db()), before);
    }

    void complimentaryEnrollmentsByCourseIdOrName()
    {
        SEEDED_DATABASE(db);
        const QString path = writeFile(QStringLiteral("enroll.csv"), "Email,Course\n"
                                                                     "asha@example.in,growth-track\n"
                                                                     "ZOYA@example.in,starter track\n"
                                                                     "liam@example.in,Growth Track\n"
                                                                     "nobody@example.in,starter-track\n"
                                                                     "asha@example.in,No Such Course\n"
                                                                     "asha@example.in,Growth Track\n");
        ImportOptions options;
        options.kind = ImportKind::Enrollments;
        options.sourceName = QStringLiteral("enroll.csv");
        const ImportPlan bad = planFor(db, path, options);
        QCOMPARE(issueTexts(bad),
                 (QStringList{QStringLiteral("line 4, course: liam@example.in is already enrolled in Growth Track"),
                              QStringLiteral("line 5, email: No user has email nobody@example.in"),
                              QStringLiteral("line 6, course: No course has the ID or name \"No Such Course\""),
                              QStringLiteral("line 7, email: asha@example.in in Growth Track is already on line 2 "
                                             "of this file")}));
        const QString good = writeFile(QStringLiteral("enroll-ok.csv"), "Email,Course\n"
                                                                        "asha@example.in,growth-track\n"
                                                                        "ZOYA@example.in,starter track\n");
        ImportPlan plan = planFor(db, good, options);
        QVERIFY2(plan.ok(), qPrintable(plan.report()));
        const auto result = carryOut(db, plan);
        QVERIFY2(result.ok, qPrintable(result.message));
        QCOMPARE(count(db.db(), QStringLiteral("enrollments"),
                       QStringLiteral("user_id = 3 AND course_id = 'starter-track' AND status = 'ACTIVE'")),
                 1);
        // The amount as exact minor units on both engines (SQLite hands back 0 for 0.00).
        QCOMPARE(Money::minorFromSql(scalar(db.db(), QStringLiteral("SELECT o.amount FROM orders o JOIN enrollments "
                                                                    "e ON e.order_id = o.id WHERE e.user_id = 1 AND "
                                                                    "o.status = 'PAID' AND o.currency = 'INR'"))),
                 std::optional<std::int64_t>(0));
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"), QStringLiteral("action = 'enroll'")), 4);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT reason FROM coursedesk_audit_log WHERE action = 'enroll' "
                                                "AND table_name = 'enrollments' ORDER BY id LIMIT 1"))
                     .toString(),
                 QStringLiteral("Complimentary enrollment imported from enroll.csv"));
        QVERIFY(WorkflowFixture::unknownPlatformValues(db.db()).isEmpty());
    }

    void xlsxFileImportsLikeCsv()
    {
        SEEDED_DATABASE(db);
        // A workbook as a spreadsheet makes it: the phone and pincode typed into number cells.
        const QString path = m_dir.filePath(QStringLiteral("users.xlsx"));
        using T = ExportColumn::Type;
        ListExportSource source(
            {{QStringLiteral("Email"), T::Text},
             {QStringLiteral("First name"), T::Text},
             {QStringLiteral("Surname"), T::Text},
             {QStringLiteral("Mobile"), T::Integer},
             {QStringLiteral("Address"), T::Text},
             {QStringLiteral("City"), T::Text},
             {QStringLiteral("State"), T::Text},
             {QStringLiteral("PIN code"), T::Integer}},
            {{ExportValue::ofText(QStringLiteral("ravi@example.in")), ExportValue::ofText(QStringLiteral("Ravi")),
              ExportValue::ofText(QStringLiteral("Kumar")), ExportValue::ofInteger(9876500001),
              ExportValue::ofText(QStringLiteral("1 Main Rd")), ExportValue::ofText(QStringLiteral("Pune")),
              ExportValue::ofText(QStringLiteral("Maharashtra")), ExportValue::ofInteger(411001)}});
        ExportOptions xlsx;
        xlsx.format = ExportOptions::Format::Xlsx;
        QVERIFY(ExportJob::run(source, xlsx, path).ok());
        ImportPlan plan = planFor(db, path, {});
        QVERIFY2(plan.ok(), qPrintable(plan.report()));
        QCOMPARE(plan.creates.size(), 1);
        QCOMPARE(plan.creates.first().line, 2);
        QVERIFY(carryOut(db, plan).ok);
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT phone FROM users WHERE email = 'ravi@example.in'")).toString(),
                 QStringLiteral("9876500001"));
        QCOMPARE(
            scalar(db.db(), QStringLiteral("SELECT last_name FROM users WHERE email = 'ravi@example.in'")).toString(),
            QStringLiteral("Kumar"));
    }

    void killedMidImportLeavesTheDatabaseAsItWas()
    {
        SEEDED_DATABASE(db);
        QByteArray csv(header);
        for (int i = 0; i < 20000; ++i) {
            csv += QStringLiteral("User,Number %1,user%1@example.in,9%2,1 Main Rd,Pune,Maharashtra,411001\r\n")
                       .arg(i)
                       .arg(800000000 + i)
                       .toUtf8();
        }
        const QString path = writeFile(QStringLiteral("many.csv"), csv);
        const QString before = fingerprint(db.db());
        QProcess child;
        child.setProgram(QStringLiteral(COURSEDESK_BINARY));
        child.setArguments({QStringLiteral("import"), QStringLiteral("users"), QStringLiteral("--database"),
                            db.url().toString(true), QStringLiteral("--file"), path});
        child.start();
        QVERIFY(child.waitForStarted());
        // Killed (SIGKILL: no clean-up of any kind) once it reports rows written in its transaction.
        QByteArray progress;
        QTRY_VERIFY_WITH_TIMEOUT((progress += child.readAllStandardError()).contains("Writing: 1000 of 20000"), 60000);
        child.kill();
        QVERIFY(child.waitForFinished());
        QCOMPARE(child.exitStatus(), QProcess::CrashExit);
        QCOMPARE(fingerprint(db.db()), before);
        QCOMPARE(count(db.db(), QStringLiteral("users"), QStringLiteral("email LIKE 'user%'")), 0);
    }
};

QTEST_GUILESS_MAIN(TestImport)
#include "tst_import.moc"
