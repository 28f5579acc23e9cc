#pragma once

#include "AuditEntry.h"
#include "services/RowSnapshot.h"
#include "services/RowWriter.h"

#include <QSqlDatabase>
#include <QString>

// "Restore this value": puts back the value a column had before a logged change, as a new change
// through the write path (RowWriter::update: validation, table rules, conflict check, audit row
// with the reason "Restored value of <column> from change #<id>").
//
// Two steps so the user confirms with the facts in front of them: check() reads the row now and
// says whether the column still holds what the change left there (if not, someone changed it
// since: the user is told what it holds now); restore() then writes against that very reading,
// so a change made between the question and the answer ends as a conflict, not an overwrite.
namespace HistoryRestore {

struct Check
{
    bool possible = false;
    QString message;           // why not (possible == false), for the user
    bool changedSince = false; // the column no longer holds the change's "after" value
    QString current;           // the column's value now, normal form ("" for NULL)
    RowSnapshot loaded;        // the row as read now: restore() writes against it
};

// Whether `change` can be restored at all: a logged value of a plain edit ("update") of a column
// a form edits (what a workflow changed is reversed by a workflow).
bool restorable(const AuditEntry& entry, const AuditChange& change);
Check check(const QSqlDatabase& db, const AuditEntry& entry, const AuditChange& change);
QString reason(const AuditEntry& entry, const AuditChange& change);
RowWriter::Result restore(const QSqlDatabase& db, const AuditEntry& entry, const AuditChange& change,
                          const Check& checked);

} // namespace HistoryRestore
