#pragma once

#include <QStringList>
#include <QTextStream>

// `coursedesk db <command> ...`: routes to one command per source file (roles, ...). `args`
// excludes the program name and begins with "db". Exit codes: 0 success, 2 bad arguments, 1 the
// database could not be opened or read.
class DbCommand
{
public:
    static int run(const QStringList& args, QTextStream& out, QTextStream& err);
    static QString usage();
};
