#include "TestEngines.h"
#include "TestSql.h"
#include "connection/ConnectionDialog.h"
#include "connection/DatabaseOpener.h"
#include "connection/PasswordPrompt.h"
#include "connection/RecentConnections.h"
#include "db/Database.h"
#include "forms/Prompt.h"
#include "mainwindow/MainWindow.h"
#include "models/windowed/WindowedTableModel.h"
#include "pages/TablePage.h"
#include "schema/MigrationRunner.h"
#include "schema/PlatformSchema.h"
#include "schema/SchemaInspector.h"

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSettings>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QtEndian>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

namespace {
using TestSql::platformSql;

const char* prismaSql = "CREATE TABLE _prisma_migrations (id VARCHAR(36) PRIMARY KEY, checksum VARCHAR(64) NOT NULL, "
                        "migration_name VARCHAR(255) NOT NULL);\n"
                        "INSERT INTO _prisma_migrations VALUES ('a1', 'c0ffee', '0_init');\n";

const char* seedSql = R"(
INSERT INTO courses (id, name, description, duration, fee, original_price, level) VALUES ('starter-track', 'Starter Track', 'New sellers', '45 Days', 5999.00, 7999.00, 'Beginner');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode) VALUES (1, 'Asha', 'Rao', 'asha@example.in', '$2a$10$abcdefghijklmnopqrstuu', '9876543210', '12 MG Road', 'Pune', 'Maharashtra', '411001');
)";

// Columns, types, nullability and indexes of the platform's tables, plus every table name.
QStringList fingerprint(const QSqlDatabase& db, const QStringList& ignoredIndexes = {})
{
    const SchemaInspector inspector(db);
    QStringList lines = inspector.tables();
    lines.sort();
    for (const QString& table : PlatformSchema::tableNames()) {
        for (const auto& column : inspector.columns(table)) {
            lines << QStringLiteral("%1.%2 %3 %4").arg(table, column.name, column.type).arg(column.notNull);
        }
        QStringList indexes = inspector.indexes(table);
        for (const QString& ignored : ignoredIndexes) {
            indexes.removeAll(ignored);
        }
        indexes.sort();
        lines << table + QStringLiteral(" indexes: ") + indexes.join(QLatin1Char(','));
    }
    return lines;
}

QStringList coursedeskTables(const QSqlDatabase& db)
{
    return SchemaInspector(db).tables().filter(QRegularExpression(QStringLiteral("^coursedesk_")));
}

#ifdef Q_OS_UNIX
// The dev server trusts every login, so the password question can only be exercised against a
// stand-in: it speaks just enough of the PostgreSQL protocol to ask for a cleartext password and
// to reject every one it is sent, recording what arrived. Plain POSIX sockets, since the project
// does not link Qt Network.
class PasswordRejectingServer
{
public:
    PasswordRejectingServer()
    {
        m_listener = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t size = sizeof(address);
        if (m_listener < 0 || ::bind(m_listener, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
            ::listen(m_listener, 4) != 0 ||
            ::getsockname(m_listener, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
            return;
        }
        m_port = ntohs(address.sin_port);
        m_thread = std::thread([this] { run(); });
    }
    ~PasswordRejectingServer()
    {
        m_stop = true;
        if (m_thread.joinable()) {
            m_thread.join();
        }
        if (m_listener >= 0) {
            ::close(m_listener);
        }
    }
    quint16 port() const { return m_port; }
    QStringList passwordsReceived() const
    {
        std::lock_guard lock(m_mutex);
        return m_passwords;
    }

private:
    void run()
    {
        while (!m_stop) {
            pollfd waiting{m_listener, POLLIN, 0};
            if (::poll(&waiting, 1, 50) == 1) {
                const int client = ::accept(m_listener, nullptr, nullptr);
                if (client >= 0) {
                    serve(client);
                    ::close(client);
                }
            }
        }
    }
    // False when the client hung up (libpq does when it has no password to send) or went quiet.
    static bool read(int fd, size_t size, QByteArray* out)
    {
        out->resize(qsizetype(size));
        size_t done = 0;
        while (done < size) {
            pollfd waiting{fd, POLLIN, 0};
            if (::poll(&waiting, 1, 5000) != 1) {
                return false;
            }
            const ssize_t got = ::recv(fd, out->data() + done, size - done, 0);
            if (got <= 0) {
                return false;
            }
            done += size_t(got);
        }
        return true;
    }
    static void write(int fd, const QByteArray& bytes)
    {
        ::send(fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL);
    }
    static QByteArray int32(quint32 value)
    {
        QByteArray bytes(4, '\0');
        qToBigEndian(value, bytes.data());
        return bytes;
    }
    static bool readMessageBody(int fd, QByteArray* body)
    {
        QByteArray length;
        return read(fd, 4, &length) && read(fd, qFromBigEndian<quint32>(length.constData()) - 4, body);
    }

    void serve(int fd)
    {
        QByteArray body;
        for (;;) { // SSL and GSS encryption requests are declined; then comes the startup message
            if (!readMessageBody(fd, &body)) {
                return;
            }
            const quint32 code = qFromBigEndian<quint32>(body.constData());
            if (code != 80877103 && code != 80877104) {
                break;
            }
            write(fd, "N");
        }
        write(fd, QByteArray("R") + int32(8) + int32(3)); // AuthenticationCleartextPassword
        QByteArray type;
        if (!read(fd, 1, &type) || type != "p" || !readMessageBody(fd, &body)) {
            return;
        }
        {
            std::lock_guard lock(m_mutex);
            m_passwords << QString::fromUtf8(body.left(body.indexOf('\0')));
        }
        const QByteArray fields = QByteArray("SFATAL") + '\0' + "VFATAL" + '\0' + "C28P01" + '\0' +
                                  "Mpassword authentication failed for user \"alice\"" + '\0' + '\0';
        write(fd, QByteArray("E") + int32(quint32(4 + fields.size())) + fields);
    }

    int m_listener = -1;
    quint16 m_port = 0;
    std::atomic_bool m_stop = false;
    std::thread m_thread;
    mutable std::mutex m_mutex;
    QStringList m_passwords;
};

// A loopback port nobody listens on (bound, then closed again).
quint16 unusedPort()
{
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t size = sizeof(address);
    ::bind(fd, reinterpret_cast<sockaddr*>(&address), size);
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    ::close(fd);
    return ntohs(address.sin_port);
}
#endif
} // namespace

// Opening databases the way staff do: the connection dialog, the command line's URL (through
// MainWindow::openConnection, which Startup calls), and what happens for each kind of database.
class TestConnection : public QObject
{
    Q_OBJECT

private:
    // ConnectionDialog::exec() blocks; `fill` runs once the dialog is up (polled on the event loop).
    static void whenDialogShown(const std::function<void(ConnectionDialog*)>& fill)
    {
        auto* timer = new QTimer;
        auto tries = std::make_shared<int>(0);
        QObject::connect(timer, &QTimer::timeout, timer, [timer, tries, fill] {
            auto* dialog = qobject_cast<ConnectionDialog*>(QApplication::activeModalWidget());
            if (!dialog && ++*tries < 500) {
                return;
            }
            timer->stop();
            timer->deleteLater();
            if (dialog) {
                fill(dialog);
            }
        });
        timer->start(10);
    }

    static QString lastAsked()
    {
        const QStringList asked = Prompt::asked();
        return asked.isEmpty() ? QString() : asked.constLast();
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // settings go to a test folder, not the user's
        QCoreApplication::setOrganizationName(QStringLiteral("CoursedeskTest"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_connection"));
    }
    void init()
    {
        Prompt::setTestMode(true);
        Prompt::clearAsked();
        PasswordPrompt::clear();
        RecentConnections::clear();
    }

    void dialogBuildsUrlAndNeverStoresPassword()
    {
        TEST_DATABASE(db);
        const QString password = QStringLiteral("s3cret-Pa55");
        RecentConnections::add(QStringLiteral("sqlite:///somewhere/else.db"));
        MainWindow window;
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        bool filled = false;
        bool passwordShown = false;
        whenDialogShown([&](ConnectionDialog* dialog) {
            auto* urlEdit = dialog->findChild<QLineEdit*>(QStringLiteral("urlEdit"));
            auto* passwordEdit = dialog->findChild<QLineEdit*>(QStringLiteral("passwordEdit"));
            auto* buttons = dialog->findChild<QDialogButtonBox*>(QStringLiteral("buttonBox"));
            if (!urlEdit || !passwordEdit || !buttons) {
                dialog->reject();
                return;
            }
            // The remembered connection is filled in; a wrong URL is refused in the dialog itself.
            filled = urlEdit->text() == QStringLiteral("sqlite:///somewhere/else.db");
            urlEdit->clear();
            QTest::keyClicks(urlEdit, QStringLiteral("mysql://nowhere/db"));
            QTest::mouseClick(buttons->button(QDialogButtonBox::Open), Qt::LeftButton);
            auto* errorLabel = dialog->findChild<QLabel*>(QStringLiteral("errorLabel"));
            filled =
                filled && dialog->isVisible() && errorLabel && errorLabel->text().contains(QStringLiteral("mysql"));
            urlEdit->clear();
            QTest::keyClicks(urlEdit, db.url().toString(false));
            passwordShown = passwordEdit->isVisible();
            if (passwordShown) {
                QTest::keyClicks(passwordEdit, password);
            }
            QTest::mouseClick(buttons->button(QDialogButtonBox::Open), Qt::LeftButton);
        });
        QAction* open = window.findChild<QAction*>(QStringLiteral("actionOpenConnection"));
        QVERIFY(open);
        open->trigger();
        QVERIFY(filled);
        QCOMPARE(passwordShown, db.engine() == Engine::Postgres);
        QTRY_VERIFY(window.database().isOpen());
        const DatabaseUrl opened = Database::url(window.database());
        QCOMPARE(opened.engine, db.engine());
        if (db.engine() == Engine::Postgres) {
            QCOMPARE(opened.database, db.url().database);
            QCOMPARE(opened.password, password); // used for the connection...
        } else {
            QCOMPARE(opened.path, db.url().path);
        }
        // ...and remembered nowhere.
        QCOMPARE(RecentConnections::list().value(0), db.url().toString(false));
        QCOMPARE(RecentConnections::list().size(), 2);
        // A password typed into the URL itself is stripped before it is remembered too.
        RecentConnections::add(QStringLiteral("postgresql://staff:typed-In-Url@db.example.in:5432/platform"));
        QCOMPARE(RecentConnections::list().value(0), QStringLiteral("postgresql://staff@db.example.in:5432/platform"));
        QSettings settings;
        settings.sync();
        QFile file(settings.fileName());
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(settings.fileName()));
        const QByteArray stored = file.readAll();
        QVERIFY(stored.contains("db.example.in"));
        QVERIFY(!stored.contains(password.toUtf8()));
        QVERIFY(!stored.contains("typed-In-Url"));
        QVERIFY(Prompt::asked().isEmpty());
    }

    void emptyDatabaseCreatedOnYes()
    {
        TEST_EMPTY_DATABASE(db);
        MainWindow window;
        Prompt::queueAnswer(Prompt::Yes);
        QVERIFY2(window.openConnection(db.url()), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
        QCOMPARE(Prompt::asked().size(), 1);
        QVERIFY(lastAsked().startsWith(QStringLiteral("Empty database: ")));
        QCOMPARE(MigrationRunner(db.db()).inspect().state, MigrationRunner::State::Current);
        QVERIFY(SchemaInspector(db.db()).missingPlatformObjects().isEmpty());
        QVERIFY(window.page(QStringLiteral("orders")));
    }

    void emptyDatabaseUntouchedOnNo()
    {
        TEST_EMPTY_DATABASE(db);
        MainWindow window;
        Prompt::queueAnswer(Prompt::No);
        QVERIFY(!window.openConnection(db.url()));
        QCOMPARE(Prompt::asked().size(), 1); // the question, and no error after declining
        QVERIFY(lastAsked().startsWith(QStringLiteral("Empty database: ")));
        QCOMPARE(SchemaInspector(db.db()).tables(), QStringList());
        QVERIFY(!window.database().isValid());
        QVERIFY(RecentConnections::list().isEmpty());
    }

    void emptyDatabaseDefaultAnswerIsNo()
    {
        TEST_EMPTY_DATABASE(db);
        MainWindow window;
        // Nothing queued: the question takes its default button, which must not create anything.
        QVERIFY(!window.openConnection(db.url()));
        QVERIFY(lastAsked().startsWith(QStringLiteral("Empty database: ")));
        QCOMPARE(SchemaInspector(db.db()).tables(), QStringList());
    }

    void anotherApplicationsDatabaseRefusedWithoutAQuestion()
    {
        TEST_EMPTY_DATABASE(db);
        QVERIFY2(db.exec(QStringLiteral("CREATE TABLE notes (id INTEGER, body TEXT);\n"
                                        "INSERT INTO notes (id, body) VALUES (1, 'mine');")),
                 qPrintable(db.error()));
        MainWindow window;
        Prompt::queueAnswer(Prompt::Yes); // were anything asked, Yes would be the dangerous answer
        QVERIFY(!window.openConnection(db.url()));
        QCOMPARE(Prompt::asked().size(), 1); // only the warning, no question
        QVERIFY2(lastAsked().startsWith(QStringLiteral("Could not open the database: ")), qPrintable(lastAsked()));
        QVERIFY2(lastAsked().contains(QStringLiteral("holds tables of another application (notes): Coursedesk opens "
                                                     "only the platform's database")),
                 qPrintable(lastAsked()));
        QCOMPARE(SchemaInspector(db.db()).tables(), QStringList{QStringLiteral("notes")});
        QVERIFY(RecentConnections::list().isEmpty());
    }

    void unattendedRunNeverCreates()
    {
        TEST_EMPTY_DATABASE(db);
        DatabaseOpener::setUnattended(true);
        auto restore = qScopeGuard([] { DatabaseOpener::setUnattended(false); });
        MainWindow window;
        Prompt::queueAnswer(Prompt::Yes);
        QVERIFY(!window.openConnection(db.url()));
        QVERIFY2(lastAsked().contains(QStringLiteral("only when you confirm it")), qPrintable(lastAsked()));
        QCOMPARE(SchemaInspector(db.db()).tables(), QStringList());
        if (db.engine() == Engine::Sqlite) {
            QTemporaryDir dir;
            const QString path = dir.filePath(QStringLiteral("new.db"));
            QVERIFY(!window.openConnection(DatabaseUrl::sqliteFile(path)));
            QVERIFY2(lastAsked().contains(QStringLiteral("No database file")), qPrintable(lastAsked()));
            QVERIFY(!QFile::exists(path));
        }
    }

    void newSqliteFileCreatedOnlyOnYes()
    {
        TEST_ENGINE_OR_SKIP(engine);
        if (engine != Engine::Sqlite) {
            QSKIP("a file-only case");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.db"));
        MainWindow window;
        QVERIFY(!window.openConnection(DatabaseUrl::sqliteFile(path))); // default: No
        QVERIFY(lastAsked().startsWith(QStringLiteral("New database: ")));
        QVERIFY(!QFile::exists(path));
        Prompt::queueAnswer(Prompt::Yes);
        QVERIFY(window.openConnection(DatabaseUrl::sqliteFile(path)));
        QCOMPARE(MigrationRunner(window.database()).inspect().state, MigrationRunner::State::Current);
        // Device files and missing folders are refused before anything is asked.
        Prompt::clearAsked();
        QVERIFY(!window.openConnection(DatabaseUrl::sqliteFile(QStringLiteral("/dev/null"))));
        QCOMPARE(Prompt::asked().size(), 1);
        QVERIFY2(lastAsked().contains(QStringLiteral("not a regular file")), qPrintable(lastAsked()));
        QVERIFY(!QFile::exists(QStringLiteral("/dev/null-journal")));
        QVERIFY(!window.openConnection(DatabaseUrl::sqliteFile(dir.filePath(QStringLiteral("sub/x.db")))));
        QVERIFY2(lastAsked().contains(QStringLiteral("does not exist")), qPrintable(lastAsked()));
        QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("sub"))));
    }

    void newSqliteFileNotLeftBehindOnNo()
    {
        TEST_ENGINE_OR_SKIP(engine);
        if (engine != Engine::Sqlite) {
            QSKIP("a file-only case");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("new.db"));
        MainWindow window;
        Prompt::queueAnswer(Prompt::No);
        QVERIFY(!window.openConnection(DatabaseUrl::sqliteFile(path)));
        QVERIFY(!QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void platformDatabaseDeclinedStillReadWrite()
    {
        TEST_EMPTY_DATABASE(db);
        QVERIFY2(db.exec(platformSql(db.engine()) + QLatin1Char('\n') + QString::fromUtf8(prismaSql) +
                         QString::fromUtf8(seedSql)),
                 qPrintable(db.error()));
        const QStringList before = fingerprint(db.db());
        const QStringList planned = MigrationRunner(db.db()).plannedObjects();
        QVERIFY(planned.contains(QStringLiteral("table coursedesk_schema_version")));

        MainWindow window;
        window.show();
        Prompt::queueAnswer(Prompt::No);
        QVERIFY2(window.openConnection(db.url()), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
        QCOMPARE(Prompt::asked().size(), 1);
        // The question lists exactly what would be created, one bullet per object.
        const QString question = lastAsked();
        QVERIFY(question.startsWith(QStringLiteral("Platform database: ")));
        QStringList listed;
        for (const QString& line : question.split(QLatin1Char('\n'))) {
            if (line.startsWith(QStringLiteral("\u2022 "))) {
                listed << line.mid(2);
            }
        }
        QCOMPARE(listed, planned);
        QCOMPARE(fingerprint(db.db()), before);
        QVERIFY(coursedeskTables(db.db()).isEmpty());

        // Without Coursedesk's objects the app still reads and writes the platform's tables.
        QVERIFY(window.showPage(QStringLiteral("users")));
        auto* users = qobject_cast<TablePage*>(window.currentPage());
        QVERIFY(users);
        QTRY_VERIFY(users->isReady());
        QAbstractItemModelTester tester(users->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        WindowedTableModel* model = users->model();
        QCOMPARE(model->rowCount(), 1);
        const int city = model->fieldIndex(QStringLiteral("city"));
        QVERIFY(city >= 0);
        QVERIFY(model->setData(model->index(0, city), QStringLiteral("Shillong")));
        QTRY_VERIFY(users->hasUnsavedChanges());
        QVERIFY2(users->save(), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
        QSqlQuery check(db.db());
        QVERIFY_SQL(check, exec(QStringLiteral("SELECT city FROM users WHERE id = 1")));
        QVERIFY(check.next());
        QCOMPARE(check.value(0).toString(), QStringLiteral("Shillong"));
        QVERIFY(coursedeskTables(db.db()).isEmpty());
    }

    void platformDatabaseAdoptedOnYes()
    {
        TEST_EMPTY_DATABASE(db);
        QVERIFY2(db.exec(platformSql(db.engine()) + QLatin1Char('\n') + QString::fromUtf8(prismaSql) +
                         QString::fromUtf8(seedSql)),
                 qPrintable(db.error()));
        const QStringList planned = MigrationRunner(db.db()).plannedObjects();
        QStringList plannedIndexes;
        QStringList plannedTables;
        for (const QString& object : planned) {
            if (object.startsWith(QStringLiteral("index "))) {
                plannedIndexes << object.mid(6);
            } else if (object.startsWith(QStringLiteral("table "))) {
                plannedTables << object.mid(6);
            }
        }
        QStringList before = fingerprint(db.db());

        MainWindow window;
        Prompt::queueAnswer(Prompt::Yes);
        QVERIFY2(window.openConnection(db.url()), qPrintable(Prompt::asked().join(QLatin1Char('\n'))));
        QCOMPARE(Prompt::asked().size(), 1);
        QCOMPARE(MigrationRunner(db.db()).inspect().state, MigrationRunner::State::Current);
        // Exactly the listed tables were added; the platform's tables, their columns and own
        // indexes are as they were, and Prisma's bookkeeping was left alone.
        QStringList createdTables = coursedeskTables(db.db());
        createdTables.sort();
        plannedTables.sort();
        QCOMPARE(createdTables, plannedTables);
        QStringList after = fingerprint(db.db(), plannedIndexes);
        for (const QString& table : std::as_const(createdTables)) {
            after.removeAll(table);
        }
        QCOMPARE(after, before);
        QSqlQuery query(db.db());
        QVERIFY_SQL(query, exec(QStringLiteral("SELECT migration_name FROM _prisma_migrations")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("0_init"));
        QVERIFY(!query.next());
    }

    void missingColumnNamed()
    {
        TEST_EMPTY_DATABASE(db);
        QString sql = platformSql(db.engine());
        sql.replace(QRegularExpression(QStringLiteral(".*razorpay_order_id.*\\n")), QString());
        QVERIFY2(db.exec(sql + QLatin1Char('\n') + QString::fromUtf8(prismaSql)), qPrintable(db.error()));
        const QStringList before = fingerprint(db.db());
        MainWindow window;
        QVERIFY(!window.openConnection(db.url()));
        QCOMPARE(Prompt::asked().size(), 1);
        QVERIFY2(lastAsked().contains(QStringLiteral("column orders.razorpay_order_id is missing")),
                 qPrintable(lastAsked()));
        QVERIFY(lastAsked().contains(QStringLiteral("Nothing was changed")));
        QCOMPARE(fingerprint(db.db()), before);
        QVERIFY(!window.database().isValid());
    }

    void newerVersionRefused()
    {
        TEST_DATABASE(db);
        QSqlQuery query(db.db());
        QVERIFY_SQL(query, exec(QStringLiteral("INSERT INTO coursedesk_schema_version (version, name, how) "
                                               "VALUES (999, 'future', 'applied')")));
        const QStringList before = fingerprint(db.db());
        QVERIFY_SQL(query, exec(QStringLiteral("SELECT COUNT(*), MAX(version) FROM coursedesk_schema_version")));
        QVERIFY(query.next());
        const int versionRows = query.value(0).toInt();
        MainWindow window;
        Prompt::queueAnswer(Prompt::Yes); // whatever might be asked: nothing should be
        QVERIFY(!window.openConnection(db.url()));
        QCOMPARE(Prompt::asked().size(), 1);
        QVERIFY2(lastAsked().contains(QStringLiteral("newer Coursedesk")), qPrintable(lastAsked()));
        QVERIFY(lastAsked().contains(QStringLiteral("999")));
        QVERIFY(lastAsked().contains(QStringLiteral("Nothing was changed")));
        QCOMPARE(fingerprint(db.db()), before);
        QVERIFY_SQL(query, exec(QStringLiteral("SELECT COUNT(*), MAX(version) FROM coursedesk_schema_version")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toInt(), versionRows);
        QCOMPARE(query.value(1).toInt(), 999);
        QVERIFY(RecentConnections::list().isEmpty());
    }

    void outdatedSchemaUpdatedOnlyWhenConfirmed()
    {
        TEST_DATABASE(db);
        // Turn the database into one made by an earlier Coursedesk: without the newest migration.
        QSqlQuery query(db.db());
        QVERIFY_SQL(query, exec(QStringLiteral("SELECT MAX(version) FROM coursedesk_schema_version")));
        QVERIFY(query.next());
        const int newest = query.value(0).toInt();
        QVERIFY_SQL(query,
                    exec(QStringLiteral("DELETE FROM coursedesk_schema_version WHERE version = %1").arg(newest)));
        const QStringList planned = MigrationRunner(db.db()).plannedObjects();
        QVERIFY(!planned.isEmpty());
        for (const QString& object : planned) {
            const QString name = object.section(QLatin1Char(' '), 1);
            const QString kind = object.section(QLatin1Char(' '), 0, 0).toUpper();
            // IF EXISTS: an index on a table of the same migration went with its table.
            QVERIFY_SQL(query, exec(QStringLiteral("DROP %1 IF EXISTS %2").arg(kind, name)));
        }
        auto newestApplied = [&db] {
            QSqlQuery q(db.db());
            q.exec(QStringLiteral("SELECT MAX(version) FROM coursedesk_schema_version"));
            return q.next() ? q.value(0).toInt() : -1;
        };

        {
            MainWindow window;
            Prompt::queueAnswer(Prompt::No);
            QVERIFY(window.openConnection(db.url())); // declining still opens the database
            QCOMPARE(Prompt::asked().size(), 1);
            for (const QString& object : planned) {
                QVERIFY2(lastAsked().contains(object), qPrintable(lastAsked()));
            }
        }
        QCOMPARE(newestApplied(), newest - 1);
        QVERIFY(MigrationRunner(db.db()).plannedObjects() == planned);

        Prompt::clearAsked();
        {
            MainWindow window;
            Prompt::queueAnswer(Prompt::Yes);
            QVERIFY(window.openConnection(db.url()));
        }
        QCOMPARE(newestApplied(), newest);
        QCOMPARE(MigrationRunner(db.db()).inspect().state, MigrationRunner::State::Current);
    }

    void notADatabaseFileLeftAlone()
    {
        TEST_ENGINE_OR_SKIP(engine);
        if (engine != Engine::Sqlite) {
            QSKIP("a file-only case");
        }
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("notes.db"));
        const QByteArray content = "These are my meeting notes, not a database.\n";
        {
            QFile file(path);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(content);
        }
        MainWindow window;
        QVERIFY(!window.openConnection(DatabaseUrl::sqliteFile(path)));
        QCOMPARE(Prompt::asked().size(), 1);
        QVERIFY2(lastAsked().contains(QStringLiteral("is not a SQLite database")), qPrintable(lastAsked()));
        QVERIFY(lastAsked().contains(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), content);
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }

    void unreachableServerExplained()
    {
        TEST_ENGINE_OR_SKIP(engine);
        if (engine != Engine::Postgres) {
            QSKIP("a server-only case");
        }
        // A reachable server without the named database.
        DatabaseUrl missing = TestDatabase::postgresAdminUrl();
        missing.database = QStringLiteral("coursedesk_no_such_database");
        MainWindow window;
        QVERIFY(!window.openConnection(missing));
        QVERIFY2(lastAsked().contains(QStringLiteral("has no database named \"coursedesk_no_such_database\"")),
                 qPrintable(lastAsked()));
        Prompt::clearAsked();
#ifndef Q_OS_UNIX
        QSKIP("uses POSIX sockets");
#else
        // A port nobody listens on: the connection is refused at once.
        const quint16 port = unusedPort();
        const auto url = DatabaseUrl::parse(QStringLiteral("postgresql://staff@127.0.0.1:%1/platform").arg(port));
        QVERIFY(url);
        QVERIFY(!window.openConnection(*url));
        QCOMPARE(Prompt::asked().size(), 1);
        QVERIFY2(lastAsked().contains(QStringLiteral("No PostgreSQL server answered at 127.0.0.1:%1").arg(port)),
                 qPrintable(lastAsked()));
        QVERIFY(PasswordPrompt::asked().isEmpty());
#endif
    }

    void passwordAskedWhenServerWantsOne()
    {
        TEST_ENGINE_OR_SKIP(engine);
        if (engine != Engine::Postgres) {
            QSKIP("a server-only case");
        }
#ifndef Q_OS_UNIX
        QSKIP("uses POSIX sockets");
#else
        PasswordRejectingServer server;
        QVERIFY(server.port() != 0);
        const auto url = DatabaseUrl::parse(
            QStringLiteral("postgresql://alice@127.0.0.1:%1/platform?sslmode=disable").arg(server.port()));
        QVERIFY(url);
        MainWindow window;

        // Asked because the URL has none; the wrong answer is asked again; Cancel gives up quietly.
        PasswordPrompt::queueAnswer(QStringLiteral("first-try"));
        PasswordPrompt::queueAnswer(std::nullopt);
        QVERIFY(!window.openConnection(*url));
        QCOMPARE(PasswordPrompt::asked().size(), 2);
        QVERIFY2(PasswordPrompt::asked().at(0).contains(QStringLiteral("asks for a password")),
                 qPrintable(PasswordPrompt::asked().at(0)));
        QVERIFY(PasswordPrompt::asked().at(0).startsWith(QStringLiteral("alice@127.0.0.1:")));
        QVERIFY(PasswordPrompt::asked().at(1).contains(QStringLiteral("not accepted")));
        QCOMPARE(server.passwordsReceived(), QStringList{QStringLiteral("first-try")});
        QVERIFY(Prompt::asked().isEmpty()); // a cancelled question is not an error to report

        // Every answer wrong: after the last try the message says the password was not accepted.
        PasswordPrompt::clear();
        for (int i = 0; i < DatabaseOpener::maxPasswordQuestions; ++i) {
            PasswordPrompt::queueAnswer(QStringLiteral("wrong-%1").arg(i));
        }
        QVERIFY(!window.openConnection(*url));
        QCOMPARE(PasswordPrompt::asked().size(), DatabaseOpener::maxPasswordQuestions);
        QCOMPARE(Prompt::asked().size(), 1);
        QVERIFY2(lastAsked().contains(QStringLiteral("did not accept the password for user \"alice\"")),
                 qPrintable(lastAsked()));
        QVERIFY(!window.database().isValid());
        QVERIFY(RecentConnections::list().isEmpty());
        // A password in the URL is tried first, without a question.
        PasswordPrompt::clear();
        DatabaseUrl withPassword = *url;
        withPassword.password = QStringLiteral("from-url");
        QVERIFY(!window.openConnection(withPassword));
        QCOMPARE(PasswordPrompt::asked().size(), 1);
        QVERIFY(PasswordPrompt::asked().at(0).contains(QStringLiteral("not accepted")));
        QVERIFY(server.passwordsReceived().contains(QStringLiteral("from-url")));
#endif
    }

    void dialogRendersWithoutClipping()
    {
        TEST_ENGINE_OR_SKIP(engine);
        RecentConnections::add(QStringLiteral("postgresql://staff@db.example.in:5432/platform?sslmode=require"));
        RecentConnections::add(QStringLiteral("sqlite:///home/staff/coursedesk.db"));
        ConnectionDialog dialog;
        dialog.setUrl(engine == Engine::Postgres ? RecentConnections::list().value(1)
                                                 : RecentConnections::list().value(0));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        for (QLabel* label : dialog.findChildren<QLabel*>()) {
            if (label->isVisible() && !label->wordWrap()) {
                QVERIFY2(label->width() >= label->sizeHint().width(), qPrintable(label->objectName()));
            }
        }
        const QString dir = qEnvironmentVariable("COURSEDESK_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            dialog.grab().save(
                QStringLiteral("%1/connection_dialog_%2.png")
                    .arg(dir, engine == Engine::Postgres ? QStringLiteral("postgres") : QStringLiteral("sqlite")));
        }
    }
};

QTEST_MAIN(TestConnection)
#include "tst_connection.moc"
