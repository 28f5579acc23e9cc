#pragma once

#include "ExportTypes.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <memory>

// Writes an export file. Nothing is visible at `path` until commit() succeeds: the rows go to a
// temporary file in the same folder that commit() renames over `path`, and a writer destroyed
// without commit() (cancelled, failed) removes it.
class ExportWriter
{
public:
    virtual ~ExportWriter() = default;
    virtual bool begin(const QString& path, const QList<ExportColumn>& columns, QString* error) = 0;
    virtual bool write(const QList<ExportRow>& rows, QString* error) = 0;
    // CSV lines made elsewhere (ExportSource::nextCsv), written as they are.
    virtual bool writeCsv(const QByteArray& lines, QString* error)
    {
        Q_UNUSED(lines);
        *error = QStringLiteral("This format does not take CSV lines");
        return false;
    }
    virtual bool commit(QString* error) = 0;

    static std::unique_ptr<ExportWriter> create(const ExportOptions& options);
};
