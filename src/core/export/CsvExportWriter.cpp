#include "CsvExportWriter.h"

#include "CellText.h"

namespace {
constexpr qsizetype flushChars = 1 << 20;
}

CsvExportWriter::CsvExportWriter(const ExportOptions& options) : m_options(options), m_time(options.zone) {}

void CsvExportWriter::appendField(QString* line, const QString& value)
{
    bool quote = false;
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if (u == u',' || u == u'"' || u == u'\r' || u == u'\n') {
            quote = true;
            break;
        }
    }
    if (!quote) {
        line->append(value);
        return;
    }
    line->append(QLatin1Char('"'));
    for (const QChar c : value) {
        if (c == QLatin1Char('"')) {
            line->append(QLatin1Char('"'));
        }
        line->append(c);
    }
    line->append(QLatin1Char('"'));
}

QString CsvExportWriter::text(const ExportValue& value, const ExportTime& time)
{
    switch (value.kind) {
    case ExportValue::Kind::Null:
        return QString();
    case ExportValue::Kind::Text:
        return value.text;
    case ExportValue::Kind::Integer:
        return QString::number(value.number);
    case ExportValue::Kind::Money:
        return CellText::exactDecimal(value.number);
    case ExportValue::Kind::Time:
        return time.text(value.time);
    }
    return QString();
}

bool CsvExportWriter::begin(const QString& path, const QList<ExportColumn>& columns, QString* error)
{
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, m_file->errorString());
        return false;
    }
    if (m_options.byteOrderMark) {
        m_buffer.append(QChar(0xFEFF));
    }
    for (int i = 0; i < columns.size(); ++i) {
        if (i > 0) {
            m_buffer.append(QLatin1Char(','));
        }
        const ExportColumn& c = columns.at(i);
        appendField(&m_buffer, c.type == ExportColumn::Type::Time ? m_time.header(c.header) : c.header);
    }
    m_buffer.append(QLatin1String("\r\n"));
    return true;
}

bool CsvExportWriter::write(const QList<ExportRow>& rows, QString* error)
{
    for (const ExportRow& row : rows) {
        for (int i = 0; i < row.size(); ++i) {
            if (i > 0) {
                m_buffer.append(QLatin1Char(','));
            }
            const ExportValue& v = row.at(i);
            if (v.kind == ExportValue::Kind::Text) {
                appendField(&m_buffer, v.text);
            } else {
                m_buffer.append(text(v, m_time)); // numbers, decimals and times never need quotes
            }
        }
        m_buffer.append(QLatin1String("\r\n"));
        if (m_buffer.size() >= flushChars && !flush(error)) {
            return false;
        }
    }
    return true;
}

bool CsvExportWriter::writeCsv(const QByteArray& lines, QString* error)
{
    if (!m_buffer.isEmpty() && !flush(error)) {
        return false;
    }
    if (m_file->write(lines) != lines.size()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString());
        return false;
    }
    return true;
}

bool CsvExportWriter::flush(QString* error)
{
    const QByteArray bytes = m_buffer.toUtf8();
    m_buffer.clear();
    if (m_file->write(bytes) != bytes.size()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString());
        return false;
    }
    return true;
}

bool CsvExportWriter::commit(QString* error)
{
    if (!flush(error)) {
        return false;
    }
    if (!m_file->commit()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(m_file->fileName(), m_file->errorString());
        return false;
    }
    return true;
}
