#pragma once

#include "db/DatabaseUrl.h"

#include <QString>

// Turns what the drivers say when a connection fails into a message staff can act on: a wrong
// password, a server that cannot be reached, a file that is not a database. The driver's own text
// is kept at the end, since it is what a database administrator will ask for.
namespace ConnectionErrors {
enum class Kind {
    PasswordNeeded,   // the server asks for a password and none was given
    PasswordRejected, // the password (or user) was not accepted
    NoSuchUser,
    Unreachable, // no server answered at host:port
    NoSuchDatabase,
    NotADatabase, // a SQLite URL naming a file that is not a SQLite database
    CannotOpenFile,
    Other,
};

Kind classify(const QString& driverError);
QString explain(const DatabaseUrl& url, const QString& driverError);
// A message when `path` exists but is not a SQLite database (read from its header), else empty.
// Checked before SQLite touches the file, so nothing is ever written to such a file.
QString checkSqliteFile(const QString& path);
} // namespace ConnectionErrors
