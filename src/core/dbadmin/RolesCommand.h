#pragma once

#include <QStringList>
#include <QTextStream>

// `coursedesk db roles --database URL [--print-sql] [--prefix coursedesk_]`
//   without --print-sql: what the connecting role may do on each platform table, as Coursedesk
//   reads it at connect (the same Privileges the window uses to disable actions);
//   --print-sql: the GRANTs for the recommended roles (RoleGrants), for the owner to review and run.
// Nothing is changed in the database either way.
class RolesCommand
{
public:
    static int run(const QStringList& args, QTextStream& out, QTextStream& err);
    static QString usage();
};
