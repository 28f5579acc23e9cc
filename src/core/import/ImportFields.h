#pragma once

#include "ImportSheet.h"

#include <QHash>
#include <QString>
#include <QStringList>

// What an import can fill, and which column of the file fills each field. Columns are matched to
// fields by header when the file is opened ("First name", "first_name", "FirstName" and "Given
// name" all fill first_name); the preview lets the user change the match.
enum class ImportKind { Users, Enrollments };

namespace ImportFields {
// The fields of `kind` in the order the preview lists them ("first_name", ..., "password").
QStringList fields(ImportKind kind);
QStringList requiredFields(ImportKind kind);
// "First name" for "first_name".
QString label(const QString& field);
// field -> column index in the file; fields no column matches are absent.
using Mapping = QHash<QString, int>;
Mapping match(ImportKind kind, const QStringList& header);
// "users" / "enrollments" <-> kind.
QString name(ImportKind kind);
bool parseKind(const QString& text, ImportKind* kind);
} // namespace ImportFields
