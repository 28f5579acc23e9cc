#pragma once

#include <QSqlDatabase>
#include <QString>
#include <QVariant>

// Explains why a row cannot be deleted: the platform's foreign keys are ON DELETE RESTRICT from
// orders, payments and enrollments, because that history belongs to the platform's records.
// Asked before a delete is marked, and again to word a refused delete.
class DeleteGuard
{
public:
    // "This user has 3 orders and 1 enrollment. They are part of the platform's records, so the
    // user cannot be deleted." Empty when nothing blocks the delete (or the table has no such
    // references). Counts are read with bound queries.
    static QString blockers(const QSqlDatabase& db, const QString& table, const QVariant& key);
};
