// PlatformTableModel: validating and writing the pending edits in one transaction.
#include "PlatformTableModel.h"

#include "RowValidator.h"
#include "SqlErrorTranslator.h"
#include "db/Database.h"

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
            m_failure = {p.row, column, c ? c->header : v.column, rowLabel(p.row), v.message};
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
            m_failure = {row, -1, QString(), rowLabel(row), QStringLiteral("The connection to the database was lost"),
                         true};
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
    if (!db.isOpen() || !db.transaction()) {
        // Nothing was sent: every edit is still pending as it was.
        const bool lost = !db.isOpen() || SqlErrorTranslator::isConnectionLost(db.lastError(), db);
        m_failure = {pending.first().row,
                     -1,
                     QString(),
                     rowLabel(pending.first().row),
                     lost ? QStringLiteral("The connection to the database was lost")
                          : QStringLiteral("Could not start a transaction: ") + db.lastError().text(),
                     lost};
        return false;
    }
    // submitAll() walks its cache in row order, i.e. the order of `pending`; counting the
    // insert/update/delete calls tells which row was being written when one failed.
    m_submitCursor = 0;
    const QList<QHash<QString, QVariant>> labels = [&] {
        QList<QHash<QString, QVariant>> list;
        for (const Pending& p : pending) {
            list << rowValues(p.row);
        }
        return list;
    }();
    QStringList rowLabels;
    for (const Pending& p : pending) {
        rowLabels << rowLabel(p.row);
    }
    if (submitAll() && db.commit()) {
        return true;
    }
    const QSqlError error = lastError().isValid() ? lastError() : db.lastError();
    const int failedIndex = qBound(0, m_submitCursor - 1, int(pending.size()) - 1);
    db.rollback();

    const Pending& failed = pending.at(failedIndex);
    const auto op = failed.op == Pending::Insert   ? SqlErrorTranslator::Operation::Insert
                    : failed.op == Pending::Delete ? SqlErrorTranslator::Operation::Delete
                                                   : SqlErrorTranslator::Operation::Update;
    const auto translated = SqlErrorTranslator::translate(db, m_spec, error, labels.at(failedIndex), op, failed.key);
    const int column = translated.column.isEmpty() ? -1 : columnOf(translated.column);
    const ColumnSpec* c = columnSpec(column);
    m_failure = {failed.row,
                 column,
                 c ? c->header : translated.column,
                 rowLabels.at(failedIndex),
                 translated.message,
                 translated.connectionLost};
    if (translated.connectionLost) {
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
            const ColumnSpec* c = columnSpec(it.key());
            if (c && c->kind == ColumnSpec::Kind::Relation) {
                ensureRelationLoaded(it.key());
            }
            // Raw values go straight to the base class: they are already in stored form.
            QSqlRelationalTableModel::setData(index(row, it.key()), it.value(), Qt::EditRole);
        }
        emit headerDataChanged(Qt::Vertical, row, row);
    }
}

void PlatformTableModel::stamp(QSqlRecord& record, bool inserting) const
{
    // The platform has no trigger for updated_at; it writes updated_at = created_at on insert.
    const QString now = m_time.nowForDb();
    const int updated = record.indexOf(QStringLiteral("updated_at"));
    if (updated >= 0) {
        record.setValue(updated, now);
        record.setGenerated(updated, true);
    }
    const int created = record.indexOf(QStringLiteral("created_at"));
    if (inserting && created >= 0 && !record.isGenerated(created)) {
        record.setValue(created, now);
        record.setGenerated(created, true);
    }
}

bool PlatformTableModel::updateRowInTable(int row, const QSqlRecord& values)
{
    ++m_submitCursor;
    QSqlRecord record = values;
    stamp(record, false);
    return QSqlRelationalTableModel::updateRowInTable(row, record);
}

bool PlatformTableModel::insertRowIntoTable(const QSqlRecord& values)
{
    ++m_submitCursor;
    QSqlRecord record = values;
    stamp(record, true);
    return QSqlRelationalTableModel::insertRowIntoTable(record);
}

bool PlatformTableModel::deleteRowFromTable(int row)
{
    ++m_submitCursor;
    return QSqlRelationalTableModel::deleteRowFromTable(row);
}
