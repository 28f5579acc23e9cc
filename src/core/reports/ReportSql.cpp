#include "ReportSql.h"

#include "QueryCancel.h"
#include "db/SqlTime.h"

#include <QDate>
#include <QRegularExpression>
#include <QSqlError>
#include <QStringList>

namespace ReportSql {
QString timestampParam(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("CAST(? AS timestamp)") : QStringLiteral("?");
}

QString dateParam(Engine engine)
{
    return engine == Engine::Postgres ? QStringLiteral("CAST(? AS date)") : QStringLiteral("?");
}

QDate day(const QVariant& value)
{
    return QDate::fromString(value.toString().left(10), Qt::ISODate);
}

QString placeholders(qsizetype count)
{
    QStringList marks;
    for (qsizetype i = 0; i < count; ++i) {
        marks << QStringLiteral("?");
    }
    return marks.join(QStringLiteral(", "));
}

QString drivingJoin(Engine engine)
{
    return engine == Engine::Sqlite ? QStringLiteral("CROSS JOIN") : QStringLiteral("JOIN");
}

QString boundText(const SqlTime& time, const QDateTime& instant)
{
    return time.toDb(instant).left(19);
}

QString shiftedDay(Engine engine, const QString& ts)
{
    if (engine == Engine::Postgres) {
        return QStringLiteral("CAST(%1 + CAST(? AS integer) * interval '1 second' AS date)").arg(ts);
    }
    return QStringLiteral("date(%1, ?)").arg(ts);
}

QVariant shiftValue(Engine engine, qint64 seconds)
{
    if (engine == Engine::Postgres) {
        return QVariant::fromValue(seconds);
    }
    // SQLite date modifier: "+19800 seconds".
    return QStringLiteral("%1%2 seconds")
        .arg(seconds < 0 ? QStringLiteral("-") : QStringLiteral("+"))
        .arg(qAbs(seconds));
}

QString literalList(const QStringList& values)
{
    QStringList quoted;
    for (const QString& value : values) {
        Q_ASSERT(!value.contains(QLatin1Char('\'')));
        quoted << QLatin1Char('\'') + value + QLatin1Char('\'');
    }
    return quoted.join(QStringLiteral(", "));
}

QString explain(const QSqlError& error)
{
    const QString code = error.nativeErrorCode();
    const QString text = error.databaseText().isEmpty() ? error.text() : error.databaseText();
    const QString nothingWritten = QStringLiteral(" Nothing was written.");
    static const QRegularExpression sqliteTable(QStringLiteral("no such table: (\\S+)"));
    static const QRegularExpression pgRelation(QStringLiteral("relation \"([^\"]+)\" does not exist"));
    QRegularExpressionMatch m = sqliteTable.match(text);
    if (!m.hasMatch()) {
        m = pgRelation.match(text);
    }
    if (m.hasMatch() || code == QLatin1String("42P01")) {
        return QStringLiteral("The table \"%1\" is missing from this database: it is not the platform's "
                              "database, or its schema was changed.")
                   .arg(m.hasMatch() ? m.captured(1) : QStringLiteral("?")) +
               nothingWritten;
    }
    if (text.contains(QLatin1String("no such column")) || code == QLatin1String("42703")) {
        return QStringLiteral("A column the report reads is missing from this database (%1).").arg(text) +
               nothingWritten;
    }
    if (text.contains(QLatin1String("integer overflow")) || text.contains(QLatin1String("out of range")) ||
        code == QLatin1String("22003")) {
        return QStringLiteral("A sum of amounts overflowed: an amount in the database is far beyond what "
                              "DECIMAL(10,2) holds (run `coursedesk report reconcile` to find the row).") +
               nothingWritten;
    }
    if (text.contains(QLatin1String("NaN"), Qt::CaseInsensitive) && text.contains(QLatin1String("convert"))) {
        return QStringLiteral("An amount in the database is NaN (not a number) (run `coursedesk report "
                              "reconcile` to find the row).") +
               nothingWritten;
    }
    if (text.contains(QLatin1String("disk is full")) || code == QLatin1String("53100")) {
        return QStringLiteral("The disk is full: the database could not make room for the report's work "
                              "files.") +
               nothingWritten;
    }
    if (text.contains(QLatin1String("interrupted")) || code == QLatin1String("57014")) {
        return QStringLiteral("The query was cancelled.") + nothingWritten;
    }
    return error.text();
}

bool exec(QSqlQuery& query, QString* error)
{
    if (query.exec()) {
        return true;
    }
    if (error) {
        *error = explain(query.lastError());
    }
    return false;
}

bool select(const QSqlDatabase& db, const QString& sql, const QVariantList& binds,
            const std::function<void(const QSqlQuery&)>& row, QString* error)
{
    const QString cancelled = QStringLiteral("The query was cancelled. Nothing was written.");
    if (QueryCancel::requested(db.connectionName())) {
        if (error) {
            *error = cancelled;
        }
        return false;
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        // The prepare's own error: exec() of an unprepared query would only say "No query".
        if (error) {
            *error = explain(query.lastError());
        }
        return false;
    }
    for (const QVariant& value : binds) {
        query.addBindValue(value);
    }
    if (!ReportSql::exec(query, error)) {
        return false;
    }
    // PostgreSQL hands the whole result over at exec(): a cancel that comes while rows are read
    // stops the reading (checked every 1,024 rows; SQLite's interrupt stops next() itself).
    for (qint64 n = 1; query.next(); ++n) {
        row(query);
        if (n % 1024 == 0 && QueryCancel::requested(db.connectionName())) {
            break;
        }
    }
    // A long result read after the server finished is stopped here; so is a failed fetch.
    if (query.lastError().isValid()) {
        if (error) {
            *error = explain(query.lastError());
        }
        return false;
    }
    if (QueryCancel::requested(db.connectionName())) {
        if (error) {
            *error = cancelled;
        }
        return false;
    }
    return true;
}

} // namespace ReportSql
