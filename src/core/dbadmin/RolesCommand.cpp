#include "RolesCommand.h"

#include "RoleGrants.h"
#include "db/Database.h"
#include "db/Privileges.h"
#include "schema/PlatformSchema.h"

#include <QCommandLineParser>
#include <QUuid>

namespace {
// Closes the command's connection however the command ends.
class Connection
{
public:
    ~Connection()
    {
        if (!m_name.isEmpty()) {
            Database::close(m_name);
        }
    }
    bool open(const DatabaseUrl& url, QString* error)
    {
        m_name = QStringLiteral("coursedesk-db-roles-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        return Database::open(url, m_name, error);
    }
    QSqlDatabase db() const { return QSqlDatabase::database(m_name, false); }

private:
    QString m_name;
};

QString yesNo(bool allowed)
{
    return allowed ? QStringLiteral("yes") : QStringLiteral("no");
}
} // namespace

QString RolesCommand::usage()
{
    return QStringLiteral("Usage: coursedesk db roles --database URL [--print-sql] [--prefix NAME]\n"
                          "  without --print-sql  what the connecting role may do on each platform table\n"
                          "  --print-sql          the GRANTs for the roles NAMEreadonly, NAMEstaff, NAMEfinance\n"
                          "                       (NAME defaults to coursedesk_); nothing is run\n");
}

int RolesCommand::run(const QStringList& args, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    const QCommandLineOption database(QStringLiteral("database"), QStringLiteral("URL"), QStringLiteral("URL"));
    const QCommandLineOption printSql(QStringLiteral("print-sql"), QStringLiteral("Print the GRANTs"));
    const QCommandLineOption prefix(QStringLiteral("prefix"), QStringLiteral("Role name prefix"),
                                    QStringLiteral("NAME"), QStringLiteral("coursedesk_"));
    parser.addOptions({database, printSql, prefix});
    if (!parser.parse(QStringList{QStringLiteral("roles")} + args)) {
        err << "coursedesk db roles: " << parser.errorText() << "\n" << usage();
        return 2;
    }
    if (!parser.positionalArguments().isEmpty()) {
        err << "coursedesk db roles: unexpected argument \"" << parser.positionalArguments().first() << "\"\n"
            << usage();
        return 2;
    }
    if (!parser.isSet(database) || parser.value(database).trimmed().isEmpty()) {
        err << "coursedesk db roles: --database is required\n" << usage();
        return 2;
    }
    QString error;
    const auto url = DatabaseUrl::parse(parser.value(database), &error);
    if (!url) {
        err << "coursedesk db roles: " << error << "\n";
        return 2;
    }
    Connection connection;
    if (!connection.open(*url, &error)) {
        err << "coursedesk db roles: " << error << "\n";
        return 1;
    }
    if (parser.isSet(printSql)) {
        const QString sql = RoleGrants::sql(connection.db(), parser.value(prefix), &error);
        if (sql.isEmpty()) {
            err << "coursedesk db roles: " << error << "\n";
            return 1;
        }
        out << sql;
        return 0;
    }
    const Privileges privileges = Privileges::read(connection.db());
    if (!privileges.readOnlyReason().isEmpty()) {
        out << "Read-only: " << privileges.readOnlyReason() << "\n";
    }
    out << QStringLiteral("%1 %2 %3 %4 %5\n")
               .arg(QStringLiteral("table").leftJustified(22), QStringLiteral("read"), QStringLiteral("add"),
                    QStringLiteral("update"), QStringLiteral("delete"));
    using A = Privileges::Action;
    for (const QString& table : PlatformSchema::tableNames()) {
        out << QStringLiteral("%1 %2 %3 %4 %5\n")
                   .arg(table.leftJustified(22), yesNo(privileges.may(table, A::Select)).leftJustified(4),
                        yesNo(privileges.may(table, A::Insert)).leftJustified(3),
                        yesNo(privileges.may(table, A::Update)).leftJustified(6),
                        yesNo(privileges.may(table, A::Delete)));
    }
    out << "users.password readable: "
        << yesNo(privileges.mayColumn(QStringLiteral("users"), QStringLiteral("password"), A::Select)) << "\n";
    return 0;
}
