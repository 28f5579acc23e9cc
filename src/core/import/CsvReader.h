#pragma once

#include "ImportSheet.h"

#include <QByteArray>
#include <QString>

// Reads CSV as RFC 4180 describes it and as spreadsheets write it: UTF-8 with or without a BOM,
// CRLF, LF or CR line ends, fields quoted with '"' (quotes doubled inside, line breaks allowed),
// the separator found from the header line (',' or ';' as Excel writes it in some locales, or tab).
// Blank lines are skipped. The first record is the header. Errors name the line: an unclosed
// quote, text after a closing quote, bytes that are not UTF-8.
namespace CsvReader {
// Caps that keep a hostile file from exhausting memory through the reader's own structures.
constexpr int maxFields = 512;
constexpr qsizetype maxBytes = qsizetype(512) * 1024 * 1024;

bool read(const QByteArray& bytes, ImportSheet* sheet, QString* error);
} // namespace CsvReader
