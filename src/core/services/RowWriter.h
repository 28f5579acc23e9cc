#pragma once

#include "RowSnapshot.h"
#include "WriteService.h"
#include "domain/RowValidator.h"
#include "domain/TableSpec.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <functional>

// Writes one row from a form through the write service (WriteSession): one transaction that
// locks the row, refuses to overwrite a row someone else changed since `loaded` unless told to,
// applies the table's rules, stamps updated_at (and created_at on insert), writes the audit row,
// and turns constraint errors into field messages. `also` writes what belongs with the row (the
// user's business info, a course's features) in the same transaction.
class RowWriter
{
public:
    using Status = WriteResult::Status;
    using Result = WriteResult;
    // Runs inside the same transaction after the row is written: false (with a message) rolls
    // everything back. Writes in it go through a WriteSession on `db`, which joins this one.
    using AlsoWrite = std::function<bool(const QSqlDatabase& db, const QVariant& key, QString* error)>;

    // `values`: raw values by column name (money as decimal text, enums as codes). Columns not in
    // the spec are ignored; Secret columns are written on insert only (the password hash).
    static Result insert(const QSqlDatabase& db, const TableSpec& spec, const QHash<QString, QVariant>& values,
                         const AlsoWrite& also = {});
    // Writes the columns in `values` whose value differs from `loaded` (unchanged fields are not
    // rewritten, so a concurrent change to another field survives an Overwrite of this one).
    // `reason` goes into the audit row of the change (a restore from History gives one).
    static Result update(const QSqlDatabase& db, const TableSpec& spec, const RowSnapshot& loaded,
                         const QHash<QString, QVariant>& values, bool overwrite, const AlsoWrite& also = {},
                         const QString& reason = QString());
};
