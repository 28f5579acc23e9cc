#include "SqlErrorTranslator.h"

#include "DeleteGuard.h"
#include "db/Database.h"

#include <QRegularExpression>
#include <QStringList>

namespace {
enum class Kind { ConnectionLost, Unique, NotNull, ForeignKey, PermissionDenied, DiskFull, Busy, Other };

Kind classify(const QSqlDatabase& db, const QSqlError& error, const QString& text)
{
    // PostgreSQL: SQLSTATE class 23. SQLite: the message (QSQLITE reports the primary result code).
    if (Database::isConnectionLost(error, db)) {
        return Kind::ConnectionLost;
    }
    const QString code = error.nativeErrorCode();
    // 42501 insufficient_privilege; SQLite's read-only file.
    if (code == QLatin1String("42501") || text.contains(QLatin1String("permission denied")) ||
        text.contains(QLatin1String("attempt to write a readonly database"))) {
        return Kind::PermissionDenied;
    }
    if (code == QLatin1String("23505") || text.contains(QLatin1String("UNIQUE constraint failed")) ||
        text.contains(QLatin1String("duplicate key"))) {
        return Kind::Unique;
    }
    if (code == QLatin1String("23502") || text.contains(QLatin1String("NOT NULL constraint failed")) ||
        text.contains(QLatin1String("not-null constraint"))) {
        return Kind::NotNull;
    }
    if (code == QLatin1String("23503") || text.contains(QLatin1String("FOREIGN KEY constraint failed")) ||
        text.contains(QLatin1String("foreign key constraint"))) {
        return Kind::ForeignKey;
    }
    // SQLITE_FULL (13) / PostgreSQL disk_full (53100); SQLITE_BUSY (5) / SQLITE_LOCKED (6).
    if (code == QLatin1String("13") || code == QLatin1String("53100") || text.contains(QLatin1String("disk is full")) ||
        text.contains(QLatin1String("No space left on device"))) {
        return Kind::DiskFull;
    }
    if (code == QLatin1String("5") || code == QLatin1String("6") ||
        text.contains(QLatin1String("database is locked")) ||
        text.contains(QLatin1String("database table is locked"))) {
        return Kind::Busy;
    }
    return Kind::Other;
}

// The columns a constraint covers: from PostgreSQL's constraint name or DETAIL line, or from
// SQLite's "table.column, table.column" list.
QStringList columnsOf(const TableSpec& spec, const QString& text)
{
    QStringList columns;
    static const QRegularExpression sqlite(QStringLiteral(R"(constraint failed: ([\w., ]+))"));
    if (const auto m = sqlite.match(text); m.hasMatch()) {
        for (QString part : m.captured(1).split(QLatin1Char(','))) {
            part = part.trimmed();
            columns << part.mid(part.indexOf(QLatin1Char('.')) + 1);
        }
        return columns;
    }
    static const QRegularExpression detail(QStringLiteral(R"(Key \(([\w, ]+)\)=)"));
    if (const auto m = detail.match(text); m.hasMatch()) {
        for (const QString& part : m.captured(1).split(QLatin1Char(','))) {
            columns << part.trimmed();
        }
        return columns;
    }
    static const QRegularExpression nullColumn(QStringLiteral(R"(null value in column \"(\w+)\")"));
    if (const auto m = nullColumn.match(text); m.hasMatch()) {
        return {m.captured(1)};
    }
    static const QRegularExpression constraint(QStringLiteral(R"(constraint \"(\w+)\")"));
    if (const auto m = constraint.match(text); m.hasMatch()) {
        // "<table>_<columns>_key|fkey|pkey": match the longest known column list.
        QString name = m.captured(1);
        if (name.endsWith(QLatin1String("_pkey"))) {
            return {spec.key};
        }
        for (const ColumnSpec& c : spec.columns) {
            if (name.contains(QLatin1Char('_') + c.name + QLatin1Char('_'))) {
                columns << c.name;
            }
        }
    }
    return columns;
}

QString headerOf(const TableSpec& spec, const QString& column)
{
    const ColumnSpec* c = spec.column(column);
    return c ? c->header : column;
}

QString uniqueMessage(const TableSpec& spec, const QStringList& columns, const QHash<QString, QVariant>& values)
{
    const QString first = columns.value(0);
    const QString value = values.value(first).toString();
    if (const ColumnSpec* c = spec.column(first); c && columns.size() == 1 && !c->duplicateMessage.isEmpty()) {
        return c->duplicateMessage.arg(value);
    }
    for (const TableSpec::Unique& unique : spec.uniques) {
        if (unique.columns.contains(first)) {
            QString message = unique.message;
            for (const QString& column : unique.columns) {
                message = message.arg(values.value(column).toString());
            }
            return message;
        }
    }
    QStringList headers;
    for (const QString& c : columns) {
        headers << headerOf(spec, c);
    }
    return QStringLiteral("%1 %2 is already used by another row").arg(headers.join(QStringLiteral(" + ")), value);
}
} // namespace

SqlErrorTranslator::Result SqlErrorTranslator::translate(const QSqlDatabase& db, const TableSpec& spec,
                                                         const QSqlError& error, const QHash<QString, QVariant>& values,
                                                         Operation operation, const QVariant& key)
{
    const QString text = error.databaseText() + QLatin1Char('\n') + error.driverText();
    const QStringList columns = columnsOf(spec, text);
    const QString column = columns.value(0);
    switch (classify(db, error, text)) {
    case Kind::ConnectionLost:
        return {QString(), QStringLiteral("The connection to the database was lost: %1").arg(error.text().trimmed()),
                true};
    case Kind::DiskFull:
        return {QString(), QStringLiteral("The disk is full: nothing was saved, and your changes are kept. Free some "
                                          "space on the database's disk and save again.")};
    case Kind::Busy:
        return {QString(), QStringLiteral("The database file is locked by another program (busy): nothing was saved, "
                                          "and your changes are kept. Save again once it has finished.")};
    case Kind::Unique:
        return {column, uniqueMessage(spec, columns, values)};
    case Kind::NotNull:
        if (const ColumnSpec* c = spec.column(column); c && !c->requiredMessage.isEmpty()) {
            return {column, c->requiredMessage};
        }
        return {column, QStringLiteral("%1 is required").arg(headerOf(spec, column))};
    case Kind::ForeignKey:
        if (operation == Operation::Delete) {
            const QString why = DeleteGuard::blockers(db, spec.table, key);
            return {QString(), why.isEmpty()
                                   ? QStringLiteral("Other rows still refer to this row, so it cannot be deleted")
                                   : why};
        }
        if (!column.isEmpty()) {
            return {column, QStringLiteral("%1 refers to a row that does not exist").arg(headerOf(spec, column))};
        }
        return {QString(), QStringLiteral("A referenced row (user, course or order) does not exist")};
    case Kind::PermissionDenied: {
        const QString verb = operation == Operation::Insert   ? QStringLiteral("add to")
                             : operation == Operation::Delete ? QStringLiteral("delete from")
                                                              : QStringLiteral("update");
        // The refusal may be about another table the save writes too (the audit log).
        static const QRegularExpression other(QStringLiteral(R"(permission denied for (?:table|relation) (\w+))"));
        const QString table = other.match(text).captured(1);
        const QString what = table.isEmpty() || table == spec.table
                                 ? QStringLiteral("%1 %2").arg(verb, spec.table)
                                 : QStringLiteral("write %1 (saving %2 needs it)").arg(table, spec.table);
        // The server's own words ("permission denied for table x", SQLite's "readonly database")
        // are not repeated: the sentence names what was refused and why.
        const QString why = Database::isPostgres(db) ? QStringLiteral("your database role does not have that right")
                                                     : QStringLiteral("the database file is open read-only");
        return {QString(), QStringLiteral("You may not %1: %2. Nothing was written.").arg(what, why)};
    }
    case Kind::Other:
        break;
    }
    QString message = error.databaseText().trimmed();
    if (message.isEmpty()) {
        message = error.text().trimmed();
    }
    return {column, message};
}

QString SqlErrorTranslator::describe(const QSqlDatabase& db, const QSqlError& error)
{
    const QString text = error.databaseText() + QLatin1Char('\n') + error.driverText();
    switch (classify(db, error, text)) {
    case Kind::ConnectionLost:
    case Kind::DiskFull:
    case Kind::Busy:
        return translate(db, TableSpec(), error, {}, Operation::Update, QVariant()).message;
    case Kind::PermissionDenied:
        return Database::isPostgres(db)
                   ? QStringLiteral("You may not write to this database: your database role does not have that "
                                    "right. Nothing was written.")
                   : QStringLiteral("You may not write to this database: the database file is open read-only. "
                                    "Nothing was written.");
    default:
        return error.text().trimmed();
    }
}

bool SqlErrorTranslator::isConnectionLost(const QSqlError& error, const QSqlDatabase& db)
{
    return Database::isConnectionLost(error, db);
}
