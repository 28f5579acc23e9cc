#include "CsvReader.h"

#include <QStringDecoder>

namespace CsvReader {

namespace {
QChar detectSeparator(const QString& text)
{
    int comma = 0;
    int semicolon = 0;
    int tab = 0;
    bool quoted = false;
    for (const QChar c : text) {
        if (c == QLatin1Char('"')) {
            quoted = !quoted;
        } else if (!quoted && (c == QLatin1Char('\n') || c == QLatin1Char('\r'))) {
            break;
        } else if (!quoted && c == QLatin1Char(',')) {
            ++comma;
        } else if (!quoted && c == QLatin1Char(';')) {
            ++semicolon;
        } else if (!quoted && c == QLatin1Char('\t')) {
            ++tab;
        }
    }
    if (tab > comma && tab > semicolon) {
        return QLatin1Char('\t');
    }
    return semicolon > comma ? QLatin1Char(';') : QLatin1Char(',');
}

bool blank(const QStringList& fields)
{
    for (const QString& f : fields) {
        if (!f.trimmed().isEmpty()) {
            return false;
        }
    }
    return true;
}
} // namespace

bool read(const QByteArray& bytes, ImportSheet* sheet, QString* error)
{
    *sheet = ImportSheet();
    if (bytes.size() > maxBytes) {
        *error = QStringLiteral("The file is larger than %1 MB").arg(maxBytes / (1024 * 1024));
        return false;
    }
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder.decode(bytes);
    if (decoder.hasError()) {
        // Name the line of the first bad byte so the user can find it.
        int line = 1;
        QStringDecoder probe(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        for (qsizetype start = 0; start < bytes.size();) {
            qsizetype end = bytes.indexOf('\n', start);
            if (end < 0) {
                end = bytes.size();
            }
            (void)probe.decode(QByteArrayView(bytes).sliced(start, end - start));
            if (probe.hasError()) {
                break;
            }
            ++line;
            start = end + 1;
        }
        *error = QStringLiteral("line %1: the file is not UTF-8 text (save it as \"CSV UTF-8\")").arg(line);
        return false;
    }
    qsizetype i = 0;
    if (text.startsWith(QChar(0xFEFF))) {
        i = 1;
    }
    const QChar separator = detectSeparator(text.mid(i, 64 * 1024));
    const qsizetype n = text.size();
    int line = 1;       // the physical line being read
    int recordLine = 1; // where the current record started
    QStringList fields;
    QString field;
    bool header = true;
    auto endRecord = [&]() -> bool {
        fields << field;
        field.clear();
        if (!blank(fields)) {
            if (header) {
                sheet->header = fields;
                header = false;
            } else {
                sheet->records.append({recordLine, fields});
            }
        }
        fields.clear();
        return true;
    };
    bool atRecordStart = true;
    while (i < n) {
        if (atRecordStart) {
            recordLine = line;
            atRecordStart = false;
        }
        const QChar c = text.at(i);
        if (c == QLatin1Char('"') && field.isEmpty()) {
            // A quoted field: up to the closing quote; "" is a quote.
            const int opened = line;
            ++i;
            bool closed = false;
            while (i < n) {
                const QChar q = text.at(i);
                if (q == QLatin1Char('"')) {
                    if (i + 1 < n && text.at(i + 1) == QLatin1Char('"')) {
                        field.append(q);
                        i += 2;
                        continue;
                    }
                    ++i;
                    closed = true;
                    break;
                }
                if (q == QLatin1Char('\n') ||
                    (q == QLatin1Char('\r') && !(i + 1 < n && text.at(i + 1) == QLatin1Char('\n')))) {
                    ++line;
                }
                field.append(q);
                ++i;
            }
            if (!closed) {
                *error = QStringLiteral("line %1: a quoted field is never closed").arg(opened);
                return false;
            }
            if (i < n && text.at(i) != separator && text.at(i) != QLatin1Char('\r') &&
                text.at(i) != QLatin1Char('\n')) {
                *error = QStringLiteral("line %1: unexpected text after a closing quote (a quote inside a field must "
                                        "be doubled)")
                             .arg(line);
                return false;
            }
            continue;
        }
        if (c == separator) {
            fields << field;
            field.clear();
            if (fields.size() >= maxFields) {
                *error = QStringLiteral("line %1: more than %2 fields").arg(recordLine).arg(maxFields);
                return false;
            }
            ++i;
            continue;
        }
        if (c == QLatin1Char('\r') || c == QLatin1Char('\n')) {
            if (c == QLatin1Char('\r') && i + 1 < n && text.at(i + 1) == QLatin1Char('\n')) {
                ++i;
            }
            ++i;
            endRecord();
            ++line;
            atRecordStart = true;
            continue;
        }
        if (c == QLatin1Char('"')) {
            *error =
                QStringLiteral("line %1: a quote in the middle of an unquoted field (quote the whole field)").arg(line);
            return false;
        }
        field.append(c);
        ++i;
    }
    if (!atRecordStart) {
        endRecord();
    }
    if (header) {
        *error = QStringLiteral("The file is empty: it needs a header line naming the columns");
        return false;
    }
    return true;
}

} // namespace CsvReader
