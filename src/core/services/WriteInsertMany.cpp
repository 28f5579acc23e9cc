// WriteSession::insertMany: many new rows of one table with the guarantees of insert() (rules,
// unique columns, one audit row per row, the first bad row named) in few round trips. On
// PostgreSQL every statement through QPSQL costs three (PREPARE, EXECUTE, DEALLOCATE), so a
// row-at-a-time import of 10,000 users spent most of its time waiting for the network.
#include "WriteService.h"

#include "AuditLog.h"
#include "ServiceSql.h"
#include "SqlErrorTranslator.h"
#include "WriteValues.h"
#include "db/Database.h"
#include "db/SqlTime.h"

#include <QMap>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>
#include <limits>

namespace {
using namespace WriteValues;

// Rows and bound values per statement. PostgreSQL takes 65535 bound values; a few hundred rows
// already make its round trips negligible. SQLite has no round trips to save, and QSQLITE looks up
// each parameter's name in a list as long as the statement's (time quadratic in the number of
// values: 10,000 users in 500-row statements spent 3 s there), so statements stay small: 999
// values, SQLite's limit before 3.32.
constexpr qsizetype maxRowsPerStatement = 500;
constexpr qsizetype maxBindsPostgres = 30000;
constexpr qsizetype maxBindsSqlite = 999;
constexpr qsizetype lookupChunk = 500; // values per unique-column lookup (SQLite: under 999)
const QString savepoint = QStringLiteral("coursedesk_insert_many");

QString marks(qsizetype count)
{
    QStringList list;
    for (qsizetype i = 0; i < count; ++i) {
        list << QStringLiteral("?");
    }
    return list.join(QStringLiteral(", "));
}

QStringList sortedColumns(const QHash<QString, QVariant>& values)
{
    QStringList columns = values.keys();
    std::sort(columns.begin(), columns.end());
    return columns;
}

bool run(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    return query.exec(sql);
}

QString duplicate(const ColumnSpec& c, const QString& value, const QString& other)
{
    // Name the other spelling when it differs only in case, as the one-row check does.
    return other == value ? c.duplicateMessage.arg(value)
                          : c.duplicateMessage.arg(value) + QStringLiteral(" (%1)").arg(other);
}
} // namespace

WriteResult WriteSession::insertMany(const TableSpec& spec, const QList<QHash<QString, QVariant>>& rows)
{
    if (!m_active) {
        WriteResult r = notStarted(spec, int(SqlErrorTranslator::Operation::Insert), QVariant());
        r.index = 0;
        return r;
    }
    // The rules of each row on its own, up to the first row that breaks one.
    QList<QHash<QString, QVariant>> prepared;
    prepared.reserve(rows.size());
    qsizetype firstBad = -1;
    WriteResult bad;
    const QSet<QString> columns = allColumns(spec);
    for (qsizetype i = 0; i < rows.size() && firstBad < 0; ++i) {
        QHash<QString, QVariant> values;
        if (auto refused = prepareInsert(spec, rows.at(i), &values)) {
            bad = *refused;
            firstBad = i;
        } else if (auto violations = validate(spec, QVariant(), values, columns, false); !violations.isEmpty()) {
            bad = invalid(violations);
            firstBad = i;
        }
        prepared << values;
    }
    // The unique columns, against the earlier rows and the table, of the rows up to that one.
    WriteResult unique = checkUnique(spec, prepared, firstBad >= 0 ? firstBad : prepared.size() - 1);
    if (!unique.ok() && (firstBad < 0 || unique.index < firstBad || unique.status == WriteResult::Status::Failed)) {
        return unique;
    }
    if (firstBad >= 0) {
        if (!unique.ok() && bad.status == WriteResult::Status::Invalid) {
            for (const auto& v : std::as_const(unique.violations)) {
                if (!std::any_of(bad.violations.cbegin(), bad.violations.cend(),
                                 [&](const auto& b) { return b.column == v.column; })) {
                    bad.violations.append(v);
                }
            }
        }
        bad.index = int(firstBad);
        return bad;
    }

    QVariantList keys;
    keys.reserve(prepared.size());
    for (qsizetype start = 0; start < prepared.size();) {
        // Consecutive rows with the same columns share a statement.
        const QStringList names = sortedColumns(prepared.at(start));
        const qsizetype perRow = names.size() + 3; // + the key, created_at, updated_at
        const qsizetype maxBinds = Database::isPostgres(m_db) ? maxBindsPostgres : maxBindsSqlite;
        const qsizetype limit = std::clamp<qsizetype>(maxBinds / perRow, 1, maxRowsPerStatement);
        qsizetype end = start + 1;
        while (end < prepared.size() && end - start < limit && sortedColumns(prepared.at(end)) == names) {
            ++end;
        }
        if (!insertChunk(spec, prepared, start, end - start, &keys)) {
            // The database refused what the rules let through (a constraint, a trigger, a lost
            // connection): these rows again one at a time, to name the row and say why as insert()
            // does.
            for (qsizetype i = start; i < end; ++i) {
                WriteResult r = insert(spec, prepared.at(i));
                if (!r.ok()) {
                    r.index = int(i);
                    r.keys = keys;
                    return r;
                }
                keys << r.key;
            }
        }
        start = end;
    }
    return WriteResult::saved(keys);
}

bool WriteSession::insertChunk(const TableSpec& spec, const QList<QHash<QString, QVariant>>& rows, qsizetype from,
                               qsizetype count, QVariantList* keys)
{
    const bool postgres = Database::isPostgres(m_db);
    const SqlTime time = SqlTime::forConnection(m_db);
    QVariantList chunkKeys;
    if (spec.keyIsGenerated) {
        // The keys are taken first and written explicitly, so each row's key is known for its
        // audit row without relying on the order of RETURNING rows (which neither engine promises).
        QSqlQuery query(m_db);
        query.setForwardOnly(true);
        if (postgres) {
            // The column's own sequence: what the default would have taken, row by row.
            query.prepare(QStringLiteral("SELECT nextval(pg_get_serial_sequence(?, ?)) FROM generate_series(1, ?)"));
            query.addBindValue(spec.table);
            query.addBindValue(spec.key);
            query.addBindValue(count);
            if (!query.exec()) {
                return false;
            }
            while (query.next()) {
                if (query.value(0).isNull()) {
                    return false; // no sequence behind the key: the one-row path takes over
                }
                chunkKeys << query.value(0);
            }
        } else {
            // SQLite gives a new row the largest rowid + 1; this session holds the write lock since
            // BEGIN IMMEDIATE, so nobody else takes these between this read and the insert.
            if (!query.exec(QStringLiteral("SELECT max(%1) FROM %2").arg(spec.key, spec.table)) || !query.next()) {
                return false;
            }
            const qlonglong base = query.value(0).toLongLong();
            if (base > std::numeric_limits<qlonglong>::max() - count) {
                return false; // SQLite would pick random rowids: the one-row path takes over
            }
            for (qsizetype i = 1; i <= count; ++i) {
                chunkKeys << base + i;
            }
        }
        if (chunkKeys.size() != count) {
            return false;
        }
    }
    const QStringList names = sortedColumns(rows.at(from));
    QStringList columns = names;
    if (spec.keyIsGenerated) {
        columns.prepend(spec.key);
    }
    if (spec.hasTimestamps) {
        columns << QStringLiteral("created_at") << QStringLiteral("updated_at");
    }
    const QString now = ServiceSql::now(m_db);
    const QString rowMarks = QStringLiteral("(") + marks(columns.size()) + QStringLiteral(")");
    QStringList values;
    QVariantList binds;
    QStringList details;
    for (qsizetype i = 0; i < count; ++i) {
        const QHash<QString, QVariant>& row = rows.at(from + i);
        InsertRow insert = insertRow(spec, row, time);
        values << rowMarks;
        if (spec.keyIsGenerated) {
            binds << chunkKeys.at(i);
        } else {
            chunkKeys << insert.binds.at(insert.columns.indexOf(spec.key));
        }
        binds << insert.binds;
        if (spec.hasTimestamps) {
            binds << now << now;
        }
        details << AuditLog::details(insert.changes);
    }
    if (!run(m_db, QStringLiteral("SAVEPOINT ") + savepoint)) {
        return false;
    }
    const QString action = m_context.action.isEmpty() ? QStringLiteral("insert") : m_context.action;
    const bool written =
        ServiceSql::exec(
            m_db,
            QStringLiteral("INSERT INTO %1 (%2) VALUES ").arg(spec.table, columns.join(QStringLiteral(", "))) +
                values.join(QStringLiteral(", ")),
            binds) &&
        (!auditing() ||
         AuditLog::insertRows(m_db, action, spec.table, chunkKeys, m_context.reason, details, auditActor()));
    if (!written) {
        run(m_db, QStringLiteral("ROLLBACK TO SAVEPOINT ") + savepoint);
        run(m_db, QStringLiteral("RELEASE SAVEPOINT ") + savepoint);
        return false;
    }
    if (!run(m_db, QStringLiteral("RELEASE SAVEPOINT ") + savepoint)) {
        return false; // the rows are in, but the transaction is not well: the one-row path says why
    }
    *keys << chunkKeys;
    return true;
}

WriteResult WriteSession::checkUnique(const TableSpec& spec, const QList<QHash<QString, QVariant>>& rows,
                                      qsizetype last)
{
    const bool postgres = Database::isPostgres(m_db);
    QMap<qsizetype, QList<RowValidator::Violation>> faults; // by row
    for (const ColumnSpec& c : spec.columns) {
        const bool caseless = c.uniqueIgnoringCase;
        const bool chosenKey = c.name == spec.key && !spec.keyIsGenerated && !c.duplicateMessage.isEmpty();
        if (!caseless && !chosenKey) {
            continue;
        }
        const auto fold = [&](const QString& v) { return caseless ? v.toLower() : v; };
        QHash<QString, qsizetype> firstRow; // folded value -> the first row that has it
        QStringList lookups;                // one spelling of each folded value
        for (qsizetype i = 0; i <= last; ++i) {
            const QString value = rows.at(i).value(c.name).toString().trimmed();
            if (value.isEmpty()) {
                continue;
            }
            if (const auto it = firstRow.constFind(fold(value)); it != firstRow.cend()) {
                faults[i].append({c.name, duplicate(c, value, rows.at(*it).value(c.name).toString().trimmed())});
            } else {
                firstRow.insert(fold(value), i);
                lookups << value;
            }
        }
        // In byte order on PostgreSQL, as migration 003's lower(email) COLLATE "C" index is built,
        // which serves the lookup: a few hundred values per query.
        const QString match =
            caseless
                ? QStringLiteral("lower(%1)%2").arg(c.name, postgres ? QStringLiteral(" COLLATE \"C\"") : QString())
                : c.name;
        for (qsizetype start = 0; start < lookups.size(); start += lookupChunk) {
            const QStringList chunk = lookups.mid(start, lookupChunk);
            QStringList args;
            for (qsizetype i = 0; i < chunk.size(); ++i) {
                args << (caseless ? QStringLiteral("lower(?)") : QStringLiteral("?"));
            }
            QSqlQuery query(m_db);
            query.setForwardOnly(true);
            query.prepare(QStringLiteral("SELECT %1 FROM %2 WHERE %3 IN (%4)")
                              .arg(c.name, spec.table, match, args.join(QStringLiteral(", "))));
            for (const QString& v : chunk) {
                query.addBindValue(v);
            }
            if (!query.exec()) {
                WriteResult r =
                    readFailed(spec, query.lastError().text(), int(SqlErrorTranslator::Operation::Insert), QVariant());
                r.index = int(firstRow.value(fold(chunk.first())));
                return r;
            }
            bool unmatched = false;
            while (query.next()) {
                const QString stored = query.value(0).toString();
                const auto it = firstRow.constFind(fold(stored));
                if (it == firstRow.cend()) {
                    unmatched = true;
                    continue;
                }
                faults[*it].append({c.name, duplicate(c, rows.at(*it).value(c.name).toString().trimmed(), stored)});
            }
            if (unmatched) {
                // The database lower-cases some letter differently from Qt: ask value by value.
                for (const QString& v : chunk) {
                    const auto stored = ServiceSql::scalar(
                        m_db, QStringLiteral("SELECT %1 FROM %2 WHERE %3 = lower(?)").arg(c.name, spec.table, match),
                        {v});
                    const qsizetype row = firstRow.value(fold(v));
                    if (stored && fold(stored->toString()) != fold(v)) {
                        faults[row].append({c.name, duplicate(c, v, stored->toString())});
                    }
                }
            }
        }
    }
    if (faults.isEmpty()) {
        WriteResult r;
        r.status = WriteResult::Status::Saved;
        return r;
    }
    WriteResult r = invalid(faults.first());
    r.index = int(faults.firstKey());
    return r;
}
