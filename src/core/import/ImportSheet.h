#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// A file read for import: its header row and the records under it, each with the line (CSV) or
// row (XLSX) it came from, so that every message can name it.
struct ImportRecord
{
    int line = 0;
    QStringList fields;
};

struct ImportSheet
{
    QStringList header;
    QList<ImportRecord> records;
};
