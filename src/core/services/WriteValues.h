#pragma once

#include "WriteService.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>
#include <QVariantList>

class SqlTime;

// How WriteSession turns the values it is given into what it binds and what it audits; shared by
// the one-row writes (WriteService.cpp) and the many-row insert (WriteInsertMany.cpp).
namespace WriteValues {

bool blank(const QVariant& v);
// The value as it is bound: NULL for blank, stored-zone text for a timestamp, trimmed text else.
QVariant bindable(const ColumnSpec& c, const QVariant& v, const SqlTime& time);
// The normal form (RowSnapshot) of a value about to be written.
QString normal(const ColumnSpec& c, const QVariant& v, const SqlTime& time);
QVariant jsonValue(const QString& normalForm, bool isNull);
WriteResult result(WriteResult::Status status, const QString& message, const QString& column = QString());
WriteResult invalid(QList<RowValidator::Violation> violations);

// A new row's columns (sorted by name, without created_at / updated_at), their bound values and
// the audit entry of each (before null; the password only as "password changed").
struct InsertRow
{
    QStringList columns;
    QVariantList binds;
    QList<AuditLog::ColumnChange> changes;
};
InsertRow insertRow(const TableSpec& spec, const QHash<QString, QVariant>& values, const SqlTime& time);

} // namespace WriteValues
