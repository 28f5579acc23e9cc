#include "ImportFile.h"

#include "CsvReader.h"
#include "XlsxReader.h"

#include <QFile>

namespace ImportFile {
bool read(const QString& path, ImportSheet* sheet, QString* error)
{
    if (path.endsWith(QStringLiteral(".xlsx"), Qt::CaseInsensitive)) {
        return XlsxReader::read(path, sheet, error);
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("Cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    if (file.size() > CsvReader::maxBytes) {
        *error = QStringLiteral("%1 is larger than %2 MB").arg(path).arg(CsvReader::maxBytes / (1024 * 1024));
        return false;
    }
    return CsvReader::read(file.readAll(), sheet, error);
}
} // namespace ImportFile
