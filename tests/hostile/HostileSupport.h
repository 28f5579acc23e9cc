#pragma once

// Shared by the hostile-input suites: the corpus (hostile_strings.txt), a fingerprint of every
// platform table (nothing may change while hostile text is searched for or passed as an option),
// and the PostgreSQL statement log check.
//
// The statement log: when COURSEDESK_TEST_POSTGRES_LOG names the server's log file (.ci/postgres
// exports it for the server it starts), a suite turns on log_statement=all for its own throwaway
// database only (ALTER DATABASE ... SET, plus SET on its open connection) and afterwards reads what
// the server logged. Every hostile value is also sent with `token` in front, so that it can be found
// in the log. It may appear in parameter lines ("DETAIL:  parameters: $1 = '...'"), in error
// messages that quote a value, and inside the quoted literals of the EXECUTE that Qt's QPSQL driver
// sends for a prepared statement ("EXECUTE qpsqlpstmt_3 ('...')": the statement was prepared
// without the value, the value travels as one escaped literal). Anywhere else (the text of a
// prepared or plain statement, or outside a literal) it would have been spliced into SQL.
#include "TestDatabase.h"

#include <QDateTime>
#include <QFile>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QTest>

#include <optional>

namespace Hostile {

inline const QString token = QStringLiteral("zqHx7tok");

// One decoded entry per corpus line (see the file's header for the escapes).
inline QStringList corpus()
{
    QFile file(QStringLiteral(COURSEDESK_HOSTILE_CORPUS));
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QStringList list;
    for (QByteArray line : file.readAll().split('\n')) {
        if (line.isEmpty() || line.startsWith('#')) {
            continue;
        }
        int repeat = 1;
        static const QRegularExpression repeatPattern(QStringLiteral("^\\{repeat (\\d+)\\}"));
        const auto m = repeatPattern.match(QString::fromLatin1(line.left(20)));
        if (m.hasMatch()) {
            repeat = m.captured(1).toInt();
            line = line.mid(m.capturedLength());
        }
        QByteArray bytes;
        for (qsizetype i = 0; i < line.size(); ++i) {
            const char c = line.at(i);
            if (c != '\\' || i + 1 >= line.size()) {
                bytes += c;
                continue;
            }
            const char e = line.at(++i);
            if (e == 'n') {
                bytes += '\n';
            } else if (e == 't') {
                bytes += '\t';
            } else if (e == 'r') {
                bytes += '\r';
            } else if (e == 'x' && i + 2 < line.size() + 0) {
                bytes += char(line.mid(i + 1, 2).toInt(nullptr, 16));
                i += 2;
            } else {
                bytes += e; // "\\" and anything else: the character itself
            }
        }
        list << QString::fromUtf8(bytes).repeated(repeat);
    }
    return list;
}

// "users=3 orders=17 ... tables=12": row counts of every platform table and the number of tables.
inline QString fingerprint(const QSqlDatabase& db)
{
    QStringList parts;
    for (const char* table : {"users", "courses", "course_features", "course_marketplaces", "orders", "payments",
                              "enrollments", "user_business_info"}) {
        QSqlQuery q(db);
        const bool ok = q.exec(QStringLiteral("SELECT COUNT(*) FROM %1").arg(QLatin1String(table))) && q.next();
        parts << QStringLiteral("%1=%2").arg(QLatin1String(table), ok ? q.value(0).toString() : q.lastError().text());
    }
    QSqlQuery q(db);
    const QString tables = db.driverName() == QLatin1String("QPSQL")
                               ? QStringLiteral("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                                                "'public'")
                               : QStringLiteral("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'");
    parts << QStringLiteral("tables=%1").arg(q.exec(tables) && q.next() ? q.value(0).toString() : QStringLiteral("?"));
    return parts.join(QLatin1Char(' '));
}

namespace PostgresLog {
inline QString path()
{
    return qEnvironmentVariable("COURSEDESK_TEST_POSTGRES_LOG");
}

// log_statement=all for this database's future sessions and for its open connection.
inline bool enable(const TestDatabase& db, QString* error)
{
    QSqlQuery q(db.db());
    const QString name = db.url().database;
    if (!q.exec(QStringLiteral("ALTER DATABASE \"%1\" SET log_statement = 'all'").arg(name)) ||
        !q.exec(QStringLiteral("SET log_statement = 'all'"))) {
        *error = q.lastError().text();
        return false;
    }
    return true;
}

inline qint64 size()
{
    return QFileInfo(path()).size();
}

// Everything the server logged from byte `offset` on.
inline QString readFrom(qint64 offset)
{
    QFile file(path());
    if (!file.open(QIODevice::ReadOnly) || !file.seek(offset)) {
        return QString();
    }
    return QString::fromUtf8(file.readAll());
}

// True if `token` occurs in `args` (the parenthesised values of an EXECUTE) only inside complete
// quoted literals ('..' with '' doubled; E'..' with backslash escapes).
inline bool onlyInsideLiterals(const QString& args)
{
    QString outside;
    bool escapes = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QChar c = args.at(i);
        if (c != QLatin1Char('\'')) {
            outside += c;
            continue;
        }
        escapes = i > 0 && (args.at(i - 1) == QLatin1Char('E') || args.at(i - 1) == QLatin1Char('e'));
        bool closed = false;
        for (++i; i < args.size(); ++i) {
            if (escapes && args.at(i) == QLatin1Char('\\')) {
                ++i;
            } else if (args.at(i) == QLatin1Char('\'')) {
                if (i + 1 < args.size() && args.at(i + 1) == QLatin1Char('\'')) {
                    ++i;
                } else {
                    closed = true;
                    break;
                }
            }
        }
        if (!closed) {
            return false;
        }
        outside += QLatin1Char('?');
    }
    return !outside.contains(token);
}

// The log entries (after `offset`) where `token` appears in statement text. Also counts the
// entries where it appears as a bound value, so a test can see the check had something to check.
struct Scan
{
    QStringList leaks;
    int boundOccurrences = 0;
};

inline Scan scanText(const QString& log)
{
    Scan result;
    const QStringList lines = log.split(QLatin1Char('\n'));
    QStringList entries;
    for (const QString& line : lines) {
        // The server indents every further line of a message with a tab.
        if (line.startsWith(QLatin1Char('\t')) && !entries.isEmpty()) {
            entries.last() += QLatin1Char('\n') + line.mid(1);
        } else {
            entries << line;
        }
    }
    static const QRegularExpression kind(
        QStringLiteral("^.*?\\b(LOG|DETAIL|ERROR|STATEMENT|HINT|CONTEXT|WARNING|NOTICE|FATAL|QUERY):  "),
        QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression execute(QStringLiteral("^EXECUTE qpsqlpstmt_\\w+ \\((.*)\\)\\s*$"),
                                            QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression statementPrefix(QStringLiteral("^(statement|execute [^:]*|duration: [^:]*: "
                                                                   "(statement|execute [^:]*)): "));
    for (const QString& entry : entries) {
        if (!entry.contains(token)) {
            continue;
        }
        const auto m = kind.match(entry);
        const QString type = m.hasMatch() ? m.captured(1) : QString();
        QString body = m.hasMatch() ? entry.mid(m.capturedLength()) : entry;
        if (type == QLatin1String("DETAIL") || type == QLatin1String("ERROR") || type == QLatin1String("HINT") ||
            type == QLatin1String("CONTEXT")) {
            ++result.boundOccurrences;
            continue;
        }
        if (type == QLatin1String("LOG")) {
            const auto p = statementPrefix.match(body);
            if (!p.hasMatch()) {
                result.leaks << entry.left(400);
                continue;
            }
            body = body.mid(p.capturedLength());
        } else if (type != QLatin1String("STATEMENT") && type != QLatin1String("QUERY")) {
            result.leaks << entry.left(400);
            continue;
        }
        const auto e = execute.match(body);
        if (e.hasMatch() && onlyInsideLiterals(e.captured(1))) {
            ++result.boundOccurrences;
        } else {
            result.leaks << entry.left(400);
        }
    }
    return result;
}

inline Scan scan(qint64 offset)
{
    return scanText(readFrom(offset));
}

// Starts a suite's check of the log: `start` becomes the log's size once log_statement=all is on
// for `db`, or -1 when there is no log to check (SQLite, or COURSEDESK_TEST_POSTGRES_LOG unset).
// False, with `error`, when the server refuses the setting.
inline bool watch(const TestDatabase& db, qint64* start, QString* error)
{
    *start = -1;
    if (db.engine() != Engine::Postgres || path().isEmpty()) {
        return true;
    }
    if (!enable(db, error)) {
        return false;
    }
    *start = size();
    return true;
}

// What the server logged from `start` on, once it has logged every statement sent so far: it
// writes each entry before it runs the statement, so a marker sent last closes the suite's
// entries. nullopt when the marker is not in the log within 10 s.
inline std::optional<Scan> scanSince(const TestDatabase& db, qint64 start)
{
    const QString marker = QStringLiteral("hostile-done-%1").arg(QDateTime::currentMSecsSinceEpoch());
    QSqlQuery(db.db()).exec(QStringLiteral("SELECT '%1'").arg(marker));
    if (!QTest::qWaitFor([&] { return readFrom(start).contains(marker); }, 10000)) {
        return std::nullopt;
    }
    return scan(start);
}
} // namespace PostgresLog
} // namespace Hostile
