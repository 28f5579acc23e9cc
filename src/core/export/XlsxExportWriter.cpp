#include "XlsxExportWriter.h"

#include "money/Money.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>

#include <xlsxwriter.h>

#include <cstdio>

namespace {
// Days from Excel's epoch (1899-12-30, the 1900 date system) to 1970-01-01.
constexpr double excelUnixEpoch = 25569.0;

double excelSerial(std::int64_t wallMsecs)
{
    return excelUnixEpoch + static_cast<double>(wallMsecs) / 86400000.0;
}

double excelSerial(const QDateTime& local)
{
    // The wall clock as if it were UTC: a spreadsheet date has no zone, it is the local time.
    const QDateTime wall(local.date(), local.time(), Qt::UTC);
    return excelSerial(wall.toMSecsSinceEpoch());
}

double columnWidth(const ExportColumn& c)
{
    switch (c.type) {
    case ExportColumn::Type::Time:
        return 20;
    case ExportColumn::Type::Money:
        return 14;
    case ExportColumn::Type::Integer:
        return 10;
    case ExportColumn::Type::Text:
        break;
    }
    return std::clamp(static_cast<double>(c.header.size()) + 4, 12.0, 40.0);
}
} // namespace

XlsxExportWriter::XlsxExportWriter(const ExportOptions& options, QString sheetTitle)
    : m_options(options), m_time(options.zone), m_title(std::move(sheetTitle))
{
}

XlsxExportWriter::~XlsxExportWriter()
{
    discard();
}

void XlsxExportWriter::discard()
{
    if (m_workbook) {
        // libxlsxwriter has no "abandon": closing writes the file, which is then removed.
        workbook_close(m_workbook);
        m_workbook = nullptr;
    }
    if (!m_temporary.isEmpty()) {
        QFile::remove(m_temporary);
        m_temporary.clear();
    }
}

QString XlsxExportWriter::numberFormat(const QString& currency)
{
    const QString symbol = Money::currencySymbol(currency);
    if (symbol == u"₹" || symbol == u"$" || symbol == u"€" || symbol == u"£") {
        return QStringLiteral("\"%1\"#,##0.00").arg(symbol);
    }
    return QStringLiteral("#,##0.00 \"%1\"").arg(currency);
}

lxw_format* XlsxExportWriter::moneyFormat(const QString& currency)
{
    auto it = m_money.constFind(currency);
    if (it != m_money.constEnd()) {
        return *it;
    }
    lxw_format* format = workbook_add_format(m_workbook);
    format_set_num_format(format, numberFormat(currency).toUtf8().constData());
    m_money.insert(currency, format);
    return format;
}

lxw_format* XlsxExportWriter::moneyFormat(const char* currency)
{
    if (m_lastMoney && m_lastCurrency == currency) {
        return m_lastMoney;
    }
    m_lastCurrency = currency;
    m_lastMoney = moneyFormat(QString::fromUtf8(currency));
    return m_lastMoney;
}

bool XlsxExportWriter::begin(const QString& path, const QList<ExportColumn>& columns, QString* error)
{
    m_path = path;
    m_columns = columns;
    const QFileInfo target(path);
    // A name in the target's folder, so that the final rename stays on one file system.
    QTemporaryFile reserve(target.absoluteDir().filePath(QStringLiteral(".%1.XXXXXX.part").arg(target.fileName())));
    reserve.setAutoRemove(false);
    if (!target.absoluteDir().exists() || !reserve.open()) {
        *error = QStringLiteral("Cannot write %1: %2").arg(path, reserve.errorString());
        return false;
    }
    m_temporary = reserve.fileName();
    reserve.close();
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;
    options.use_zip64 = LXW_TRUE;
    const QByteArray name = QFile::encodeName(m_temporary);
    m_workbook = workbook_new_opt(name.constData(), &options);
    if (!m_workbook) {
        *error = QStringLiteral("Cannot write %1").arg(path);
        discard();
        return false;
    }
    m_header = workbook_add_format(m_workbook);
    format_set_bold(m_header);
    m_date = workbook_add_format(m_workbook);
    format_set_num_format(m_date, "yyyy-mm-dd hh:mm:ss");
    return addSheet(error);
}

bool XlsxExportWriter::addSheet(QString* error)
{
    ++m_sheets;
    QString name = m_title.left(24);
    if (m_sheets > 1) {
        name += QStringLiteral(" (%1)").arg(m_sheets);
    }
    m_sheet = workbook_add_worksheet(m_workbook, name.toUtf8().constData());
    if (!m_sheet) {
        *error = QStringLiteral("Cannot add sheet %1").arg(name);
        return false;
    }
    for (int c = 0; c < m_columns.size(); ++c) {
        const ExportColumn& column = m_columns.at(c);
        worksheet_set_column(m_sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), columnWidth(column),
                             nullptr);
        const QString header = column.type == ExportColumn::Type::Time ? m_time.header(column.header) : column.header;
        worksheet_write_string(m_sheet, 0, static_cast<lxw_col_t>(c), header.toUtf8().constData(), m_header);
    }
    worksheet_freeze_panes(m_sheet, 1, 0);
    m_row = 1;
    return true;
}

bool XlsxExportWriter::write(const QList<ExportRow>& rows, QString* error)
{
    for (const ExportRow& row : rows) {
        if (m_row >= m_rowsPerSheet && !addSheet(error)) {
            return false;
        }
        const auto r = static_cast<lxw_row_t>(m_row);
        for (int c = 0; c < row.size(); ++c) {
            const ExportValue& v = row.at(c);
            const auto col = static_cast<lxw_col_t>(c);
            lxw_error result = LXW_NO_ERROR;
            switch (v.kind) {
            case ExportValue::Kind::Null:
                break;
            case ExportValue::Kind::Text:
                if (!v.text.isEmpty()) {
                    result = worksheet_write_string(m_sheet, r, col, v.text.toUtf8().constData(), nullptr);
                }
                break;
            case ExportValue::Kind::Integer:
                result = worksheet_write_number(m_sheet, r, col, static_cast<double>(v.number), nullptr);
                break;
            case ExportValue::Kind::Money:
                // The file format stores every number as an IEEE double: this is the one place an
                // amount leaves exact minor units. minor / 100.0 is the double nearest to the exact
                // decimal (an exact integer divided once, correctly rounded), which Excel shows with
                // two decimals as that same decimal for every DECIMAL(10,2) value.
                result = worksheet_write_number(m_sheet, r, col, static_cast<double>(v.number) / 100.0,
                                                moneyFormat(v.currency));
                break;
            case ExportValue::Kind::Time: {
                const QDateTime local = m_time.local(v.time);
                if (local.isValid()) {
                    result = worksheet_write_number(m_sheet, r, col, excelSerial(local), m_date);
                }
                break;
            }
            }
            if (result != LXW_NO_ERROR) {
                return failed(result, error);
            }
        }
        ++m_row;
    }
    return true;
}

bool XlsxExportWriter::failed(int result, QString* error) const
{
    *error = QStringLiteral("Cannot write row %1: %2")
                 .arg(m_row)
                 .arg(QString::fromUtf8(lxw_strerror(static_cast<lxw_error>(result))));
    return false;
}

// The cells of write(), value for value: text as UTF-8 already, times as the wall clock already.
bool XlsxExportWriter::writeCells(const ExportCells& batch, QString* error)
{
    const ExportCells::Cell* cell = batch.cells.constData();
    for (qint64 i = 0; i < batch.rows; ++i) {
        if (m_row >= m_rowsPerSheet && !addSheet(error)) {
            return false;
        }
        const auto r = static_cast<lxw_row_t>(m_row);
        for (int c = 0; c < batch.columns; ++c, ++cell) {
            const auto col = static_cast<lxw_col_t>(c);
            lxw_error result = LXW_NO_ERROR;
            switch (cell->kind) {
            case ExportValue::Kind::Null:
                break;
            case ExportValue::Kind::Text:
                if (*batch.textOf(*cell) != '\0') {
                    result = worksheet_write_string(m_sheet, r, col, batch.textOf(*cell), nullptr);
                }
                break;
            case ExportValue::Kind::Integer:
                result = worksheet_write_number(m_sheet, r, col, static_cast<double>(cell->number), nullptr);
                break;
            case ExportValue::Kind::Money:
                // As in write(): exact minor units (parsed from the exact decimal text), divided once.
                result = worksheet_write_number(m_sheet, r, col, static_cast<double>(cell->number) / 100.0,
                                                moneyFormat(batch.textOf(*cell)));
                break;
            case ExportValue::Kind::Time:
                result = worksheet_write_number(m_sheet, r, col, excelSerial(cell->number), m_date);
                break;
            }
            if (result != LXW_NO_ERROR) {
                return failed(result, error);
            }
        }
        ++m_row;
    }
    return true;
}

bool XlsxExportWriter::commit(QString* error)
{
    const lxw_error result = workbook_close(m_workbook);
    m_workbook = nullptr;
    if (result != LXW_NO_ERROR) {
        *error = QStringLiteral("Cannot write %1: %2").arg(m_path, QString::fromUtf8(lxw_strerror(result)));
        discard();
        return false;
    }
    // QTemporaryFile made the file private (0600); the export is an ordinary document (0644, as
    // QSaveFile leaves a CSV).
    QFile::setPermissions(m_temporary, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup |
                                           QFileDevice::ReadOther);
    // rename() replaces an existing target atomically on POSIX; elsewhere remove it first.
    if (std::rename(QFile::encodeName(m_temporary).constData(), QFile::encodeName(m_path).constData()) != 0) {
        QFile::remove(m_path);
        if (!QFile::rename(m_temporary, m_path)) {
            *error = QStringLiteral("Cannot write %1").arg(m_path);
            discard();
            return false;
        }
    }
    m_temporary.clear();
    return true;
}
