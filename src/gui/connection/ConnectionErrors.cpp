#include "ConnectionErrors.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("ConnectionErrors", text);
}

bool has(const QString& text, const char* needle)
{
    return text.contains(QLatin1String(needle), Qt::CaseInsensitive);
}

QString withDetails(const QString& message, const QString& driverError)
{
    return message + tr("\n\nNothing was changed.") + tr("\nDetails: %1").arg(driverError.trimmed());
}
} // namespace

ConnectionErrors::Kind ConnectionErrors::classify(const QString& e)
{
    // libpq's and SQLite's messages are English whatever the locale of the client; the server's
    // may be translated, so the SQLSTATE-free English texts are matched and the rest falls to Other.
    if (has(e, "no password supplied")) {
        return Kind::PasswordNeeded;
    }
    if (has(e, "password authentication failed") || has(e, "authentication failed for user")) {
        return Kind::PasswordRejected;
    }
    if (has(e, "does not exist") && has(e, "role \"")) {
        return Kind::NoSuchUser;
    }
    if (has(e, "does not exist") && has(e, "database \"")) {
        return Kind::NoSuchDatabase;
    }
    if (has(e, "file is not a database") || has(e, "database disk image is malformed")) {
        return Kind::NotADatabase;
    }
    if (has(e, "unable to open database file")) {
        return Kind::CannotOpenFile;
    }
    if (has(e, "connection refused") || has(e, "could not translate host name") || has(e, "timeout expired") ||
        has(e, "no route to host") || has(e, "network is unreachable") || has(e, "could not connect to server") ||
        has(e, "name or service not known")) {
        return Kind::Unreachable;
    }
    return Kind::Other;
}

QString ConnectionErrors::explain(const DatabaseUrl& url, const QString& driverError)
{
    const QString server = QStringLiteral("%1:%2").arg(url.host).arg(url.port);
    switch (classify(driverError)) {
    case Kind::PasswordNeeded:
        return withDetails(tr("The server %1 asks for a password for user \"%2\".").arg(server, url.user), driverError);
    case Kind::PasswordRejected:
        return withDetails(tr("The server %1 did not accept the password for user \"%2\". Check the user name and "
                              "password.")
                               .arg(server, url.user),
                           driverError);
    case Kind::NoSuchUser:
        return withDetails(tr("The server %1 has no user \"%2\".").arg(server, url.user), driverError);
    case Kind::Unreachable:
        return withDetails(tr("No PostgreSQL server answered at %1. Check the host name and port, that the server "
                              "is running, and that no firewall is in the way.")
                               .arg(server),
                           driverError);
    case Kind::NoSuchDatabase:
        return withDetails(tr("The server %1 has no database named \"%2\".").arg(server, url.database), driverError);
    case Kind::NotADatabase:
        return withDetails(tr("%1 is not a SQLite database (or it is encrypted or damaged).").arg(url.path),
                           driverError);
    case Kind::CannotOpenFile:
        return withDetails(tr("Could not open or create the file %1. Check that its folder exists and that you may "
                              "write to it.")
                               .arg(url.path),
                           driverError);
    case Kind::Other:
        break;
    }
    return withDetails(tr("Could not open %1.").arg(url.engine == Engine::Sqlite ? url.path : url.toString()),
                       driverError);
}

QString ConnectionErrors::checkSqliteFile(const QString& path)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        return QString();
    }
    if (info.isDir()) {
        return tr("%1 is a folder, not a SQLite database file.").arg(path);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return tr("Could not read %1: %2").arg(path, file.errorString());
    }
    // An empty file is what SQLite itself makes for a new database, so it counts as one.
    const QByteArray header = file.read(16);
    if (header.isEmpty() || header == QByteArray("SQLite format 3\0", 16)) {
        return QString();
    }
    return tr("%1 is not a SQLite database (it does not start with the SQLite file header). It was left as it "
              "was: nothing was written to it.")
        .arg(path);
}
