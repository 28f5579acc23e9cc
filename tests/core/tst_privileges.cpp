#include "TestEngines.h"
#include "TestRoles.h"
#include "db/Database.h"
#include "db/Privileges.h"
#include "dbadmin/DbCommand.h"
#include "models/SqlErrorTranslator.h"
#include "models/TableSpec.h"

#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

// What a least-privilege role may do, read at connect (Privileges), and the GRANTs Coursedesk
// recommends for those roles (`coursedesk db roles`), checked on a real server and a real file.
namespace {
using A = Privileges::Action;

struct Connection
{
    QString name;
    explicit Connection(QString n) : name(std::move(n)) {}
    ~Connection() { Database::close(name); }
    QSqlDatabase db() const { return QSqlDatabase::database(name, false); }
};

int runDb(const QStringList& args, QString* outText, QString* errText)
{
    QTextStream out(outText), err(errText);
    return DbCommand::run(QStringList{QStringLiteral("db")} + args, out, err);
}

#define POSTGRES_ONLY(db)                                                                                              \
    TEST_DATABASE(db);                                                                                                 \
    if (db.engine() != Engine::Postgres) {                                                                             \
        QSKIP("roles exist on PostgreSQL only");                                                                       \
    }
} // namespace

class TestPrivileges : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void staffRoleReadsUsersWithoutPassword()
    {
        POSTGRES_ONLY(db);
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        Connection staff(QStringLiteral("staff"));
        QString error;
        QVERIFY2(Database::open(roles.urlFor(QStringLiteral("staff")), staff.name, &error), qPrintable(error));
        const Privileges p = Privileges::read(staff.db());
        QVERIFY(!p.readOnly());
        QVERIFY(p.may(QStringLiteral("users"), A::Select));
        QVERIFY(!p.mayColumn(QStringLiteral("users"), QStringLiteral("password"), A::Select));
        QVERIFY(p.mayColumn(QStringLiteral("users"), QStringLiteral("email"), A::Select));
        QVERIFY(p.may(QStringLiteral("users"), A::Update));
        QVERIFY(!p.mayColumn(QStringLiteral("users"), QStringLiteral("password"), A::Update));
        QVERIFY(p.may(QStringLiteral("courses"), A::Delete));
        QVERIFY(!p.may(QStringLiteral("payments"), A::Update));
        QCOMPARE(p.refusal(Privileges::workflowNeeds(QStringLiteral("refund"))),
                 QStringLiteral("Read-only: your role may not update payments"));
        QCOMPARE(p.refusal(Privileges::workflowNeeds(QStringLiteral("reset_password"))),
                 QStringLiteral("Read-only: your role may not update users.password"));
        QVERIFY(p.mayAll(Privileges::workflowNeeds(QStringLiteral("suspend"))));
        QVERIFY(p.mayAll(Privileges::workflowNeeds(QStringLiteral("enroll"))));

        // The server agrees: the password column cannot be read, every other one can.
        QSqlQuery query(staff.db());
        QVERIFY(!query.exec(QStringLiteral("SELECT * FROM users")));
        QCOMPARE(query.lastError().nativeErrorCode(), QStringLiteral("42501"));
        QVERIFY2(query.exec(QStringLiteral("SELECT id, email, city FROM users")), qPrintable(query.lastError().text()));
    }

    void permissionErrorsAreSaidInWords()
    {
        POSTGRES_ONLY(db);
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        Connection viewer(QStringLiteral("viewer"));
        QString error;
        QVERIFY2(Database::open(roles.urlFor(QStringLiteral("viewer")), viewer.name, &error), qPrintable(error));
        QSqlQuery query(viewer.db());
        QVERIFY(!query.exec(QStringLiteral("UPDATE users SET city = 'X'")));
        const TableSpec* users = TableSpec::forTable(QStringLiteral("users"));
        const auto own = SqlErrorTranslator::translate(viewer.db(), *users, query.lastError(), {},
                                                       SqlErrorTranslator::Operation::Update, QVariant());
        QVERIFY2(own.message.startsWith(QStringLiteral("You may not update users: ")), qPrintable(own.message));
        QVERIFY(own.message.endsWith(QStringLiteral("Nothing was written.")));
        QVERIFY(!own.connectionLost);
        // A refusal on another table the save writes (the audit log) names that table.
        QVERIFY(!query.exec(QStringLiteral("INSERT INTO coursedesk_audit_log (actor) VALUES ('x')")));
        const auto audit = SqlErrorTranslator::translate(viewer.db(), *users, query.lastError(), {},
                                                         SqlErrorTranslator::Operation::Update, QVariant());
        QVERIFY2(
            audit.message.startsWith(QStringLiteral("You may not write coursedesk_audit_log (saving users needs it)")),
            qPrintable(audit.message));
    }

    void financeRoleRecordsPaymentsOnly()
    {
        POSTGRES_ONLY(db);
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        Connection finance(QStringLiteral("finance"));
        QString error;
        QVERIFY2(Database::open(roles.urlFor(QStringLiteral("finance")), finance.name, &error), qPrintable(error));
        const Privileges p = Privileges::read(finance.db());
        QVERIFY(p.mayAll(Privileges::workflowNeeds(QStringLiteral("record_payment"))));
        QVERIFY(p.mayAll(Privileges::workflowNeeds(QStringLiteral("refund"))));
        QVERIFY(!p.may(QStringLiteral("courses"), A::Update));
        QVERIFY(!p.mayColumn(QStringLiteral("users"), QStringLiteral("password"), A::Select));
        QVERIFY(p.may(QStringLiteral("orders"), A::Select));
        QCOMPARE(p.refusal(QStringLiteral("users"), A::Update),
                 QStringLiteral("Read-only: your role may not update users"));
    }

    void selectOnlyRoleIsReadOnly()
    {
        POSTGRES_ONLY(db);
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        Connection viewer(QStringLiteral("viewer"));
        QString error;
        QVERIFY2(Database::open(roles.urlFor(QStringLiteral("viewer")), viewer.name, &error), qPrintable(error));
        const Privileges p = Privileges::read(viewer.db());
        QVERIFY(p.readOnly());
        for (const QString& table : {QStringLiteral("users"), QStringLiteral("orders"), QStringLiteral("payments")}) {
            QVERIFY(p.may(table, A::Select));
            QVERIFY(!p.may(table, A::Update));
            QVERIFY(!p.may(table, A::Insert));
            QVERIFY(!p.may(table, A::Delete));
        }
        QCOMPARE(p.refusal(Privileges::workflowNeeds(QStringLiteral("record_payment"))),
                 QStringLiteral("Read-only: your role may not add to payments"));
        // Cached per connection until it closes.
        QVERIFY(Privileges::of(viewer.db()).readOnly());
    }

    void sqliteReadOnlyOptionGivesReadOnlyPrivileges()
    {
        TEST_DATABASE(db);
        if (db.engine() != Engine::Sqlite) {
            QSKIP("a file-only case");
        }
        QVERIFY(!Privileges::read(db.db()).readOnly());
        DatabaseUrl url = db.url();
        url.options.insert(QStringLiteral("mode"), QStringLiteral("ro"));
        Connection ro(QStringLiteral("ro"));
        QString error;
        QVERIFY2(Database::open(url, ro.name, &error), qPrintable(error));
        const Privileges p = Privileges::read(ro.db());
        QVERIFY(p.readOnly());
        QVERIFY(p.may(QStringLiteral("users"), A::Select));
        QCOMPARE(p.refusal(QStringLiteral("orders"), A::Delete),
                 QStringLiteral("Read-only: test.db is opened read-only (mode=ro)"));
    }

    void rolesCommandPrintsGrantsWithoutPassword()
    {
        TEST_DATABASE(db);
        QString out, err;
        const int code = runDb({QStringLiteral("roles"), QStringLiteral("--database"), db.url().toString(true),
                                QStringLiteral("--print-sql")},
                               &out, &err);
        if (db.engine() == Engine::Sqlite) {
            QCOMPARE(code, 1);
            QVERIFY2(err.contains(QStringLiteral("PostgreSQL only")), qPrintable(err));
            return;
        }
        QCOMPARE(code, 0);
        QVERIFY2(err.isEmpty(), qPrintable(err));
        const QStringList lines = out.split(QLatin1Char('\n'));
        const QStringList userSelect = lines.filter(QStringLiteral("GRANT SELECT (\"id\""));
        QCOMPARE(userSelect.size(), 1);
        QVERIFY(userSelect.first().contains(QStringLiteral("\"email\"")));
        QVERIFY(userSelect.first().contains(QStringLiteral("ON \"users\" TO \"coursedesk_readonly\"")));
        // No GRANT anywhere gives the password column (or the whole users table) to be read.
        for (const QString& line : lines) {
            if (line.startsWith(QLatin1String("GRANT SELECT"))) {
                QVERIFY2(!line.contains(QStringLiteral("password")), qPrintable(line));
                QVERIFY2(!line.contains(QStringLiteral("SELECT ON \"users\"")), qPrintable(line));
            }
        }
        QVERIFY(out.contains(QStringLiteral("CREATE ROLE \"coursedesk_staff\" NOLOGIN")));
        QVERIFY(out.contains(QStringLiteral("GRANT \"coursedesk_readonly\" TO \"coursedesk_finance\";")));
    }

    void rolesCommandShowsWhatTheRoleMayDo()
    {
        POSTGRES_ONLY(db);
        TestRoles roles(db);
        QVERIFY2(roles.create(), qPrintable(roles.error()));
        QString out, err;
        QCOMPARE(runDb({QStringLiteral("roles"), QStringLiteral("--database"),
                        roles.urlFor(QStringLiteral("viewer")).toString()},
                       &out, &err),
                 0);
        QVERIFY2(out.contains(QStringLiteral("users.password readable: no")), qPrintable(out));
        const QStringList payments =
            out.split(QLatin1Char('\n')).filter(QRegularExpression(QStringLiteral("^payments ")));
        QCOMPARE(payments.size(), 1);
        QCOMPARE(payments.first().simplified(), QStringLiteral("payments yes no no no"));
    }

    void rolesCommandArguments()
    {
        QString out, err;
        QCOMPARE(runDb({QStringLiteral("roles")}, &out, &err), 2);
        QVERIFY(err.contains(QStringLiteral("--database is required")));
        err.clear();
        QCOMPARE(runDb({QStringLiteral("bogus")}, &out, &err), 2);
        QVERIFY(err.contains(QStringLiteral("unknown command \"bogus\"")));
        err.clear();
        QCOMPARE(runDb({QStringLiteral("roles"), QStringLiteral("--database"),
                        QStringLiteral("postgresql://u@h/db?dbname=postgres")},
                       &out, &err),
                 2);
        QVERIFY(err.contains(QStringLiteral("Unknown option \"dbname\"")));
    }
};

QTEST_GUILESS_MAIN(TestPrivileges)
#include "tst_privileges.moc"
