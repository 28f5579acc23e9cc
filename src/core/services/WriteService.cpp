#include "WriteService.h"

#include "AuditLog.h"
#include "DeleteGuard.h"
#include "ServiceSql.h"
#include "SqlErrorTranslator.h"
#include "WriteValues.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/OrderNumber.h"

#include <QDateTime>
#include <QMutex>
#include <QSqlError>
#include <QSqlQuery>

#include <algorithm>

namespace {
using K = ColumnSpec::Kind;
using namespace WriteValues;

// One transaction per connection: a session opened while another is active on the same
// connection joins it.
QMutex registryMutex;
QHash<QString, std::weak_ptr<void>>& registry()
{
    static QHash<QString, std::weak_ptr<void>> sessions;
    return sessions;
}
} // namespace

struct WriteSession::Shared
{
    QString connection;
    bool auditChecked = false;
    bool auditAvailable = false;
    QString actor;
};

WriteSession::WriteSession(QSqlDatabase db, WriteContext context) : m_db(std::move(db)), m_context(std::move(context))
{
    {
        QMutexLocker lock(&registryMutex);
        if (auto existing = registry().value(m_db.connectionName()).lock()) {
            m_shared = std::static_pointer_cast<Shared>(existing);
        }
    }
    if (m_shared) {
        m_active = true; // joins the outer transaction
        return;
    }
    if (!m_db.isOpen()) {
        m_error = QStringLiteral("The connection to the database was lost");
        return;
    }
    if (Database::isPostgres(m_db)) {
        m_active = m_db.transaction();
    } else {
        // Take SQLite's write lock now rather than at the first write: the rows read next (to
        // compare with what the editor loaded) cannot change before this transaction writes.
        QSqlQuery begin(m_db);
        m_active = begin.exec(QStringLiteral("BEGIN IMMEDIATE"));
        if (!m_active) {
            m_beginError = begin.lastError();
        }
    }
    if (!m_active) {
        if (m_beginError.type() == QSqlError::NoError) {
            m_beginError = m_db.lastError();
        }
        // In words ("locked by another program"): the workflows pass it on to the user.
        m_error = SqlErrorTranslator::describe(m_db, m_beginError);
        return;
    }
    m_outermost = true;
    m_shared = std::make_shared<Shared>();
    m_shared->connection = m_db.connectionName();
    QMutexLocker lock(&registryMutex);
    registry().insert(m_shared->connection, m_shared);
}

WriteSession::~WriteSession()
{
    rollback();
}

void WriteSession::rollback()
{
    if (m_outermost && m_active) {
        m_active = false;
        release();
        m_db.rollback();
    }
}

void WriteSession::release()
{
    // A session opened after this one ended must begin its own transaction.
    QMutexLocker lock(&registryMutex);
    if (m_shared && registry().value(m_shared->connection).lock() == m_shared) {
        registry().remove(m_shared->connection);
    }
}

bool WriteSession::commit()
{
    if (!m_active) {
        return false;
    }
    if (!m_outermost) {
        return true; // the outer session commits
    }
    m_active = false;
    release();
    if (m_db.commit()) {
        return true;
    }
    m_error = SqlErrorTranslator::describe(m_db, m_db.lastError());
    m_db.rollback();
    return false;
}

RowSnapshot WriteSession::lock(const TableSpec& spec, const QVariant& key, QString* error)
{
    // FOR UPDATE on PostgreSQL; on SQLite the session already holds the database's write lock.
    QString raw;
    RowSnapshot row = RowSnapshot::load(m_db, spec, key, true, &raw);
    if (!raw.isEmpty() && error) {
        // A role without UPDATE on the table is refused the lock: said in words, like a refused write.
        *error = readFailed(spec, raw, int(SqlErrorTranslator::Operation::Update), key).message;
    }
    return row;
}

bool WriteSession::auditing()
{
    if (!m_shared->auditChecked) {
        m_shared->auditChecked = true;
        m_shared->auditAvailable = AuditLog::available(m_db);
        if (m_shared->auditAvailable) {
            m_shared->actor = AuditLog::actor(m_db);
        }
    }
    return m_shared->auditAvailable;
}

QString WriteSession::auditActor() const
{
    return m_shared->actor;
}

bool WriteSession::audit(const QString& action, const TableSpec& spec, const QVariant& key, const QString& details)
{
    if (!auditing()) {
        return true;
    }
    const QString name = m_context.action.isEmpty() ? action : m_context.action;
    return AuditLog::insertRow(m_db, name, spec.table, key, m_context.reason, details, m_shared->actor);
}

WriteResult WriteSession::failed(const TableSpec& spec, const QSqlError& error, const QHash<QString, QVariant>& values,
                                 int operation, const QVariant& key)
{
    const auto t = SqlErrorTranslator::translate(m_db, spec, error, values,
                                                 static_cast<SqlErrorTranslator::Operation>(operation), key);
    WriteResult r = result(WriteResult::Status::Failed, t.message, t.column);
    r.connectionLost = t.connectionLost;
    r.key = key;
    return r;
}

WriteResult WriteSession::audited(const QString& action, const TableSpec& spec, const QVariant& key,
                                  const QList<AuditLog::ColumnChange>& changes, const QString& message)
{
    if (!audit(action, spec, key, AuditLog::details(changes))) {
        return result(WriteResult::Status::Failed,
                      QStringLiteral("The audit log could not be written; nothing was saved"));
    }
    WriteResult r;
    r.status = WriteResult::Status::Saved;
    r.key = key;
    r.changed = true;
    r.message = message;
    return r;
}

WriteResult WriteSession::readFailed(const TableSpec& spec, const QString& error, int operation, const QVariant& key)
{
    QSqlQuery probe(m_db);
    if (!m_db.isOpen() ||
        (!probe.exec(QStringLiteral("SELECT 1")) && Database::isConnectionLost(probe.lastError(), m_db))) {
        WriteResult r = result(WriteResult::Status::Failed, error);
        r.connectionLost = true;
        return r;
    }
    // Locking the row is the first statement of a save: a role without UPDATE on the table is
    // refused here ("permission denied"), which the user is told in words like any refused write.
    return failed(spec, QSqlError(QString(), error, QSqlError::StatementError), {}, operation, key);
}

WriteResult WriteSession::notStarted(const TableSpec& spec, int operation, const QVariant& key)
{
    if (m_beginError.type() != QSqlError::NoError && m_db.isOpen()) {
        return failed(spec, m_beginError, {}, operation, key);
    }
    WriteResult r = result(WriteResult::Status::Failed, QStringLiteral("Could not start a transaction: ") + m_error);
    r.connectionLost = !m_db.isOpen();
    return r;
}

QList<RowValidator::Violation> WriteSession::validate(const TableSpec& spec, const QVariant& key,
                                                      const QHash<QString, QVariant>& values,
                                                      const QSet<QString>& changed, bool againstDatabase)
{
    QList<RowValidator::Violation> out;
    const auto has = [&](const QString& column) {
        return std::any_of(out.cbegin(), out.cend(), [&](const auto& o) { return o.column == column; });
    };
    for (const ColumnSpec& c : spec.columns) {
        const bool generatedKey = c.name == spec.key && spec.keyIsGenerated;
        if (!c.required || generatedKey || c.isStamp() || !(changed.contains(c.name) || !key.isValid())) {
            continue;
        }
        if (blank(values.value(c.name))) {
            out.append({c.name, c.requiredMessage.isEmpty() ? QStringLiteral("%1 is required").arg(c.header)
                                                            : c.requiredMessage});
        }
    }
    for (const auto& v : RowValidator::validate(spec, values, changed)) {
        if (!has(v.column)) {
            out.append(v);
        }
    }
    for (const ColumnSpec& c : spec.columns) {
        if (!againstDatabase || has(c.name) || !changed.contains(c.name)) {
            continue;
        }
        const QString value = values.value(c.name).toString().trimmed();
        if (c.uniqueIgnoringCase) {
            // In byte order on PostgreSQL, as migration 003's lower(email) COLLATE "C" index is built:
            // without it this check reads the whole table (seconds per row on 1M users).
            QString sql =
                QStringLiteral("SELECT %1 FROM %2 WHERE lower(%1)%3 = lower(?)")
                    .arg(c.name, spec.table, Database::isPostgres(m_db) ? QStringLiteral(" COLLATE \"C\"") : QString());
            QVariantList binds{value};
            if (key.isValid()) {
                sql += QStringLiteral(" AND %1 <> ?").arg(spec.key);
                binds << key;
            }
            if (const auto other = ServiceSql::scalar(m_db, sql, binds)) {
                // Name the other spelling when it differs only in case.
                const QString stored = other->toString();
                out.append({c.name, stored == value
                                        ? c.duplicateMessage.arg(value)
                                        : c.duplicateMessage.arg(value) + QStringLiteral(" (%1)").arg(stored)});
            }
        } else if (c.name == spec.key && !spec.keyIsGenerated && !key.isValid() && !c.duplicateMessage.isEmpty()) {
            // A key chosen by staff (a course's slug): say so before the insert fails.
            if (ServiceSql::scalar(m_db, QStringLiteral("SELECT %1 FROM %2 WHERE %1 = ?").arg(c.name, spec.table),
                                   {value})) {
                out.append({c.name, c.duplicateMessage.arg(value)});
            }
        }
    }
    return out;
}

std::optional<WriteResult> WriteSession::prepareInsert(const TableSpec& spec, const QHash<QString, QVariant>& in,
                                                       QHash<QString, QVariant>* values)
{
    for (const ColumnSpec& c : spec.columns) {
        if (c.isStamp() || (c.name == spec.key && spec.keyIsGenerated) || !in.contains(c.name)) {
            continue;
        }
        values->insert(c.name, in.value(c.name));
    }
    for (const ColumnSpec& c : spec.columns) {
        if (c.generatedOnInsert && blank(values->value(c.name))) {
            values->insert(c.name, OrderNumber::next(m_db));
        }
        if (!c.isWorkflowOwned() || c.initialValue.isEmpty()) {
            continue;
        }
        // A new row starts where its workflow starts (an order CREATED); only a workflow puts it
        // anywhere else.
        if (blank(values->value(c.name))) {
            values->insert(c.name, c.initialValue);
        } else if (!m_context.workflow && values->value(c.name).toString() != c.initialValue) {
            return result(WriteResult::Status::Refused, c.workflowOnly, c.name);
        }
    }
    return std::nullopt;
}

QSet<QString> WriteSession::allColumns(const TableSpec& spec)
{
    QSet<QString> changed;
    for (const ColumnSpec& c : spec.columns) {
        changed.insert(c.name);
    }
    return changed;
}

WriteResult WriteSession::insert(const TableSpec& spec, const QHash<QString, QVariant>& in)
{
    if (!m_active) {
        return notStarted(spec, int(SqlErrorTranslator::Operation::Insert), QVariant());
    }
    const SqlTime time = SqlTime::forConnection(m_db);
    QHash<QString, QVariant> values;
    if (auto refused = prepareInsert(spec, in, &values)) {
        return *refused;
    }
    if (auto violations = validate(spec, QVariant(), values, allColumns(spec)); !violations.isEmpty()) {
        return invalid(violations);
    }
    WriteValues::InsertRow row = WriteValues::insertRow(spec, values, time);
    if (spec.hasTimestamps) {
        const QString now = ServiceSql::now(m_db);
        row.columns << QStringLiteral("created_at") << QStringLiteral("updated_at");
        row.binds << now << now;
    }
    QSqlError error;
    const QVariant key = ServiceSql::insert(m_db, spec.table, row.columns, row.binds, &error);
    if (!key.isValid()) {
        return failed(spec, error, values, int(SqlErrorTranslator::Operation::Insert), QVariant());
    }
    return audited(QStringLiteral("insert"), spec, key, row.changes, QStringLiteral("Saved"));
}

WriteResult WriteSession::update(const TableSpec& spec, const QVariant& key, const QHash<QString, QVariant>& in,
                                 const RowSnapshot* loaded, bool overwrite)
{
    if (!m_active) {
        return notStarted(spec, int(SqlErrorTranslator::Operation::Update), key);
    }
    const SqlTime time = SqlTime::forConnection(m_db);
    QString readError; // the server's words: readFailed() says them for the user
    const RowSnapshot current = RowSnapshot::load(m_db, spec, key, true, &readError);
    if (!readError.isEmpty()) {
        return readFailed(spec, readError, int(SqlErrorTranslator::Operation::Update), key);
    }
    if (!current.exists()) {
        return result(WriteResult::Status::Missing,
                      QStringLiteral("This %1 was deleted by someone else since it was opened.").arg(spec.noun));
    }
    if (loaded && !overwrite) {
        if (const auto changes = loaded->changesTo(current); !changes.isEmpty()) {
            WriteResult r =
                result(WriteResult::Status::Conflict,
                       QStringLiteral("Someone else changed this %1 since it was opened:\n").arg(spec.noun) +
                           RowSnapshot::describe(changes));
            r.changes = changes;
            r.column = changes.constFirst().column;
            r.key = key;
            return r;
        }
    }
    const QHash<QString, QVariant> now = current.values();
    // The columns to write: those whose new value differs from what the editor saw.
    const RowSnapshot& base = loaded ? *loaded : current;
    QHash<QString, QVariant> values;
    QStringList changed;
    for (auto it = in.cbegin(); it != in.cend(); ++it) {
        const ColumnSpec* c = spec.column(it.key());
        if (!c || c->kind == K::Key || c->name == spec.key || c->isStamp()) {
            continue;
        }
        values.insert(it.key(), it.value());
        if (c->kind == K::Secret || !base.has(c->name) || normal(*c, it.value(), time) != base.value(c->name)) {
            changed << c->name;
        }
    }
    std::sort(changed.begin(), changed.end());
    if (!m_context.workflow && !changed.isEmpty()) {
        if (const auto* state = spec.readOnlyState(now)) {
            return result(WriteResult::Status::Refused, state->message);
        }
        for (const QString& name : std::as_const(changed)) {
            const ColumnSpec* c = spec.column(name);
            if (c->isWorkflowOwned() && normal(*c, values.value(name), time) != current.value(name)) {
                return result(WriteResult::Status::Refused, c->workflowOnly, name);
            }
        }
    }
    // Rules across columns (fee <= original price) need the columns this change leaves alone.
    QHash<QString, QVariant> whole = now;
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        whole.insert(it.key(), it.value());
    }
    const QSet<QString> changedSet(changed.cbegin(), changed.cend());
    if (auto violations = validate(spec, key, whole, changedSet); !violations.isEmpty()) {
        return invalid(violations);
    }
    WriteResult r;
    r.status = WriteResult::Status::Saved;
    r.key = key;
    r.message = QStringLiteral("Saved");
    QList<AuditLog::ColumnChange> auditChanges;
    QStringList sets;
    QVariantList binds;
    for (const QString& name : std::as_const(changed)) {
        const ColumnSpec& c = *spec.column(name);
        const QString after = normal(c, values.value(name), time);
        if (c.kind == K::Secret) {
            auditChanges.append({name, {}, {}, true});
        } else if (after == current.value(name)) {
            continue; // already what the editor wants (someone made the same change)
        } else {
            auditChanges.append({name, jsonValue(current.value(name), current.value(name).isEmpty()),
                                 jsonValue(after, blank(values.value(name)))});
        }
        sets << name + QStringLiteral(" = ?");
        binds << bindable(c, values.value(name), time);
    }
    if (sets.isEmpty()) {
        return r;
    }
    if (spec.hasTimestamps) {
        sets << QStringLiteral("updated_at = ?");
        binds << ServiceSql::now(m_db);
    }
    binds << key;
    QSqlError error;
    if (!ServiceSql::exec(
            m_db,
            QStringLiteral("UPDATE %1 SET %2 WHERE %3 = ?").arg(spec.table, sets.join(QStringLiteral(", ")), spec.key),
            binds, &error)) {
        return failed(spec, error, whole, int(SqlErrorTranslator::Operation::Update), key);
    }
    return audited(QStringLiteral("update"), spec, key, auditChanges, r.message);
}

WriteResult WriteSession::remove(const TableSpec& spec, const QVariant& key, const RowSnapshot* loaded)
{
    if (!m_active) {
        return notStarted(spec, int(SqlErrorTranslator::Operation::Delete), key);
    }
    QString readError; // the server's words: readFailed() says them for the user
    const RowSnapshot current = RowSnapshot::load(m_db, spec, key, true, &readError);
    if (!readError.isEmpty()) {
        return readFailed(spec, readError, int(SqlErrorTranslator::Operation::Delete), key);
    }
    if (!current.exists()) {
        return result(WriteResult::Status::Missing,
                      QStringLiteral("This %1 was deleted by someone else since it was opened.").arg(spec.noun));
    }
    if (loaded) {
        if (const auto changes = loaded->changesTo(current); !changes.isEmpty()) {
            WriteResult r =
                result(WriteResult::Status::Conflict,
                       QStringLiteral("Someone else changed this %1 since it was opened:\n").arg(spec.noun) +
                           RowSnapshot::describe(changes));
            r.changes = changes;
            r.key = key;
            return r;
        }
    }
    const QHash<QString, QVariant> now = current.values();
    if (!m_context.workflow) {
        if (const auto* state = spec.readOnlyState(now)) {
            return result(WriteResult::Status::Refused, state->message);
        }
    }
    if (const QString why = DeleteGuard::blockers(m_db, spec.table, key); !why.isEmpty()) {
        return result(WriteResult::Status::Refused, why);
    }
    QSqlError error;
    if (!ServiceSql::exec(m_db, QStringLiteral("DELETE FROM %1 WHERE %2 = ?").arg(spec.table, spec.key), {key},
                          &error)) {
        return failed(spec, error, now, int(SqlErrorTranslator::Operation::Delete), key);
    }
    QList<AuditLog::ColumnChange> changes;
    for (const ColumnSpec& c : spec.columns) {
        if (current.has(c.name) && c.name != spec.key) {
            changes.append({c.name, jsonValue(current.value(c.name), current.value(c.name).isEmpty()), {}});
        }
    }
    return audited(QStringLiteral("delete"), spec, key, changes, QStringLiteral("Deleted"));
}
