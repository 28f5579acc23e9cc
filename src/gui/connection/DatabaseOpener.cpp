#include "DatabaseOpener.h"

#include "db/Database.h"
#include "pages/Prompt.h"
#include "schema/MigrationRunner.h"

#include <QCoreApplication>
#include <QWidget>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("DatabaseOpener", text);
}
} // namespace

bool DatabaseOpener::open(const DatabaseUrl& url, const QString& connectionName, QWidget* parent, QString* error)
{
    if (!Database::open(url, connectionName, error)) {
        return false;
    }
    if (!prepareSchema(QSqlDatabase::database(connectionName, false), parent, error)) {
        Database::close(connectionName);
        return false;
    }
    return true;
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
                        Prompt::Yes | Prompt::No, Prompt::Yes)
            != Prompt::Yes) {
            if (error) {
                error->clear();
            }
            return false;
        }
        if (runner.createSchema(&failure)) {
            return true;
        }
        break;
    case MigrationRunner::State::Unmanaged: {
        const QStringList planned = runner.plannedObjects();
        const auto answer = Prompt::ask(
            parent, tr("Platform database"),
            tr("%1 is the platform's own database. Its tables are complete and will not be changed.\n\n"
               "Coursedesk can add its own objects (audit log, saved views, faster indexes). It would create exactly:")
                .arg(name),
            Prompt::Yes | Prompt::No, Prompt::No,
            QStringLiteral("\u2022 ") + planned.join(QStringLiteral("\n\u2022 "))
                + tr("\n\nChoose No to work without them for now."));
        if (answer != Prompt::Yes) {
            return true; // the app reads and writes the platform tables without its own objects
        }
        if (runner.adopt(&failure)) {
            return true;
        }
        break;
    }
    case MigrationRunner::State::Outdated:
        if (runner.applyPending(&failure)) {
            return true;
        }
        break;
    case MigrationRunner::State::TooNew:
    case MigrationRunner::State::Incomplete:
        failure = status.message();
        Prompt::warn(parent, tr("Cannot open %1").arg(name), failure);
        if (error) {
            *error = failure;
        }
        return false;
    }
    Prompt::warn(parent, tr("Cannot prepare %1").arg(name), failure);
    if (error) {
        *error = failure;
    }
    return false;
}
