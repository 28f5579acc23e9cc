// PlatformTableModel: validating and writing the pending edits in one transaction.
#include "PlatformTableModel.h"

#include "db/Database.h"
#include "domain/RowValidator.h"
#include "services/SqlErrorTranslator.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

QList<PlatformTableModel::Pending> PlatformTableModel::pendingChanges() const
{
    QList<Pending> pending;
    for (int row = 0; row < rowCount(); ++row) {
        Pending p;
        p.row = row;
        if (isDeletedRow(row)) {
            p.op = Pending::Delete;
            p.key = keyValue(row);
        } else if (isInsertedRow(row)) {
            p.op = Pending::Insert;
            for (int c = 0; c < columnCount(); ++c) {
                const QVariant v = rawValue(row, c);
                if (!v.isNull()) {
                    p.values.insert(c, v);
                }
            }
        } else {
            p.op = Pending::Update;
            p.key = keyValue(row);
            for (int c = 0; c < columnCount(); ++c) {
                if (isDirty(index(row, c))) {
                    p.values.insert(c, rawValue(row, c));
                }
            }
            if (p.values.isEmpty()) {
                continue;
            }
        }
        pending << p;
    }
    return pending;
}

bool PlatformTableModel::validatePending(const QList<Pending>& pending)
{
    for (const Pending& p : pending) {
        if (p.op == Pending::Delete) {
            continue;
        }
        QSet<QString> changed;
        if (p.op == Pending::Insert) {
            changed = QSet<QString>(m_fieldNames.cbegin(), m_fieldNames.cend());
        } else {
            for (auto it = p.values.cbegin(); it != p.values.cend(); ++it) {
                changed.insert(m_fieldNames.at(it.key()));
            }
        }
        QHash<QString, QVariant> values;
        for (int c = 0; c < m_fieldNames.size(); ++c) {
            values.insert(m_fieldNames.at(c), rawValue(p.row, c));
        }
        const auto violations = RowValidator::validate(m_spec, values, changed);
        if (!violations.isEmpty()) {
            const auto& v = violations.first();
            const int column = columnOf(v.column);
            const ColumnSpec* c = columnSpec(column);
            m_failure = {p.row, column, c ? c->header : v.column, rowLabel(p.row), v.message, false, false, p.key};
            return false;
        }
    }
    return true;
}

bool PlatformTableModel::save()
{
    m_failure = SaveFailure();
    const quint64 session = Database::sessionNumber(database().connectionName());
    if (!m_deferredRestore.isEmpty() || session != m_session) {
        // Only re-read once the connection answers: a failed select() would drop the edits.
        QSqlDatabase db = database();
        QSqlQuery probe(db);
        if (!db.isOpen() || !probe.exec(QStringLiteral("SELECT 1"))) {
            const int row = m_deferredRestore.isEmpty() ? 0 : m_deferredRestore.first().row;
            m_failure = {
                row,  -1,    QString(), rowLabel(row), QStringLiteral("The connection to the database was lost"),
                true, false, QVariant()};
            return false;
        }
        const QList<Pending> kept = m_deferredRestore.isEmpty() ? pendingChanges() : m_deferredRestore;
        m_deferredRestore.clear();
        if (session != m_session) {
            // Reconnected since the model last wrote: set the table up afresh so QSqlTableModel
            // prepares its statements again in the new server session.
            m_session = session;
            setUp();
        }
        restorePending(kept);
    }
    const QList<Pending> pending = pendingChanges();
    if (pending.isEmpty()) {
        if (isDirty()) {
            revertAll();
        }
        return true;
    }
    if (!validatePending(pending)) {
        return false;
    }

    QSqlDatabase db = database();
    // Every row goes through the write service: one transaction, each row locked and compared
    // with the values this model loaded, the table's rules, and an audit row per change.
    WriteSession write(db);
    if (!db.isOpen() || !write.isActive()) {
        // Nothing was sent: every edit is still pending as it was.
        const bool lost = !db.isOpen() || SqlErrorTranslator::isConnectionLost(db.lastError(), db);
        m_failure = {pending.first().row,
                     -1,
                     QString(),
                     rowLabel(pending.first().row),
                     lost ? QStringLiteral("The connection to the database was lost")
                          : QStringLiteral("Could not start a transaction: ") + write.error(),
                     lost,
                     false,
                     QVariant()};
        return false;
    }
    // submitAll() walks its cache in row order, i.e. the order of `pending`; counting the
    // insert/update/delete calls tells which row was being written when one failed.
    m_submitCursor = 0;
    m_writeSession = &write;
    m_writeResult = WriteResult();
    QStringList rowLabels;
    for (const Pending& p : pending) {
        rowLabels << rowLabel(p.row);
    }
    const bool written = submitAll() && write.commit();
    m_writeSession = nullptr;
    if (written) {
        m_loaded.clear();
        return true;
    }
    const int failedIndex = qBound(0, m_submitCursor - 1, int(pending.size()) - 1);
    write.rollback(); // before the table is read again below
    const Pending& failed = pending.at(failedIndex);
    const WriteResult& r = m_writeResult;
    const int column = r.column.isEmpty() ? -1 : columnOf(r.column);
    const ColumnSpec* c = columnSpec(column);
    m_failure = {failed.row,
                 column,
                 c ? c->header : r.column,
                 rowLabels.at(failedIndex),
                 r.message.isEmpty() ? lastError().text() : r.message,
                 r.connectionLost || !db.isOpen(),
                 r.status == WriteResult::Status::Conflict,
                 failed.key};
    if (m_failure.connectionLost) {
        // The server rolled the transaction back with the connection. Re-reading now would fail
        // and empty the model, so the edits stay where they are; rows already sent are rebuilt
        // before the next save.
        m_deferredRestore = pending;
        return false;
    }

    // The rows written before the failing one are marked as submitted in QSqlTableModel's cache
    // and would be skipped by the next submitAll(); rebuild every edit from the snapshot instead.
    restorePending(pending);
    return false;
}

void PlatformTableModel::revertAll()
{
    const bool reread = !std::exchange(m_deferredRestore, {}).isEmpty();
    m_loaded.clear();
    QSqlRelationalTableModel::revertAll();
    if (reread) {
        select(); // rows sent before the connection dropped still show their edits
    }
}

void PlatformTableModel::restorePending(const QList<Pending>& pending)
{
    select();
    for (const Pending& p : pending) {
        while (canFetchMore() && rowCount() <= p.row) {
            fetchMore();
        }
        int row = p.row;
        if (p.op != Pending::Insert && keyValue(row) != p.key) {
            // Someone else changed the table meanwhile: find the row by its key.
            row = -1;
            for (int r = 0; r < rowCount(); ++r) {
                if (keyValue(r) == p.key) {
                    row = r;
                    break;
                }
            }
            if (row < 0) {
                continue;
            }
        }
        if (p.op == Pending::Delete) {
            removeRows(row, 1);
            continue;
        }
        if (p.op == Pending::Insert) {
            insertRows(row, 1);
        }
        for (auto it = p.values.cbegin(); it != p.values.cend(); ++it) {
            // Raw values (relation columns: the key) go straight to QSqlTableModel: they are already
            // in stored form, and QSqlRelationalTableModel would load the referenced table.
            QSqlTableModel::setData(index(row, it.key()), it.value(), Qt::EditRole);
        }
        emit headerDataChanged(Qt::Vertical, row, row);
    }
}

QHash<QString, QVariant> PlatformTableModel::recordValues(const QSqlRecord& record) const
{
    // Only the fields QSqlTableModel marks as generated: the ones the user set.
    QHash<QString, QVariant> values;
    for (int i = 0; i < record.count() && i < m_fieldNames.size(); ++i) {
        if (record.isGenerated(i)) {
            values.insert(m_fieldNames.at(i), record.value(i));
        }
    }
    return values;
}

void PlatformTableModel::rememberLoaded(int row)
{
    // The row as read, before its first edit: what the write service compares the row with.
    // Relation columns hold the referenced row's display text here, not the key: left out.
    const QVariant key = keyValue(row);
    if (!key.isValid() || m_loaded.contains(key.toString())) {
        return;
    }
    QHash<QString, QVariant> values;
    for (int c = 0; c < m_fieldNames.size(); ++c) {
        const ColumnSpec* spec = columnSpec(c);
        if (spec && spec->kind != ColumnSpec::Kind::Relation && !isDirty(index(row, c))) {
            values.insert(m_fieldNames.at(c), rawValue(row, c));
        }
    }
    m_loaded.insert(key.toString(), RowSnapshot::fromValues(m_spec, key, values, m_time));
}

bool PlatformTableModel::updateRowInTable(int row, const QSqlRecord& values)
{
    ++m_submitCursor;
    if (!m_writeSession) {
        return false;
    }
    const QVariant key = keyValue(row);
    const auto loaded = m_loaded.constFind(key.toString());
    m_writeResult =
        m_writeSession->update(m_spec, key, recordValues(values), loaded == m_loaded.constEnd() ? nullptr : &*loaded);
    return m_writeResult.ok();
}

bool PlatformTableModel::insertRowIntoTable(const QSqlRecord& values)
{
    ++m_submitCursor;
    if (!m_writeSession) {
        return false;
    }
    m_writeResult = m_writeSession->insert(m_spec, recordValues(values));
    return m_writeResult.ok();
}

bool PlatformTableModel::deleteRowFromTable(int row)
{
    ++m_submitCursor;
    if (!m_writeSession) {
        return false;
    }
    m_writeResult = m_writeSession->remove(m_spec, keyValue(row));
    return m_writeResult.ok();
}
