#include "ImportCommand.h"

#include "ImportFile.h"
#include "ImportPlanner.h"
#include "ImportWriter.h"
#include "PasswordHasher.h"
#include "export/CommandOptions.h"

#include <QEventLoop>
#include <QFileInfo>
#include <QFutureWatcher>

namespace {
enum Exit { Ok = 0, Failed = 1, BadArguments = 2 };
}

namespace ImportCommand {

QString usage()
{
    return QStringLiteral("Usage:\n"
                          "  coursedesk import users|enrollments --database URL --file FILE [--dry-run]\n"
                          "                    [--update-existing] [--generate-passwords]\n"
                          "Users: first_name, last_name, email, phone, whatsapp, address, city, state, pincode,\n"
                          "role, password columns (matched by header). Enrollments: email and course (ID or name).\n");
}

int run(const QStringList& allArgs, QTextStream& out, QTextStream& err)
{
    const int code = [&] {
        QStringList positional;
        QMap<QString, QString> o;
        QString error;
        const QStringList args = allArgs.mid(1);
        if (args.contains(QStringLiteral("--help"))) {
            out << usage();
            return int(Ok);
        }
        if (!CommandOptions::parse(
                args, {QStringLiteral("database"), QStringLiteral("file")},
                {QStringLiteral("dry-run"), QStringLiteral("update-existing"), QStringLiteral("generate-passwords")},
                &o, &error, &positional)) {
            err << "coursedesk import: " << error << "\n" << usage();
            return int(BadArguments);
        }
        ImportOptions options;
        if (positional.size() != 1 || !ImportFields::parseKind(positional.first(), &options.kind)) {
            err << "coursedesk import: say what to import: users or enrollments\n" << usage();
            return int(BadArguments);
        }
        for (const char* required : {"database", "file"}) {
            if (!o.contains(QLatin1String(required))) {
                err << "coursedesk import: --" << required << " is required\n" << usage();
                return int(BadArguments);
            }
        }
        options.updateExisting = o.contains(QStringLiteral("update-existing"));
        options.generatePasswords = o.contains(QStringLiteral("generate-passwords"));
        const QString path = o.value(QStringLiteral("file"));
        options.sourceName = QFileInfo(path).fileName();
        ImportSheet sheet;
        if (!ImportFile::read(path, &sheet, &error)) {
            err << "coursedesk import: " << options.sourceName << ": " << error << "\n";
            return int(Failed);
        }
        CommandOptions::Connection connection;
        if (!connection.open(o.value(QStringLiteral("database")), QStringLiteral("import"), &error)) {
            err << "coursedesk import: cannot open the database: " << error << "\n";
            return int(Failed);
        }
        const ImportFields::Mapping mapping = ImportFields::match(options.kind, sheet.header);
        ImportPlan plan = ImportPlanner::plan(connection.db(), sheet, mapping, options);
        if (!plan.ok()) {
            // A refusal, like every other: on stderr, each line naming the command.
            for (const QString& line : plan.report().split(QLatin1Char('\n'))) {
                err << "coursedesk import: " << line << "\n";
            }
            return int(Failed);
        }
        if (o.contains(QStringLiteral("dry-run"))) {
            out << "Dry run: " << plan.summary() << "; nothing was changed\n";
            return int(Ok);
        }
        PasswordHasher hasher(&plan);
        if (hasher.total() > 0) {
            QFutureWatcher<void> watcher;
            QEventLoop loop;
            int lastShown = -1;
            QObject::connect(&watcher, &QFutureWatcher<void>::progressValueChanged, &loop, [&](int value) {
                if (value * 20 / hasher.total() != lastShown) {
                    lastShown = value * 20 / hasher.total();
                    err << "Hashing passwords: " << value << " of " << hasher.total() << "\n";
                    err.flush();
                }
            });
            QObject::connect(&watcher, &QFutureWatcher<void>::finished, &loop, &QEventLoop::quit);
            watcher.setFuture(hasher.start());
            if (!watcher.isFinished()) {
                loop.exec();
            }
            if (!hasher.complete()) {
                err << "coursedesk import: hashing the passwords failed; nothing was imported\n";
                return int(Failed);
            }
        }
        const auto result = ImportWriter::apply(connection.db(), plan, [&](int done, int total) {
            err << "Writing: " << done << " of " << total << "\n";
            err.flush();
        });
        if (!result.ok) {
            err << "coursedesk import: " << result.message << "\n";
            return int(Failed);
        }
        out << result.message << "\n";
        return int(Ok);
    }();
    out.flush();
    err.flush();
    return code;
}

} // namespace ImportCommand
