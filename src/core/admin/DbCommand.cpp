#include "DbCommand.h"

#include "DbObjectsCommand.h"

QString DbCommand::usage()
{
    return QStringLiteral("Usage: coursedesk db objects --database URL [--print-sql | --apply]\n");
}

int DbCommand::run(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString sub = args.value(1);
    if (sub == QLatin1String("objects")) {
        return DbObjectsCommand::run(args.mid(1), out, err);
    }
    err << (sub.isEmpty() ? QStringLiteral("coursedesk db: a subcommand is needed.\n")
                          : QStringLiteral("coursedesk db: unknown subcommand \"%1\".\n").arg(sub))
        << usage();
    return 2;
}
