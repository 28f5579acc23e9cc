#pragma once

#include "ExportTime.h"
#include "ExportWriter.h"

#include <QHash>
#include <QString>

struct lxw_workbook;
struct lxw_worksheet;
struct lxw_format;

// XLSX through libxlsxwriter, in its constant-memory mode (each row goes to a temporary file as it
// is finished, so memory stays flat for millions of rows). Money as numeric cells in the row's
// currency format (₹#,##0.00, $#,##0.00), times as date cells in local time, a bold frozen header
// row. A sheet holds at most 1,048,576 rows: longer exports continue on "Orders (2)", ... each with
// the header. The workbook is written to a temporary file in the target folder and renamed over
// the target by commit().
class XlsxExportWriter : public ExportWriter
{
public:
    explicit XlsxExportWriter(const ExportOptions& options, QString sheetTitle = QStringLiteral("Export"));
    ~XlsxExportWriter() override;
    bool begin(const QString& path, const QList<ExportColumn>& columns, QString* error) override;
    bool write(const QList<ExportRow>& rows, QString* error) override;
    bool writeCells(const ExportCells& batch, QString* error) override;
    bool commit(QString* error) override;

    // Spreadsheet rows per sheet, header included (tests lower it to see the split).
    void setRowsPerSheet(int rows) { m_rowsPerSheet = rows; }
    // The number format of a currency ("\"₹\"#,##0.00").
    static QString numberFormat(const QString& currency);

private:
    bool addSheet(QString* error);
    lxw_format* moneyFormat(const QString& currency);
    lxw_format* moneyFormat(const char* currency);
    bool failed(int result, QString* error) const;
    void discard();

    ExportOptions m_options;
    ExportTime m_time;
    QString m_title;
    QString m_path;
    QString m_temporary;
    QList<ExportColumn> m_columns;
    lxw_workbook* m_workbook = nullptr;
    lxw_worksheet* m_sheet = nullptr;
    lxw_format* m_header = nullptr;
    lxw_format* m_date = nullptr;
    QHash<QString, lxw_format*> m_money;
    QByteArray m_lastCurrency; // writeCells: most rows repeat the currency of the row before
    lxw_format* m_lastMoney = nullptr;
    int m_sheets = 0;
    int m_row = 0; // next row of the current sheet
    int m_rowsPerSheet = 1048576;
};
