// TableExportSource on PostgreSQL, XLSX: the rows of the COPY that TableExportCopy.cpp starts, in
// COPY's text format, turned into typed cells by hand. The values are those next() gives for the
// same rows (the XLSX writer makes the same sheet of both; tests compare them), without a PGresult
// per row or a QVariant, QString or QDateTime per value: reading through QPSQL cost more than the
// whole CSV export.
#include "TableExportSource.h"

#include "money/Money.h"

#include <cstring>

using K = ColumnSpec::Kind;
using Cell = ExportCells::Cell;

namespace {

// One field of a COPY text row at `p`, unescaped into `text` and NUL-terminated; `p` is left past
// its delimiter. False at a malformed end of row.
bool readField(const char*& p, const char* end, QByteArray* text, int* start, bool* null)
{
    *start = int(text->size());
    if (end - p >= 2 && p[0] == '\\' && p[1] == 'N' && (end - p == 2 || p[2] == '\t' || p[2] == '\n')) {
        *null = true;
        p += 2;
    } else {
        *null = false;
        for (;;) {
            const char* run = p;
            while (p < end && *p != '\t' && *p != '\n' && *p != '\\') {
                ++p;
            }
            text->append(run, p - run);
            if (p >= end || *p != '\\') {
                break;
            }
            if (++p >= end) {
                return false;
            }
            // COPY writes backslash, and these control characters, escaped (never octal or hex).
            char c = *p++;
            switch (c) {
            case 'b':
                c = '\b';
                break;
            case 'f':
                c = '\f';
                break;
            case 'n':
                c = '\n';
                break;
            case 'r':
                c = '\r';
                break;
            case 't':
                c = '\t';
                break;
            case 'v':
                c = '\v';
                break;
            default:
                break; // "\\" and any other escaped character stand for themselves
            }
            text->append(c);
        }
    }
    text->append('\0');
    if (p < end) {
        ++p; // the tab or the row's newline
    }
    return true;
}

int digits(const char* p, int count)
{
    int value = 0;
    for (int i = 0; i < count; ++i) {
        if (p[i] < '0' || p[i] > '9') {
            return -1;
        }
        value = value * 10 + (p[i] - '0');
    }
    return value;
}

// Days from 1970-01-01 to a date of the proleptic Gregorian calendar (H. Hinnant's algorithm).
std::int64_t daysFromCivil(int y, int m, int d)
{
    y -= m <= 2 ? 1 : 0;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return std::int64_t(era) * 146097 + doe - 719468;
}

// "YYYY-MM-DD HH:MM:SS[.ffffff]" (ISO DateStyle) -> milliseconds since 1970 of that wall clock,
// the fraction rounded half up to milliseconds as Qt reads it in next(). Anything else (years
// past 9999 or BC, infinity) is no date for Qt either: no cell.
bool wallMsecs(const char* s, int length, std::int64_t* out)
{
    if (length < 19 || s[4] != '-' || s[7] != '-' || s[10] != ' ' || s[13] != ':' || s[16] != ':') {
        return false;
    }
    const int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2);
    const int h = digits(s + 11, 2), mi = digits(s + 14, 2), sec = digits(s + 17, 2);
    if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || sec < 0 || sec > 59) {
        return false;
    }
    int micros = 0;
    if (length > 19) {
        const int n = length - 20;
        if (s[19] != '.' || n < 1 || n > 6) {
            return false;
        }
        micros = digits(s + 20, n);
        if (micros < 0) {
            return false;
        }
        for (int i = n; i < 6; ++i) {
            micros *= 10;
        }
    }
    const std::int64_t seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
    *out = seconds * 1000 + (micros + 500) / 1000;
    return true;
}

// DECIMAL(10,2) as text ("5999.00", "-0.50") -> minor units; other forms through Money::parseMinor,
// which next() uses; "NaN" is none.
std::optional<std::int64_t> minorUnits(const char* s, int length)
{
    const bool negative = length > 0 && s[0] == '-';
    const int start = negative ? 1 : 0;
    const int integer = length - 3 - start;
    if (integer >= 1 && integer <= 15 && s[length - 3] == '.') {
        std::int64_t value = 0;
        bool ok = true;
        for (int i = start; i < length && ok; ++i) {
            if (i == length - 3) {
                continue;
            }
            ok = s[i] >= '0' && s[i] <= '9';
            value = value * 10 + (s[i] - '0');
        }
        if (ok) {
            return negative ? -value : value;
        }
    }
    return Money::parseMinor(QString::fromUtf8(s, length));
}

std::int64_t integer(const char* s)
{
    // As QVariant::toLongLong in next(): the key column is an integer type, so it always parses.
    char* end = nullptr;
    const long long value = std::strtoll(s, &end, 10);
    return *end == '\0' ? value : 0;
}
} // namespace

bool TableExportSource::parseCells(const char* row, int length, ExportCells* batch) const
{
    const TableSpec& spec = m_query.spec();
    const char* p = row;
    const char* end = row + length;
    QByteArray* text = &batch->text;
    for (const Output& o : m_outputs) {
        Cell cell;
        int start = 0;
        bool null = false;
        if (p >= end || !readField(p, end, text, &start, &null)) {
            return false;
        }
        const int size = int(text->size()) - start - 1;
        const K kind = o.currency ? K::Text : spec.columns.at(o.column).kind;
        if (kind == K::Money) {
            // The amount, then its currency.
            int currency = 0;
            bool noCurrency = false;
            if (p >= end || !readField(p, end, text, &currency, &noCurrency)) {
                return false;
            }
            const std::optional<std::int64_t> minor = null ? std::nullopt : minorUnits(text->constData() + start, size);
            if (minor) {
                cell.kind = ExportValue::Kind::Money;
                cell.number = *minor;
                cell.text = currency;
            } else if (!null) {
                cell.kind = ExportValue::Kind::Text; // "NaN", as stored
                cell.text = start;
            }
        } else if (null) {
            text->truncate(start);
        } else if (kind == K::Timestamp) {
            if (wallMsecs(text->constData() + start, size, &cell.number)) {
                cell.kind = ExportValue::Kind::Time;
            }
            text->truncate(start);
        } else if (kind == K::Key && spec.keyIsGenerated) {
            cell.kind = ExportValue::Kind::Integer;
            cell.number = integer(text->constData() + start);
            text->truncate(start);
        } else {
            cell.kind = ExportValue::Kind::Text;
            cell.text = start;
        }
        batch->cells.append(cell);
    }
    return p == end;
}
