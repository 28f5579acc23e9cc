#include "ExportJob.h"

#include "CsvExportWriter.h"
#include "XlsxExportWriter.h"

#include <QElapsedTimer>
#include <QLocale>

ExportOptions::Format ExportOptions::formatForPath(const QString& path)
{
    return path.endsWith(QStringLiteral(".xlsx"), Qt::CaseInsensitive) ? Format::Xlsx : Format::Csv;
}

std::unique_ptr<ExportWriter> ExportWriter::create(const ExportOptions& options)
{
    if (options.format == ExportOptions::Format::Xlsx) {
        return std::make_unique<XlsxExportWriter>(options, options.title);
    }
    return std::make_unique<CsvExportWriter>(options);
}

namespace ExportJob {

Result run(ExportSource& source, const ExportOptions& options, const QString& path, const std::atomic_bool* cancel,
           const Progress& progress)
{
    Result result;
    QElapsedTimer timer;
    timer.start();
    auto fail = [&](const QString& message) {
        result.status = Result::Status::Failed;
        result.message = message;
        result.elapsedMs = timer.elapsed();
        return result;
    };
    QString error;
    if (!source.open(&error)) {
        return fail(error);
    }
    // Destroyed without commit() on every early return: the temporary file goes with it.
    std::unique_ptr<ExportWriter> writer = ExportWriter::create(options);
    if (!writer->begin(path, source.columns(), &error)) {
        return fail(error);
    }
    const bool copied = options.format == ExportOptions::Format::Csv && source.copiesCsv(options);
    QList<ExportRow> batch;
    QByteArray lines;
    for (;;) {
        if (cancel && cancel->load()) {
            result.status = Result::Status::Cancelled;
            result.message = QStringLiteral("Export cancelled; no file was written");
            result.elapsedMs = timer.elapsed();
            return result;
        }
        qint64 rows = 0;
        if (copied) {
            if (!source.nextCsv(&lines, &rows, &error)) {
                return fail(QStringLiteral("Reading rows failed after %1 rows: %2").arg(result.rows).arg(error));
            }
            if (lines.isEmpty()) {
                break;
            }
            if (!writer->writeCsv(lines, &error)) {
                return fail(error);
            }
        } else {
            if (!source.next(&batch, &error)) {
                return fail(QStringLiteral("Reading rows failed after %1 rows: %2").arg(result.rows).arg(error));
            }
            if (batch.isEmpty()) {
                break;
            }
            if (!writer->write(batch, &error)) {
                return fail(error);
            }
            rows = batch.size();
        }
        result.rows += rows;
        if (progress) {
            progress({result.rows, timer.elapsed()});
        }
    }
    if (cancel && cancel->load()) {
        result.status = Result::Status::Cancelled;
        result.message = QStringLiteral("Export cancelled; no file was written");
        return result;
    }
    if (!writer->commit(&error)) {
        return fail(error);
    }
    result.status = Result::Status::Written;
    result.elapsedMs = timer.elapsed();
    result.message = QStringLiteral("%1 rows written to %2").arg(QLocale().toString(result.rows), path);
    return result;
}

} // namespace ExportJob
