#pragma once

#include "ImportSheet.h"

#include <QString>

// Reads the first worksheet of an .xlsx file as text cells: shared and inline strings as written,
// whole numbers without a decimal point or exponent (a phone number typed into a number cell reads
// "9876543210"), other numbers as stored. The first non-empty row is the header.
//
// Debian has no maintained C/C++ XLSX reader (libxlsxwriter only writes), so this reads the
// package itself: zlib's minizip (Debian libminizip-dev, the ZIP library libxlsxwriter itself uses)
// opens the ZIP container and QXmlStreamReader reads the sheet's XML. Qt's own QZipReader is
// private API. QuaZip is not an option in the same process: it exports its own copy of minizip's
// functions under the same names, which then replace libxlsxwriter's and crash it.
namespace XlsxReader {
// A decompressed part larger than this is refused (a "zip bomb" would otherwise fill memory).
constexpr qint64 maxPartBytes = qint64(256) * 1024 * 1024;

bool read(const QString& path, ImportSheet* sheet, QString* error);
} // namespace XlsxReader
