// WriteSession::insertMany, both engines: many new rows in multi-row statements keep what
// insert() guarantees — each row's key in order, one audit row per row worded as insert() words
// it, duplicates (in the rows themselves or in the table) and broken rules named by row, a
// database refusal named by row, and nothing written when any row fails.
#include "WorkflowFixture.h"
#include "services/WriteService.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QTest>

using namespace WorkflowFixture;

namespace {
const TableSpec& users()
{
    return *TableSpec::forTable(QStringLiteral("users"));
}

QHash<QString, QVariant> user(const QString& email, const QString& city = QStringLiteral("Chennai"))
{
    return {{QStringLiteral("first_name"), QStringLiteral("Meera")},
            {QStringLiteral("last_name"), QStringLiteral("Iyer")},
            {QStringLiteral("email"), email},
            {QStringLiteral("password"), QStringLiteral("$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE")},
            {QStringLiteral("phone"), QStringLiteral("9123456780")},
            {QStringLiteral("address"), QStringLiteral("4 Beach Rd, \"Sea View\"")},
            {QStringLiteral("city"), city},
            {QStringLiteral("state"), QStringLiteral("Tamil Nadu")},
            {QStringLiteral("pincode"), QStringLiteral("600001")},
            {QStringLiteral("role"), QStringLiteral("USER")}};
}

// The audit entry of users row `key`: (action, details with the email and key taken out).
QList<QPair<QString, QJsonArray>> auditOf(const QSqlDatabase& db, const QVariant& key)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT action, details FROM coursedesk_audit_log WHERE table_name = 'users' AND "
                                 "row_key = ? ORDER BY id"));
    query.addBindValue(key.toString());
    QList<QPair<QString, QJsonArray>> rows;
    if (query.exec()) {
        while (query.next()) {
            QJsonArray changes = QJsonDocument::fromJson(query.value(1).toString().toUtf8())
                                     .object()
                                     .value(QStringLiteral("changes"))
                                     .toArray();
            for (qsizetype i = 0; i < changes.size(); ++i) {
                if (changes.at(i).toObject().value(QStringLiteral("column")).toString() == QLatin1String("email")) {
                    changes.removeAt(i);
                    break;
                }
            }
            rows.append({query.value(0).toString(), changes});
        }
    }
    return rows;
}

QString emailOf(const QSqlDatabase& db, const QVariant& key)
{
    return scalar(db, QStringLiteral("SELECT email FROM users WHERE id = ?"), {key}).toString();
}
} // namespace

class TestInsertMany : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void rowsAreWrittenAndAuditedAsInsertDoesIt()
    {
        SEEDED_DATABASE(db);
        const WriteResult one = WriteService::insert(db.db(), users(), user(QStringLiteral("one@example.in")));
        QVERIFY2(one.ok(), qPrintable(one.message));

        WriteSession session(db.db());
        const WriteResult many = session.insertMany(users(), {user(QStringLiteral("two@example.in")),
                                                              user(QStringLiteral("three@example.in")),
                                                              user(QStringLiteral("four@example.in"))});
        QVERIFY2(many.ok(), qPrintable(many.message));
        QVERIFY(session.commit());

        QCOMPARE(many.keys.size(), 3);
        QCOMPARE(emailOf(db.db(), many.keys.at(0)), QStringLiteral("two@example.in"));
        QCOMPARE(emailOf(db.db(), many.keys.at(1)), QStringLiteral("three@example.in"));
        QCOMPARE(emailOf(db.db(), many.keys.at(2)), QStringLiteral("four@example.in"));
        QVERIFY(many.keys.at(0).toLongLong() > one.key.toLongLong());
        QCOMPARE(scalar(db.db(), QStringLiteral("SELECT city FROM users WHERE id = ?"), {many.keys.at(1)}).toString(),
                 QStringLiteral("Chennai"));
        QVERIFY(
            !scalar(db.db(), QStringLiteral("SELECT created_at FROM users WHERE id = ?"), {many.keys.at(2)}).isNull());

        // One audit row per new row, the same as insert() writes (the email aside).
        const auto expected = auditOf(db.db(), one.key);
        QCOMPARE(expected.size(), 1);
        QCOMPARE(expected.first().first, QStringLiteral("insert"));
        for (const QVariant& key : many.keys) {
            QCOMPARE(auditOf(db.db(), key), expected);
        }
        const QJsonDocument details = QJsonDocument::fromJson(
            scalar(
                db.db(),
                QStringLiteral("SELECT details FROM coursedesk_audit_log WHERE table_name = 'users' AND row_key = ?"),
                {many.keys.at(0).toString()})
                .toString()
                .toUtf8());
        QVERIFY(details.toJson(QJsonDocument::Compact).contains("\"after\":\"two@example.in\""));
        QVERIFY(!details.toJson(QJsonDocument::Compact).contains("SECRETHASH"));
    }

    // More rows than one statement takes: every row, every audit row, keys in order.
    void manyStatementsOfRows()
    {
        SEEDED_DATABASE(db);
        QList<QHash<QString, QVariant>> rows;
        for (int i = 0; i < 1203; ++i) {
            rows << user(QStringLiteral("bulk%1@example.in").arg(i));
        }
        WriteSession session(db.db());
        const WriteResult r = session.insertMany(users(), rows);
        QVERIFY2(r.ok(), qPrintable(r.message));
        QVERIFY(session.commit());
        QCOMPARE(r.keys.size(), 1203);
        QCOMPARE(emailOf(db.db(), r.keys.at(1202)), QStringLiteral("bulk1202@example.in"));
        QCOMPARE(emailOf(db.db(), r.keys.at(600)), QStringLiteral("bulk600@example.in"));
        QCOMPARE(count(db.db(), QStringLiteral("users"), QStringLiteral("email LIKE 'bulk%'")), 1203);
        QCOMPARE(count(db.db(), QStringLiteral("coursedesk_audit_log"),
                       QStringLiteral("table_name = 'users' AND action = 'insert'")),
                 1203);
    }

    void duplicatesAreNamedByRow()
    {
        SEEDED_DATABASE(db);
        const QString before = fingerprint(db.db());
        {
            // Within the rows: the later one, naming the earlier spelling.
            WriteSession session(db.db());
            const WriteResult r = session.insertMany(users(), {user(QStringLiteral("new1@example.in")),
                                                               user(QStringLiteral("Meera@example.in")),
                                                               user(QStringLiteral("meera@example.in"))});
            QCOMPARE(r.status, WriteResult::Status::Invalid);
            QCOMPARE(r.index, 2);
            QCOMPARE(r.column, QStringLiteral("email"));
            QCOMPARE(r.message,
                     QStringLiteral("Email meera@example.in is already used by another user (Meera@example.in)"));
        }
        {
            // Against the table, whatever the case.
            WriteSession session(db.db());
            const WriteResult r = session.insertMany(
                users(), {user(QStringLiteral("new1@example.in")), user(QStringLiteral("LIAM@example.in"))});
            QCOMPARE(r.status, WriteResult::Status::Invalid);
            QCOMPARE(r.index, 1);
            QCOMPARE(r.message,
                     QStringLiteral("Email LIAM@example.in is already used by another user (liam@example.in)"));
        }
        QCOMPARE(fingerprint(db.db()), before);
    }

    // The first bad row is the one named, whichever check finds it.
    void brokenRulesAreNamedByRow()
    {
        SEEDED_DATABASE(db);
        auto noCity = user(QStringLiteral("new2@example.in"), QString());
        auto badPhone = user(QStringLiteral("new3@example.in"));
        badPhone.insert(QStringLiteral("phone"), QStringLiteral("12345"));
        WriteSession session(db.db());
        WriteResult r = session.insertMany(users(), {user(QStringLiteral("new1@example.in")), noCity, badPhone});
        QCOMPARE(r.status, WriteResult::Status::Invalid);
        QCOMPARE(r.index, 1);
        QCOMPARE(r.column, QStringLiteral("city"));

        r = session.insertMany(users(), {user(QStringLiteral("asha@example.in")), noCity});
        QCOMPARE(r.index, 0);
        QCOMPARE(r.column, QStringLiteral("email"));

        auto admin = user(QStringLiteral("new4@example.in"));
        admin.insert(QStringLiteral("role"), QStringLiteral("OWNER"));
        r = session.insertMany(users(), {user(QStringLiteral("new1@example.in")), admin});
        QCOMPARE(r.index, 1);
        QCOMPARE(r.column, QStringLiteral("role"));
    }

    // What only the database refuses (here a trigger) is named by row too, and the transaction
    // then writes nothing.
    void databaseRefusalIsNamedByRowAndNothingIsWritten()
    {
        SEEDED_DATABASE(db);
        QVERIFY(injectFailure(db, QStringLiteral("users"), QStringLiteral("INSERT"),
                              QStringLiteral("NEW.email = 'refused@example.in'")));
        const QString before = fingerprint(db.db());
        {
            WriteSession session(db.db());
            const WriteResult r = session.insertMany(
                users(), {user(QStringLiteral("ok1@example.in")), user(QStringLiteral("ok2@example.in")),
                          user(QStringLiteral("refused@example.in")), user(QStringLiteral("ok3@example.in"))});
            QCOMPARE(r.status, WriteResult::Status::Failed);
            QCOMPARE(r.index, 2);
            QCOMPARE(r.keys.size(), 2);
            QVERIFY2(r.message.contains(QStringLiteral("injected failure")), qPrintable(r.message));
        }
        QCOMPARE(fingerprint(db.db()), before);
    }
};

QTEST_MAIN(TestInsertMany)
#include "tst_insertmany.moc"
