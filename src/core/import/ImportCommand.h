#pragma once

#include <QStringList>
#include <QTextStream>

// `coursedesk import`: users or complimentary enrollments from a CSV or XLSX file, for scripts.
//
//   import users|enrollments --database URL --file FILE [--dry-run] [--update-existing]
//          [--generate-passwords]
//
// Every line is checked first; when any is bad the report (one line per problem: "line 17, phone:
// ...") is printed, the exit code is 1 and the database is unchanged. Otherwise everything is
// written in one transaction (audited) or, with --dry-run, only reported. Progress goes to stderr.
// Exit codes: 0 imported (or dry run clean), 1 bad lines or the write failed, 2 bad arguments.
namespace ImportCommand {
int run(const QStringList& args, QTextStream& out, QTextStream& err);
QString usage();
} // namespace ImportCommand
