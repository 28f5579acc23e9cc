#include "RowWriter.h"

namespace {
RowWriter::Result finish(WriteSession& session, RowWriter::Result r, const RowWriter::AlsoWrite& also)
{
    if (!r.ok()) {
        return r;
    }
    QString error;
    if (also && !also(session.database(), r.key, &error)) {
        RowWriter::Result failed;
        failed.status = RowWriter::Status::Failed;
        failed.message = error;
        return failed;
    }
    if (!session.commit()) {
        RowWriter::Result failed;
        failed.status = RowWriter::Status::Failed;
        failed.message = QStringLiteral("Could not commit: ") + session.error();
        failed.connectionLost = !session.database().isOpen();
        return failed;
    }
    return r;
}
} // namespace

RowWriter::Result RowWriter::insert(const QSqlDatabase& db, const TableSpec& spec, const QHash<QString, QVariant>& in,
                                    const AlsoWrite& also)
{
    WriteSession session(db);
    return finish(session, session.insert(spec, in), also);
}

RowWriter::Result RowWriter::update(const QSqlDatabase& db, const TableSpec& spec, const RowSnapshot& loaded,
                                    const QHash<QString, QVariant>& in, bool overwrite, const AlsoWrite& also,
                                    const QString& reason)
{
    // A plain edit; a restore from History gives the reason its audit row carries.
    WriteContext context = WriteContext::plain();
    context.reason = reason;
    WriteSession session(db, context);
    return finish(session, session.update(spec, loaded.key(), in, &loaded, overwrite), also);
}
