#pragma once

#include "AuditLog.h"
#include "RowSnapshot.h"
#include "domain/RowValidator.h"
#include "domain/TableSpec.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QVariant>
#include <QVariantList>

#include <memory>
#include <optional>

// The one write path. Every insert, update and delete of a platform row — grid edits, forms,
// detail lists, workflows, import, bulk edits — goes through a WriteSession (one transaction) or
// WriteService (a batch of changes in one transaction). For each row it
//   - takes the row's lock first (SELECT … FOR UPDATE on PostgreSQL; on SQLite the session holds
//     the write lock from BEGIN IMMEDIATE), then compares the values the editor loaded with the
//     row now: a row someone else changed meanwhile is a Conflict, never silently overwritten;
//   - applies the table's description (TableSpec): required columns, formats, rules across
//     columns, read-only row states, delete guards, and columns only a workflow may change;
//   - writes only the columns whose value changed, stamps updated_at (created_at on insert);
//   - writes one coursedesk_audit_log row with before → after of every changed column (the
//     password only as "password changed"), when Coursedesk's own tables exist.
// Any failure rolls back the whole transaction.

struct WriteResult
{
    enum class Status {
        Saved,
        Invalid,  // a value breaks a rule: violations name the columns
        Refused,  // not a plain edit: a workflow-owned column, a read-only row, a blocked delete
        Conflict, // someone else changed (changes) the row since it was loaded
        Missing,  // the row is gone
        Failed,   // the database refused (constraint, connection): message, column when known
    };
    Status status = Status::Failed;
    QVariant key;                              // the row written (the new key after an insert)
    QVariantList keys;                         // a batch: the key of each change, in order
    int index = -1;                            // a batch: the change at fault
    QString column;                            // the column at fault, when one is
    QString message;                           // a sentence for the user
    QList<RowValidator::Violation> violations; // Invalid / Refused / Failed with a column
    QList<RowSnapshot::FieldChange> changes;   // Conflict: what the other writer changed
    bool connectionLost = false;               // Failed because the connection dropped
    bool changed = false;                      // something was written
    bool ok() const { return status == Status::Saved; }
    // The result of a batch that wrote the rows of `writtenKeys` (in order).
    static WriteResult saved(const QVariantList& writtenKeys)
    {
        WriteResult r;
        r.status = Status::Saved;
        r.keys = writtenKeys;
        r.key = writtenKeys.value(0);
        r.changed = !writtenKeys.isEmpty();
        r.message = QStringLiteral("Saved");
        return r;
    }
};

// Who writes and why: plain edits leave `action` empty (the audit row says insert / update /
// delete); a workflow names itself ("refund", "record_payment", …), gives the user's reason, and
// may change the columns the table description reserves for workflows.
struct WriteContext
{
    QString action;
    QString reason;
    bool workflow = false;
    static WriteContext plain() { return {}; }
    static WriteContext ofWorkflow(const QString& action, const QString& reason = QString())
    {
        return {action, reason, true};
    }
};

// One transaction. A session opened on a connection that already has one joins it (a workflow
// that calls another service's helper writes in the same transaction); only the outermost
// commits. The destructor rolls back unless commit() ran.
class WriteSession
{
public:
    explicit WriteSession(QSqlDatabase db, WriteContext context = WriteContext::plain());
    ~WriteSession();
    WriteSession(const WriteSession&) = delete;
    WriteSession& operator=(const WriteSession&) = delete;

    bool isActive() const { return m_active; }
    QString error() const { return m_error; }
    QSqlDatabase database() const { return m_db; }
    const WriteContext& context() const { return m_context; }

    // `values`: raw values by column name (money as decimal text, enums as codes, relations as
    // keys, timestamps as QDateTime or stored text). Columns the table does not have, keys that
    // are generated, and created_at / updated_at are ignored.
    WriteResult insert(const TableSpec& spec, const QHash<QString, QVariant>& values);
    // Writes the columns of `values` whose value differs from the row as loaded (`loaded`, or the
    // row now when there is none). With `loaded` and without `overwrite`, a row someone changed
    // since is a Conflict and nothing is written.
    WriteResult update(const TableSpec& spec, const QVariant& key, const QHash<QString, QVariant>& values,
                       const RowSnapshot* loaded = nullptr, bool overwrite = false);
    WriteResult remove(const TableSpec& spec, const QVariant& key, const RowSnapshot* loaded = nullptr);
    // Many new rows of one table: each checked and audited as insert() does it (the same rules,
    // the same audit row per row), but written in multi-row statements of up to a few hundred
    // rows, so that an import of thousands costs dozens of round trips rather than thousands.
    // Saved with `keys` in the order of `rows`; otherwise the first row at fault (`index`), with
    // the same result insert() gives for it, and the transaction must be rolled back.
    WriteResult insertMany(const TableSpec& spec, const QList<QHash<QString, QVariant>>& rows);
    // Locks the row and reads it (for a workflow's checks before its writes). exists() is false
    // when there is no such row; `error` is set, in words for the user, when the read failed
    // (a role that may not update the table: "You may not update payments: ...").
    RowSnapshot lock(const TableSpec& spec, const QVariant& key, QString* error = nullptr);

    bool commit();
    // Ends the transaction now, writing nothing (also what the destructor does).
    void rollback();

private:
    struct Shared;
    void release();
    WriteResult failed(const TableSpec& spec, const QSqlError& error, const QHash<QString, QVariant>& values,
                       int operation, const QVariant& key);
    // The transaction could not start: a busy or full database is said in words, like any refused write.
    // Writes the row's audit entry; Saved (with `message`) or the failure that rolls everything back.
    WriteResult audited(const QString& action, const TableSpec& spec, const QVariant& key,
                        const QList<AuditLog::ColumnChange>& changes, const QString& message);
    // Reading (locking) the row failed: a lost connection, or a refusal said in words.
    WriteResult readFailed(const TableSpec& spec, const QString& error, int operation, const QVariant& key);
    WriteResult notStarted(const TableSpec& spec, int operation, const QVariant& key);
    bool audit(const QString& action, const TableSpec& spec, const QVariant& key, const QString& details);
    // The table's rules for a row's `changed` columns; `againstDatabase`: also the unique
    // columns against the rows in the table (insertMany checks those for many rows at once).
    QList<RowValidator::Violation> validate(const TableSpec& spec, const QVariant& key,
                                            const QHash<QString, QVariant>& values, const QSet<QString>& changed,
                                            bool againstDatabase = true);
    // A new row's values as written: the given columns of the table, a generated order number,
    // a workflow column at its initial state. A refusal when a plain edit sets a workflow column.
    std::optional<WriteResult> prepareInsert(const TableSpec& spec, const QHash<QString, QVariant>& in,
                                             QHash<QString, QVariant>* values);
    static QSet<QString> allColumns(const TableSpec& spec);
    // Whether audit rows are written here (checked once per transaction), and by whom.
    bool auditing();
    QString auditActor() const;
    // insertMany: rows [from, from + count) with the same columns in one statement, their audit
    // rows in another; false (nothing of them written) when the database refused either.
    bool insertChunk(const TableSpec& spec, const QList<QHash<QString, QVariant>>& rows, qsizetype from,
                     qsizetype count, QVariantList* keys);
    // insertMany: the first row whose unique column (an email in any case, a course id) is
    // used by an earlier row of `rows` or by a row in the table, up to row `last`; Saved if none.
    WriteResult checkUnique(const TableSpec& spec, const QList<QHash<QString, QVariant>>& rows, qsizetype last);

    QSqlDatabase m_db;
    WriteContext m_context;
    bool m_active = false;
    bool m_outermost = false;
    QString m_error;
    QSqlError m_beginError; // why the transaction did not start (translated for the user)
    std::shared_ptr<Shared> m_shared;
};

// One change of a batch.
struct WriteChange
{
    enum class Op { Insert, Update, Delete };
    Op op = Op::Update;
    QString table;
    QVariant key;                      // Update / Delete
    QHash<QString, QVariant> values;   // Insert / Update
    std::optional<RowSnapshot> loaded; // Update / Delete: the row as the editor loaded it
    bool overwrite = false;            // Update: write even though the row changed since `loaded`
};

class WriteBatch
{
public:
    void insert(const QString& table, const QHash<QString, QVariant>& values);
    void update(const QString& table, const QVariant& key, const QHash<QString, QVariant>& values,
                const std::optional<RowSnapshot>& loaded = std::nullopt, bool overwrite = false);
    void remove(const QString& table, const QVariant& key, const std::optional<RowSnapshot>& loaded = std::nullopt);
    void add(const WriteChange& change) { m_changes << change; }
    const QList<WriteChange>& changes() const { return m_changes; }
    bool isEmpty() const { return m_changes.isEmpty(); }
    qsizetype size() const { return m_changes.size(); }

private:
    QList<WriteChange> m_changes;
};

namespace WriteService {
// Every change of `batch` in one transaction, in order; the first failure rolls back all of them
// (result.index says which change, result.keys the keys written so far).
WriteResult apply(const QSqlDatabase& db, const WriteBatch& batch, const WriteContext& context = WriteContext::plain());
WriteResult insert(const QSqlDatabase& db, const TableSpec& spec, const QHash<QString, QVariant>& values);
WriteResult update(const QSqlDatabase& db, const TableSpec& spec, const RowSnapshot& loaded,
                   const QHash<QString, QVariant>& values, bool overwrite = false);
WriteResult remove(const QSqlDatabase& db, const TableSpec& spec, const QVariant& key,
                   const std::optional<RowSnapshot>& loaded = std::nullopt);
} // namespace WriteService
