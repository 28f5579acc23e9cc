#include "DatabaseOpener.h"

#include "ConnectionErrors.h"
#include "ObjectsBuildDialog.h"
#include "PasswordPrompt.h"
#include "db/Database.h"
#include "forms/Prompt.h"
#include "models/windowed/FetcherPool.h"
#include "schema/MigrationRunner.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QWidget>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DatabaseOpener", text);
}

void setError(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
}

// SQLite makes the file (and its WAL companions) on open; a database the user chose not to set up
// should not be left behind as an empty file.
void removeSqliteFiles(const QString& path)
{
    for (const QString& suffix :
         {QString(), QStringLiteral("-wal"), QStringLiteral("-shm"), QStringLiteral("-journal")}) {
        QFile::remove(path + suffix);
    }
}
} // namespace

bool DatabaseOpener::open(const DatabaseUrl& url, const QString& connectionName, QWidget* parent, QString* error)
{
    setError(error, QString());
    bool newFile = false;
    if (url.engine == Engine::Sqlite) {
        // Refuse a file that is not a database before SQLite opens it, so nothing is written to it.
        if (const QString problem = ConnectionErrors::checkSqliteFile(url.path); !problem.isEmpty()) {
            setError(error, problem);
            return false;
        }
        newFile = !QFileInfo::exists(url.path);
    }
    if (!connect(url, connectionName, parent, error)) {
        if (newFile) {
            removeSqliteFiles(url.path);
        }
        return false;
    }
    if (!prepareSchema(QSqlDatabase::database(connectionName, false), parent, error)) {
        Database::close(connectionName);
        if (newFile) {
            removeSqliteFiles(url.path);
        }
        return false;
    }
    // Open and warm the windowed pages' worker connections now, in the background, so the first
    // page does not pay for them.
    FetcherPool::warm(connectionName);
    return true;
}

bool DatabaseOpener::connect(DatabaseUrl url, const QString& connectionName, QWidget* parent, QString* error)
{
    // Like psql: connect with what the URL has, and ask for a password only when the server wants
    // one (trust, peer and .pgpass setups never see the question).
    for (int asked = 0;; ++asked) {
        QString failure;
        if (Database::open(url, connectionName, &failure)) {
            return true;
        }
        const auto kind = ConnectionErrors::classify(failure);
        const bool passwordProblem =
            kind == ConnectionErrors::Kind::PasswordNeeded || kind == ConnectionErrors::Kind::PasswordRejected;
        if (url.engine != Engine::Postgres || !passwordProblem || asked >= maxPasswordQuestions) {
            setError(error, ConnectionErrors::explain(url, failure));
            return false;
        }
        const QString reason = kind == ConnectionErrors::Kind::PasswordNeeded
                                   ? tr("The server asks for a password.")
                                   : tr("The password was not accepted. Please try again.");
        const std::optional<QString> password = PasswordPrompt::ask(parent, url, reason);
        if (!password) {
            setError(error, QString()); // the user cancelled: nothing to report
            return false;
        }
        url.password = *password;
    }
}

bool DatabaseOpener::prepareSchema(QSqlDatabase db, QWidget* parent, QString* error)
{
    MigrationRunner runner(db);
    const MigrationRunner::Status status = runner.inspect();
    const QString name = Database::url(db).displayName();
    QString failure;
    switch (status.state) {
    case MigrationRunner::State::Current:
        return true;
    case MigrationRunner::State::Empty:
        if (Prompt::ask(parent, tr("Empty database"),
                        tr("%1 is empty. Create the platform's tables and Coursedesk's own objects in it?").arg(name),
                        Prompt::Yes | Prompt::No, Prompt::Yes) != Prompt::Yes) {
            setError(error, QString());
            return false;
        }
        if (runner.createSchema(&failure)) {
            return true;
        }
        setError(error, tr("Could not create the schema in %1 (nothing was kept): %2").arg(name, failure));
        return false;
    case MigrationRunner::State::Unmanaged: {
        const QStringList planned = runner.plannedObjects();
        const auto answer = Prompt::ask(
            parent, tr("Platform database"),
            tr("%1 is the platform's own database. Its tables are complete and will not be changed.\n\n"
               "Coursedesk can add its own objects (audit log, saved views, faster indexes). It would create exactly:")
                .arg(name),
            Prompt::Yes | Prompt::No, Prompt::No,
            QStringLiteral("\u2022 ") + planned.join(QStringLiteral("\n\u2022 ")) +
                tr("\n\nChoose No to work without them for now."));
        if (answer != Prompt::Yes) {
            return true; // the app reads and writes the platform tables without its own objects
        }
        // Built without blocking the platform (PostgreSQL: CREATE INDEX CONCURRENTLY), with
        // progress and cancel; the same builder as `coursedesk db objects --apply`.
        ObjectsBuildDialog dialog(db.connectionName(), parent);
        if (!dialog.build(&failure)) {
            // Often a platform login without CREATE rights, or a cancel. The platform tables are
            // usable as they are; what was built is kept and the next run completes it.
            Prompt::warn(parent, tr("Coursedesk's objects were not all created"),
                         tr("%1 opens without them; the platform's tables were not changed.").arg(name), failure);
        }
        return true;
    }
    case MigrationRunner::State::Outdated: {
        // Newer migrations may add indexes to the platform's tables: same rule as adopting, the
        // user sees exactly what will be created, and declining still opens the database.
        const QStringList planned = runner.plannedObjects();
        const auto answer = Prompt::ask(
            parent, tr("Update Coursedesk's objects"),
            tr("%1 has Coursedesk objects from an earlier version. This version would add exactly:").arg(name),
            Prompt::Yes | Prompt::No, Prompt::Yes,
            QStringLiteral("\u2022 ") + planned.join(QStringLiteral("\n\u2022 ")) +
                tr("\n\nThe platform's tables and rows are not changed. Choose No to open without the update."));
        if (answer != Prompt::Yes) {
            return true;
        }
        ObjectsBuildDialog dialog(db.connectionName(), parent);
        if (!dialog.build(&failure)) {
            Prompt::warn(parent, tr("Coursedesk's objects were not updated"),
                         tr("%1 opens without the update; nothing was changed.").arg(name), failure);
        }
        return true;
    }
    case MigrationRunner::State::TooNew:
        setError(error, tr("Cannot open %1. %2").arg(name, status.message()));
        return false;
    case MigrationRunner::State::Incomplete:
        setError(error, tr("Cannot open %1. %2\n\nNothing was changed.").arg(name, status.message()));
        return false;
    }
    return false;
}
