#pragma once

#include <QDateTime>
#include <QList>
#include <QString>
#include <QTimeZone>
#include <QVector>

#include <cstdint>

// What an export writes: typed columns and typed values, so that CSV can write text and XLSX can
// write numbers, money and dates as real cells from the same rows.
struct ExportColumn
{
    enum class Type {
        Text,    // as shown (relations by name, statuses as words)
        Integer, // ids
        Money,   // exact minor units + the row's currency
        Time,    // an instant, written in local time; the header states the offset
    };
    QString header;
    Type type = Type::Text;
};

struct ExportValue
{
    enum class Kind { Null, Text, Integer, Money, Time };
    Kind kind = Kind::Null;
    QString text;            // Text
    std::int64_t number = 0; // Integer, or Money in minor units
    QString currency;        // Money: ISO 4217 code
    QDateTime time;          // Time: an instant

    static ExportValue null() { return {}; }
    static ExportValue ofText(QString t)
    {
        ExportValue v;
        v.kind = Kind::Text;
        v.text = std::move(t);
        return v;
    }
    static ExportValue ofInteger(std::int64_t n)
    {
        ExportValue v;
        v.kind = Kind::Integer;
        v.number = n;
        return v;
    }
    static ExportValue ofMoney(std::int64_t minor, QString currency)
    {
        ExportValue v;
        v.kind = Kind::Money;
        v.number = minor;
        v.currency = std::move(currency);
        return v;
    }
    static ExportValue ofTime(QDateTime instant)
    {
        ExportValue v;
        v.kind = Kind::Time;
        v.time = std::move(instant);
        return v;
    }
};

using ExportRow = QVector<ExportValue>;

// A batch of rows as compact typed cells, for XLSX from a database stream (ExportSource::nextCells):
// the same values as ExportRow, without a QString or QDateTime per value. Row-major, `columns`
// cells per row.
struct ExportCells
{
    struct Cell
    {
        ExportValue::Kind kind = ExportValue::Kind::Null;
        // Integer: the value. Money: minor units. Time: the local wall clock as milliseconds since
        // 1970-01-01 00:00 (a spreadsheet date has no zone).
        std::int64_t number = 0;
        // Text: the value; Money: its ISO 4217 code. An offset into `text`, NUL-terminated UTF-8.
        int text = 0;
    };
    QByteArray text;
    QVector<Cell> cells;
    int columns = 0;
    qint64 rows = 0;

    void clear()
    {
        text.clear();
        cells.clear();
        rows = 0;
    }
    const char* textOf(const Cell& cell) const { return text.constData() + cell.text; }
};

struct ExportOptions
{
    enum class Format { Csv, Xlsx };
    Format format = Format::Csv;
    bool byteOrderMark = false; // CSV: a UTF-8 BOM so that Excel reads the file as UTF-8
    // Times are written in this zone; see ExportTime for how the offset reaches the header.
    QTimeZone zone = QTimeZone::systemTimeZone();
    QString title = QStringLiteral("Export");         // XLSX sheet name ("Orders")
    static Format formatForPath(const QString& path); // ".xlsx" -> Xlsx, anything else Csv
};

struct ExportProgress
{
    qint64 rows = 0;
    qint64 elapsedMs = 0;
    double rowsPerSecond() const { return elapsedMs > 0 ? rows * 1000.0 / elapsedMs : 0.0; }
};
