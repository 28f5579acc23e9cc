#pragma once

#include "db/SqlTime.h"
#include "domain/TableSpec.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

// The values of one row as a form loaded them, to tell later whether someone else changed the
// row meanwhile. Compares every column the form could show (not just updated_at: a writer that
// does not stamp updated_at, or two writes in the same millisecond, would slip past that), in
// normal form: money as exact decimal text, timestamps as UTC instants. The password hash and
// updated_at itself are left out: neither is something the form shows or writes.
class RowSnapshot
{
public:
    struct FieldChange
    {
        QString column;
        QString header;
        QString loaded;  // what the form loaded
        QString current; // what the database holds now ("" for NULL)
    };

    RowSnapshot() = default;
    // Reads the row now. `exists()` is false when it is gone. On PostgreSQL `lock` adds FOR UPDATE
    // (inside a transaction: nobody changes it between this read and the caller's write).
    static RowSnapshot load(const QSqlDatabase& db, const TableSpec& spec, const QVariant& key, bool lock = false,
                            QString* error = nullptr);
    // From values already in memory (a model row): raw values by column name; relation columns
    // must hold the key, not the display text.
    static RowSnapshot fromValues(const TableSpec& spec, const QVariant& key, const QHash<QString, QVariant>& values,
                                  const SqlTime& time);

    bool exists() const { return m_exists; }
    QVariant key() const { return m_key; }
    QString table() const { return m_table; }
    bool has(const QString& column) const { return m_values.contains(column); }
    QString value(const QString& column) const { return m_values.value(column); }
    // Every compared column in normal form (for rules that look at the whole row).
    QHash<QString, QVariant> values() const;

    // Columns whose value differs between this snapshot and `current` (only columns both hold).
    QList<FieldChange> changesTo(const RowSnapshot& current) const;
    // "Email: asha@x.in → asha.rao@x.in" lines for the user.
    static QString describe(const QList<FieldChange>& changes);
    // The normal form of one raw value of `column`.
    static QString normalize(const ColumnSpec& column, const QVariant& value, const SqlTime& time);
    // The columns a snapshot compares.
    static bool compares(const ColumnSpec& column);

private:
    QString m_table;
    QVariant m_key;
    bool m_exists = false;
    QHash<QString, QString> m_values;
    QHash<QString, QString> m_headers;
};
