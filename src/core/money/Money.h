#pragma once

#include <QString>
#include <QVariant>

#include <cstdint>
#include <optional>

// An exact amount of money: integer minor units (paise, cents) plus an ISO 4217 currency code.
// The database keeps DECIMAL(10,2) major units; amounts travel as decimal text, never as double.
class Money
{
public:
    Money() = default;
    Money(std::int64_t minorUnits, QString currency = QStringLiteral("INR"))
        : m_minor(minorUnits), m_currency(std::move(currency))
    {
    }

    // "5999", "5999.5", "5,999.00", "-12.30" -> minor units. Rejects more than two decimals,
    // exponents and anything that is not a plain decimal number.
    static std::optional<std::int64_t> parseMinor(const QString& text);
    static std::optional<Money> fromDecimal(const QString& text, const QString& currency = QStringLiteral("INR"));
    // A value read from a DECIMAL column with QSql::HighPrecision (text on both engines), or an
    // integer of minor units from round(x*100) / (x*100)::bigint.
    static std::optional<std::int64_t> minorFromSql(const QVariant& value);
    static std::optional<std::int64_t> minorFromSqlMinorUnits(const QVariant& value);
    // Why an amount read from a DECIMAL(10,2) column cannot be used, or empty if it can: NULL,
    // NaN, a blob, text that is no number, more than two decimals, below zero or beyond the
    // column's range ("is NaN (not a number)"). The reader reports this instead of using 0.
    static QString sqlAmountDamage(const QVariant& value);

    std::int64_t minor() const { return m_minor; }
    const QString& currency() const { return m_currency; }

    // "5999.00": what is bound into a DECIMAL(10,2) column.
    QString toDecimalString() const;
    static QString toDecimalString(std::int64_t minor);
    // "₹5,999.00", "$12.50", "EUR 3.00": Indian digit grouping for INR, western otherwise.
    QString format() const;
    static QString format(std::int64_t minor, const QString& currency);
    static QString currencySymbol(const QString& currency);
    // DECIMAL(10,2) holds at most 99,999,999.99.
    static constexpr std::int64_t maxColumnMinor = 9'999'999'999;

    Money operator+(const Money& other) const { return Money(m_minor + other.m_minor, m_currency); }
    Money operator-(const Money& other) const { return Money(m_minor - other.m_minor, m_currency); }
    bool operator==(const Money& other) const = default;

private:
    std::int64_t m_minor = 0;
    QString m_currency = QStringLiteral("INR");
};
