#pragma once

#include "DemoData.h"

#include <QDate>
#include <QSqlDatabase>
#include <QString>

// Writes a generated demo data set (and the demo catalog) into empty platform tables, in bulk.
// The caller owns the transaction.
namespace DemoWriter {
bool write(QSqlDatabase db, const DemoData::Set& set, QDate anchor, QString* error);
} // namespace DemoWriter
