#pragma once

#include "RowSnapshot.h"
#include "models/RowValidator.h"
#include "models/TableSpec.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <functional>

// Writes one row from a form in one transaction: validates with the same rules as the table
// model (plus the ones that need the database: email unique regardless of case, course id not
// taken), refuses to overwrite a row someone else changed since `loaded` unless told to, stamps
// updated_at (and created_at on insert), and turns constraint errors into field messages.
class RowWriter
{
public:
    enum class Status { Saved, Invalid, Conflict, Missing, Failed };
    struct Result
    {
        Status status = Status::Failed;
        QVariant key;
        QList<RowValidator::Violation> violations; // Invalid / Failed (column + message)
        QList<RowSnapshot::FieldChange> changes;   // Conflict: what the other writer changed
        QString message;                           // for the user
        bool ok() const { return status == Status::Saved; }
    };
    // Runs inside the same transaction after the row is written (the user's business info, a
    // course's features): false (with a message) rolls everything back.
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

    // Checks that need no transaction: required fields, RowValidator, and the database lookups.
    static QList<RowValidator::Violation> validate(const QSqlDatabase& db, const TableSpec& spec, const QVariant& key,
                                                   const QHash<QString, QVariant>& values,
                                                   const QSet<QString>& changed);
    // NOT NULL columns a form must fill (besides generated keys and timestamps).
    static QStringList requiredColumns(const QString& table);
};
