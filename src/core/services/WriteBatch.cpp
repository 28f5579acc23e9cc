// WriteBatch and WriteService::apply: several changes in one write session (one transaction),
// stopping at the first that fails; the single-row helpers are batches of one.
#include "WriteService.h"

void WriteBatch::insert(const QString& table, const QHash<QString, QVariant>& values)
{
    WriteChange c;
    c.op = WriteChange::Op::Insert;
    c.table = table;
    c.values = values;
    m_changes << c;
}

void WriteBatch::update(const QString& table, const QVariant& key, const QHash<QString, QVariant>& values,
                        const std::optional<RowSnapshot>& loaded, bool overwrite)
{
    WriteChange c;
    c.op = WriteChange::Op::Update;
    c.table = table;
    c.key = key;
    c.values = values;
    c.loaded = loaded;
    c.overwrite = overwrite;
    m_changes << c;
}

void WriteBatch::remove(const QString& table, const QVariant& key, const std::optional<RowSnapshot>& loaded)
{
    WriteChange c;
    c.op = WriteChange::Op::Delete;
    c.table = table;
    c.key = key;
    c.loaded = loaded;
    m_changes << c;
}

namespace WriteService {

WriteResult apply(const QSqlDatabase& db, const WriteBatch& batch, const WriteContext& context)
{
    WriteSession session(db, context);
    QVariantList keys;
    for (int i = 0; i < batch.changes().size(); ++i) {
        const WriteChange& change = batch.changes().at(i);
        const TableSpec* spec = TableSpec::forTable(change.table);
        WriteResult r;
        if (!spec) {
            r.message = QStringLiteral("Coursedesk does not write table %1").arg(change.table);
        } else if (change.op == WriteChange::Op::Insert) {
            r = session.insert(*spec, change.values);
        } else if (change.op == WriteChange::Op::Update) {
            r = session.update(*spec, change.key, change.values, change.loaded ? &*change.loaded : nullptr,
                               change.overwrite);
        } else {
            r = session.remove(*spec, change.key, change.loaded ? &*change.loaded : nullptr);
        }
        if (!r.ok()) {
            r.index = i;
            r.keys = keys;
            return r;
        }
        keys << r.key;
    }
    WriteResult r;
    if (!session.commit()) {
        r.message = QStringLiteral("Could not commit: ") + session.error();
        r.connectionLost = !db.isOpen();
        return r;
    }
    return WriteResult::saved(keys);
}

WriteResult insert(const QSqlDatabase& db, const TableSpec& spec, const QHash<QString, QVariant>& values)
{
    WriteBatch batch;
    batch.insert(spec.table, values);
    return apply(db, batch);
}

WriteResult update(const QSqlDatabase& db, const TableSpec& spec, const RowSnapshot& loaded,
                   const QHash<QString, QVariant>& values, bool overwrite)
{
    WriteBatch batch;
    batch.update(spec.table, loaded.key(), values, loaded, overwrite);
    return apply(db, batch);
}

WriteResult remove(const QSqlDatabase& db, const TableSpec& spec, const QVariant& key,
                   const std::optional<RowSnapshot>& loaded)
{
    WriteBatch batch;
    batch.remove(spec.table, key, loaded);
    return apply(db, batch);
}

} // namespace WriteService
