#pragma once

#include "ImportSheet.h"

#include <QString>

// Reads an import file by its kind: .xlsx through XlsxReader, anything else as CSV.
namespace ImportFile {
bool read(const QString& path, ImportSheet* sheet, QString* error);
}
