#pragma once

#include "ImportFields.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

// One problem with one line of an import file: "line 17, phone: Phone "12345" is not a 10-digit
// Indian mobile number starting with 6-9".
struct ImportIssue
{
    int line = 0;
    QString field; // empty: the line as a whole
    QString message;
    QString text() const;
    bool operator==(const ImportIssue&) const = default;
};

// The checks one line needs on its own (no database): required fields, the platform's formats
// (RowValidator's rules, the same as the forms), the columns' lengths, known roles. Duplicates and
// lookups need the whole file and the database: ImportPlanner does those.
namespace ImportLineValidator {
struct Line
{
    QHash<QString, QVariant> values; // field -> trimmed text (role as its code)
    QList<ImportIssue> issues;
};
Line validate(ImportKind kind, const ImportFields::Mapping& mapping, const ImportRecord& record);
} // namespace ImportLineValidator
