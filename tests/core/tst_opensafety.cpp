#include "TestDatabase.h"
#include "db/Database.h"
#include "db/Privileges.h"
#include "reports/ReportCommand.h"
#include "schema/MigrationRunner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Opening a SQLite file changes nothing in it: no journal-mode switch, no file created, no device
// written; read-only files, folders and ?mode=ro are read, never written.
namespace {
QByteArray sha256(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return QByteArray();
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex();
}

// Bytes 18-19 of the header: 01 01 for a rollback journal, 02 02 once switched to WAL for good.
QByteArray journalBytes(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.read(20).mid(18).toHex() : QByteArray();
}

constexpr QFile::Permissions readOnlyFile = QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther;
constexpr QFile::Permissions readOnlyFolder = readOnlyFile | QFile::ExeOwner | QFile::ExeGroup | QFile::ExeOther;

// Opens, inspects and reads like the app's start does, then closes again.
bool openInspectRead(const DatabaseUrl& url, QString* error, int* users = nullptr)
{
    const QString name = QStringLiteral("opensafety");
    if (!Database::open(url, name, error)) {
        return false;
    }
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        MigrationRunner(db).inspect();
        Privileges::of(db);
        QSqlQuery query(db);
        ok = query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && query.next();
        if (ok && users) {
            *users = query.value(0).toInt();
        }
        if (!ok) {
            *error = query.lastError().text();
        }
    }
    Database::close(name);
    return ok;
}
} // namespace

class TestOpenSafety : public QObject
{
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    QString m_platform; // a platform database as the platform would have it: rollback journal

    QString copyOf(const QString& name)
    {
        const QString folder = m_dir.filePath(name);
        QDir().mkpath(folder);
        const QString path = folder + QStringLiteral("/platform.db");
        QFile::remove(path);
        QFile::copy(m_platform, path);
        QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
        return path;
    }

private slots:
    void initTestCase()
    {
        TestDatabase source(Engine::Sqlite);
        QVERIFY2(source.isValid() && source.fillDemoData(), qPrintable(source.error()));
        QSqlQuery query(source.db());
        QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode = DELETE")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("delete"));
        query.finish();
        m_platform = m_dir.filePath(QStringLiteral("platform.db"));
        QVERIFY(QFile::copy(source.url().path, m_platform));
        QCOMPARE(journalBytes(m_platform), QByteArray("0101"));
    }

    void cleanup()
    {
        // Let QTemporaryDir remove what tests made read-only.
        for (const QString& folder : QDir(m_dir.path()).entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
            QFile::setPermissions(m_dir.filePath(folder), readOnlyFolder | QFile::WriteOwner);
        }
    }

    void openingAndReportingChangeNothing()
    {
        const QString path = copyOf(QStringLiteral("plain"));
        const QByteArray before = sha256(path);
        QString error;
        int users = 0;
        QVERIFY2(openInspectRead(DatabaseUrl::sqliteFile(path), &error, &users), qPrintable(error));
        QVERIFY(users > 0);
        QCOMPARE(sha256(path), before);
        QCOMPARE(journalBytes(path), QByteArray("0101"));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));

        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        QCOMPARE(ReportCommand::run({QStringLiteral("report"), QStringLiteral("reconcile"),
                                     QStringLiteral("--database"), DatabaseUrl::sqliteFile(path).toString()},
                                    out, err),
                 0);
        QVERIFY2(errText.isEmpty(), qPrintable(errText));
        QCOMPARE(sha256(path), before);
        QCOMPARE(journalBytes(path), QByteArray("0101"));
    }

    void readOnlyFileIsReadNotWritten()
    {
        const QString path = copyOf(QStringLiteral("rofile"));
        QVERIFY(QFile::setPermissions(path, readOnlyFile)); // chmod 444
        const QByteArray before = sha256(path);
        const QString name = QStringLiteral("rofile");
        QString error;
        QVERIFY2(Database::open(DatabaseUrl::sqliteFile(path), name, &error), qPrintable(error));
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            QVERIFY2(Database::readOnlyReason(db).contains(QStringLiteral("the file platform.db is read-only")),
                     qPrintable(Database::readOnlyReason(db)));
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM orders")) && query.next());
            QVERIFY(query.value(0).toInt() > 0);
            // Even a user who could write the file (root) does not: the connection is read-only.
            QVERIFY(!query.exec(QStringLiteral("UPDATE users SET city = 'X'")));
            QVERIFY2(query.lastError().text().contains(QStringLiteral("readonly")),
                     qPrintable(query.lastError().text()));
            const Privileges p = Privileges::read(db);
            QVERIFY(p.readOnly());
            QVERIFY(p.may(QStringLiteral("users"), Privileges::Action::Select));
            QCOMPARE(p.refusal(QStringLiteral("payments"), Privileges::Action::Update),
                     QStringLiteral("Read-only: the file platform.db is read-only"));
        }
        Database::close(name);
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        QCOMPARE(ReportCommand::run({QStringLiteral("report"), QStringLiteral("reconcile"),
                                     QStringLiteral("--database"), DatabaseUrl::sqliteFile(path).toString()},
                                    out, err),
                 0);
        QVERIFY2(errText.isEmpty(), qPrintable(errText));
        QCOMPARE(sha256(path), before);
    }

    void readOnlyFolderIsRead()
    {
        const QString path = copyOf(QStringLiteral("rofolder"));
        const QByteArray before = sha256(path);
        QVERIFY(QFile::setPermissions(QFileInfo(path).absolutePath(), readOnlyFolder)); // chmod 555
        const QString name = QStringLiteral("rofolder");
        QString error;
        int users = 0;
        QVERIFY2(openInspectRead(DatabaseUrl::sqliteFile(path), &error, &users), qPrintable(error));
        QVERIFY(users > 0);
        QVERIFY2(Database::open(DatabaseUrl::sqliteFile(path), name, &error), qPrintable(error));
        QVERIFY(Database::readOnlyReason(QSqlDatabase::database(name, false)).contains(QStringLiteral("folder")));
        Database::close(name);
        QCOMPARE(QDir(QFileInfo(path).absolutePath()).entryList(QDir::Files),
                 QStringList{QStringLiteral("platform.db")});
        QCOMPARE(sha256(path), before);
    }

    void modeRoOptionIsReadOnly()
    {
        const QString path = copyOf(QStringLiteral("modero"));
        const QByteArray before = sha256(path);
        QString error;
        const auto url =
            DatabaseUrl::parse(DatabaseUrl::sqliteFile(path).toString() + QStringLiteral("?mode=ro"), &error);
        QVERIFY2(url, qPrintable(error));
        const QString name = QStringLiteral("modero");
        QVERIFY2(Database::open(*url, name, &error), qPrintable(error));
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            QVERIFY(Database::readOnlyReason(db).contains(QStringLiteral("mode=ro")));
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) && query.next());
            QVERIFY(!query.exec(QStringLiteral("DELETE FROM course_features")));
            QVERIFY(Privileges::read(db).readOnly());
        }
        Database::close(name);
        QCOMPARE(sha256(path), before);
    }

    void devicesAndMissingPathsAreRefused()
    {
        QString error;
        QVERIFY(!Database::open(DatabaseUrl::sqliteFile(QStringLiteral("/dev/null")), QStringLiteral("dev"), &error,
                                Database::OpenMode::CreateIfMissing));
        QVERIFY2(error.contains(QStringLiteral("not a regular file")), qPrintable(error));
        QVERIFY(!QFile::exists(QStringLiteral("/dev/null-journal")));

        const QString folder = m_dir.filePath(QStringLiteral("no/such/folder"));
        QVERIFY(!Database::open(DatabaseUrl::sqliteFile(folder + QStringLiteral("/x.db")), QStringLiteral("nofolder"),
                                &error, Database::OpenMode::CreateIfMissing));
        QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("no"))));

        const QString missing = m_dir.filePath(QStringLiteral("missing.db"));
        QVERIFY(!Database::open(DatabaseUrl::sqliteFile(missing), QStringLiteral("missing"), &error));
        QVERIFY2(error.contains(QStringLiteral("No database file")), qPrintable(error));
        QVERIFY(!QFileInfo::exists(missing));

        QVERIFY(!Database::open(DatabaseUrl::sqliteFile(m_dir.path()), QStringLiteral("folder"), &error));
        QVERIFY2(error.contains(QStringLiteral("is a folder")), qPrintable(error));

        // Only an explicit request creates a file.
        QVERIFY2(Database::open(DatabaseUrl::sqliteFile(missing), QStringLiteral("created"), &error,
                                Database::OpenMode::CreateIfMissing),
                 qPrintable(error));
        Database::close(QStringLiteral("created"));
        QVERIFY(QFileInfo::exists(missing));
        QVERIFY(!QSqlDatabase::contains(QStringLiteral("dev")));
    }

    void reportNeverCreatesAFile()
    {
        const QString missing = m_dir.filePath(QStringLiteral("report-missing.db"));
        QString outText, errText;
        QTextStream out(&outText), err(&errText);
        QCOMPARE(ReportCommand::run({QStringLiteral("report"), QStringLiteral("reconcile"),
                                     QStringLiteral("--database"), DatabaseUrl::sqliteFile(missing).toString()},
                                    out, err),
                 1);
        QVERIFY(!QFileInfo::exists(missing));
    }
};

QTEST_GUILESS_MAIN(TestOpenSafety)
#include "tst_opensafety.moc"
