#pragma once

#include "TestEngines.h"

#include <QByteArray>
#include <QString>
#include <QTemporaryDir>

// The workflow fixture (tests/workflows) plus rows that exercise exports: a course whose name
// needs CSV quoting, a USD order, and more PAID orders than one small keyset page.
namespace DataioFixture {
bool seed(TestDatabase& db);
// A part of a ZIP container (an .xlsx), for checking what a spreadsheet program would read.
QByteArray zipPart(const QString& path, const QString& part);
// Writes `content` to `name` in `dir` (a file to import); returns its path.
QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& content);
} // namespace DataioFixture
