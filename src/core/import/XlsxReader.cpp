#include "XlsxReader.h"

#include <QFile>
#include <QHash>
#include <QXmlStreamReader>

#include <minizip/unzip.h>

#include <memory>

namespace XlsxReader {

namespace {
struct ZipCloser
{
    void operator()(void* zip) const { unzClose(zip); }
};
using Zip = std::unique_ptr<void, ZipCloser>;

bool readPart(const Zip& zip, const QString& name, QByteArray* out, QString* error, bool required = true)
{
    if (unzLocateFile(zip.get(), name.toUtf8().constData(), 1) != UNZ_OK) {
        if (required) {
            *error = QStringLiteral("This is not an Excel workbook (%1 is missing)").arg(name);
        }
        return false;
    }
    unz_file_info64 info{};
    if (unzGetCurrentFileInfo64(zip.get(), &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
        info.uncompressed_size > static_cast<ZPOS64_T>(maxPartBytes)) {
        *error = QStringLiteral("The workbook's %1 is larger than %2 MB").arg(name).arg(maxPartBytes / (1024 * 1024));
        return false;
    }
    if (unzOpenCurrentFile(zip.get()) != UNZ_OK) {
        *error = QStringLiteral("Cannot read %1 in the workbook").arg(name);
        return false;
    }
    out->clear();
    char buffer[64 * 1024];
    int read = 0;
    // The declared size is the sender's claim: the bytes actually inflated are capped too.
    while ((read = unzReadCurrentFile(zip.get(), buffer, sizeof(buffer))) > 0) {
        if (out->size() + read > maxPartBytes) {
            unzCloseCurrentFile(zip.get());
            *error =
                QStringLiteral("The workbook's %1 is larger than %2 MB").arg(name).arg(maxPartBytes / (1024 * 1024));
            return false;
        }
        out->append(buffer, read);
    }
    const bool crcOk = unzCloseCurrentFile(zip.get()) == UNZ_OK;
    if (read < 0 || !crcOk) {
        *error = QStringLiteral("The workbook is damaged (%1 cannot be unpacked)").arg(name);
        return false;
    }
    return true;
}

// The path of the first sheet in workbook order ("xl/worksheets/sheet1.xml").
QString firstSheet(const Zip& zip)
{
    QByteArray workbook;
    QByteArray rels;
    QString ignored;
    if (!readPart(zip, QStringLiteral("xl/workbook.xml"), &workbook, &ignored, false) ||
        !readPart(zip, QStringLiteral("xl/_rels/workbook.xml.rels"), &rels, &ignored, false)) {
        return QStringLiteral("xl/worksheets/sheet1.xml");
    }
    QString id;
    QXmlStreamReader wb(workbook);
    while (!wb.atEnd() && id.isEmpty()) {
        if (wb.readNext() == QXmlStreamReader::StartElement && wb.name() == QLatin1String("sheet")) {
            for (const QXmlStreamAttribute& a : wb.attributes()) {
                if (a.name() == QLatin1String("id")) {
                    id = a.value().toString();
                }
            }
        }
    }
    QXmlStreamReader rr(rels);
    while (!rr.atEnd()) {
        if (rr.readNext() == QXmlStreamReader::StartElement && rr.name() == QLatin1String("Relationship") &&
            rr.attributes().value(QLatin1String("Id")) == id) {
            QString target = rr.attributes().value(QLatin1String("Target")).toString();
            if (target.startsWith(QLatin1Char('/'))) {
                return target.mid(1);
            }
            return QStringLiteral("xl/") + target;
        }
    }
    return QStringLiteral("xl/worksheets/sheet1.xml");
}

QStringList sharedStrings(const QByteArray& xml)
{
    QStringList strings;
    QXmlStreamReader reader(xml);
    QString current;
    bool inItem = false;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            if (reader.name() == QLatin1String("si")) {
                inItem = true;
                current.clear();
            } else if (inItem && reader.name() == QLatin1String("t")) {
                current += reader.readElementText();
            } else if (inItem && reader.name() == QLatin1String("rPh")) {
                reader.skipCurrentElement(); // phonetic guides are not part of the text
            }
        } else if (token == QXmlStreamReader::EndElement && reader.name() == QLatin1String("si")) {
            strings << current;
            inItem = false;
        }
    }
    return strings;
}

// "BC12" -> 54 (zero-based column).
int columnOf(QStringView reference)
{
    int column = 0;
    for (const QChar c : reference) {
        if (c < QLatin1Char('A') || c > QLatin1Char('Z')) {
            break;
        }
        column = column * 26 + (c.unicode() - 'A' + 1);
        if (column > 16384) {
            return -1;
        }
    }
    return column - 1;
}

QString numberText(const QString& raw)
{
    bool ok = false;
    const double value = raw.toDouble(&ok);
    if (ok && value == static_cast<double>(static_cast<qint64>(value)) && std::abs(value) < 1e15) {
        return QString::number(static_cast<qint64>(value));
    }
    return raw;
}
} // namespace

bool read(const QString& path, ImportSheet* sheet, QString* error)
{
    *sheet = ImportSheet();
    const Zip zip(unzOpen64(QFile::encodeName(path).constData()));
    if (!zip) {
        *error = QStringLiteral("Cannot open %1 as an Excel workbook").arg(path);
        return false;
    }
    QByteArray shared;
    QStringList strings;
    if (readPart(zip, QStringLiteral("xl/sharedStrings.xml"), &shared, error, false)) {
        strings = sharedStrings(shared);
    } else if (!error->isEmpty()) {
        return false;
    }
    QByteArray xml;
    if (!readPart(zip, firstSheet(zip), &xml, error)) {
        return false;
    }
    QXmlStreamReader reader(xml);
    bool header = true;
    int rowNumber = 0;
    QStringList row;
    int column = -1;
    QString type;
    QString value;
    bool haveValue = false;
    auto endRow = [&] {
        bool blank = true;
        for (const QString& f : std::as_const(row)) {
            blank = blank && f.trimmed().isEmpty();
        }
        if (!blank) {
            if (header) {
                sheet->header = row;
                header = false;
            } else {
                sheet->records.append({rowNumber, row});
            }
        }
        row.clear();
    };
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement) {
            const auto name = reader.name();
            if (name == QLatin1String("row")) {
                const auto r = reader.attributes().value(QLatin1String("r"));
                rowNumber = r.isEmpty() ? rowNumber + 1 : r.toInt();
                row.clear();
            } else if (name == QLatin1String("c")) {
                const auto r = reader.attributes().value(QLatin1String("r"));
                column = r.isEmpty() ? int(row.size()) : columnOf(r);
                type = reader.attributes().value(QLatin1String("t")).toString();
                value.clear();
                haveValue = false;
            } else if (name == QLatin1String("v")) {
                value = reader.readElementText();
                haveValue = true;
            } else if (name == QLatin1String("t") && type == QLatin1String("inlineStr")) {
                value += reader.readElementText();
                haveValue = true;
            }
        } else if (token == QXmlStreamReader::EndElement) {
            const auto name = reader.name();
            if (name == QLatin1String("c") && column >= 0 && column < 16384 && haveValue) {
                QString text;
                if (type == QLatin1String("s")) {
                    bool ok = false;
                    const int index = value.toInt(&ok);
                    text = ok && index >= 0 && index < strings.size() ? strings.at(index) : QString();
                } else if (type == QLatin1String("inlineStr") || type == QLatin1String("str") ||
                           type == QLatin1String("e")) {
                    text = value;
                } else if (type == QLatin1String("b")) {
                    text = value == QLatin1String("1") ? QStringLiteral("TRUE") : QStringLiteral("FALSE");
                } else {
                    text = numberText(value);
                }
                while (row.size() <= column) {
                    row << QString();
                }
                row[column] = text;
            } else if (name == QLatin1String("row")) {
                endRow();
            }
        }
    }
    if (reader.hasError()) {
        *error =
            QStringLiteral("The workbook's sheet is damaged (row %1: %2)").arg(rowNumber).arg(reader.errorString());
        return false;
    }
    if (header) {
        *error = QStringLiteral("The first sheet is empty: it needs a header row naming the columns");
        return false;
    }
    return true;
}

} // namespace XlsxReader
