#pragma once

#include <QList>
#include <QString>
#include <QStringList>

class QIODevice;
struct Finding;

// RFC 4180 CSV: fields with a comma, quote, CR or LF are quoted and quotes doubled; lines end in
// CRLF. Values are written exactly as given (money as "5999.00"), never reformatted.
namespace Csv {
QString field(const QString& value);
QString line(const QStringList& fields);
QString table(const QStringList& header, const QList<QStringList>& rows);
QString findings(const QList<Finding>& findings);
// Writes UTF-8; false if the file cannot be written.
bool writeFile(const QString& path, const QString& text, QString* error = nullptr);
} // namespace Csv
