#pragma once

#include "ExportTime.h"
#include "ExportWriter.h"

#include <QSaveFile>

#include <memory>

// RFC 4180 CSV in UTF-8 (optionally with a BOM, which Excel needs to read UTF-8): CRLF line ends,
// fields quoted when they hold a comma, quote, CR or LF. Money as an exact decimal ("5999.00"),
// times in local time with the offset in the header. Through QSaveFile: a file that is not
// committed never appears.
class CsvExportWriter : public ExportWriter
{
public:
    explicit CsvExportWriter(const ExportOptions& options);
    bool begin(const QString& path, const QList<ExportColumn>& columns, QString* error) override;
    bool write(const QList<ExportRow>& rows, QString* error) override;
    bool writeCsv(const QByteArray& lines, QString* error) override;
    bool commit(QString* error) override;

    // One value as CSV text (unquoted), shared with tests and the fuzzed round trip.
    static QString text(const ExportValue& value, const ExportTime& time);
    static void appendField(QString* line, const QString& value);

private:
    bool flush(QString* error);

    ExportOptions m_options;
    ExportTime m_time;
    std::unique_ptr<QSaveFile> m_file;
    QString m_buffer;
};
