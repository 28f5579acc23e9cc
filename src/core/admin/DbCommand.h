#pragma once

#include <QStringList>
#include <QTextStream>

// `coursedesk db <subcommand> ...`: dispatches to one command per subcommand, each in its own
// file. `args` excludes the program name and begins with "db".
class DbCommand
{
public:
    static int run(const QStringList& args, QTextStream& out, QTextStream& err);
    static QString usage();
};
