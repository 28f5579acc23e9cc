#include "DbCommand.h"

#include "DbObjectsCommand.h"

#include <functional>

namespace {
struct Command
{
    QString name;
    QString summary;
    std::function<int(const QStringList&, QTextStream&, QTextStream&)> run;
};

// One line per `db` command.
const QList<Command>& commands()
{
    static const QList<Command> list = {
        {QStringLiteral("objects"),
         QStringLiteral("Coursedesk's tables and indexes: what exists, the SQL (--print-sql), create (--apply)"),
         &DbObjectsCommand::run},
    };
    return list;
}
} // namespace

QString DbCommand::usage()
{
    QString text = QStringLiteral("Usage: coursedesk db <command> --database URL [options]\n\nCommands:\n");
    for (const Command& c : commands()) {
        text += QStringLiteral("  %1  %2\n").arg(c.name.leftJustified(10), c.summary);
    }
    return text;
}

int DbCommand::run(const QStringList& args, QTextStream& out, QTextStream& err)
{
    const QString name = args.value(1);
    if (name.isEmpty() || name == QLatin1String("--help") || name == QLatin1String("-h")) {
        (name.isEmpty() ? err : out) << usage();
        return name.isEmpty() ? 2 : 0;
    }
    for (const Command& c : commands()) {
        if (c.name == name) {
            return c.run(args.mid(2), out, err);
        }
    }
    err << "coursedesk db: unknown command \"" << name << "\"\n" << usage();
    return 2;
}
