#pragma once

#include <QStringList>
#include <QTextStream>

// `coursedesk db objects --database URL [--print-sql | --apply]`, for DBAs:
//   (no option)  lists Coursedesk's objects (tables, indexes) and whether each exists, is
//                missing or is INVALID (an interrupted concurrent build); changes nothing.
//   --print-sql  prints the exact SQL --apply would run now; changes nothing.
//   --apply      creates what is missing (PostgreSQL: CREATE INDEX CONCURRENTLY, so the
//                platform's writes go on), progress on stderr. Never alters a platform table.
// Exit codes: 0 success (listing: also when objects are missing), 1 database error or cancelled,
// 2 bad arguments.
// `args` are the options after "objects".
class DbObjectsCommand
{
public:
    static int run(const QStringList& args, QTextStream& out, QTextStream& err);
};
