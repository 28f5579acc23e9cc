#include "Money.h"

#include <QLocale>
#include <QRegularExpression>

#include <cmath>
#include <limits>

std::optional<std::int64_t> Money::parseMinor(const QString& input)
{
    QString text = input.trimmed();
    text.remove(QLatin1Char(','));
    text.remove(QChar(0x20B9)); // ₹
    text = text.trimmed();
    static const QRegularExpression pattern(QStringLiteral("^([+-]?)(\\d{1,15})(?:\\.(\\d{0,2})0*)?$"));
    const auto match = pattern.match(text);
    if (!match.hasMatch()) {
        // Also accept ".5" style input.
        static const QRegularExpression fractionOnly(QStringLiteral("^([+-]?)\\.(\\d{1,2})0*$"));
        const auto m = fractionOnly.match(text);
        if (!m.hasMatch()) {
            return std::nullopt;
        }
        QString digits = m.captured(2).leftJustified(2, QLatin1Char('0'));
        std::int64_t value = digits.toLongLong();
        return m.captured(1) == QLatin1String("-") ? -value : value;
    }
    const std::int64_t major = match.captured(2).toLongLong();
    const QString fraction = match.captured(3).leftJustified(2, QLatin1Char('0'));
    const std::int64_t value = major * 100 + fraction.toLongLong();
    return match.captured(1) == QLatin1String("-") ? -value : value;
}

std::optional<Money> Money::fromDecimal(const QString& text, const QString& currency)
{
    const auto minor = parseMinor(text);
    if (!minor) {
        return std::nullopt;
    }
    return Money(*minor, currency);
}

std::optional<std::int64_t> Money::minorFromSql(const QVariant& value)
{
    if (value.isNull() || !value.isValid()) {
        return std::nullopt;
    }
    switch (value.metaType().id()) {
    case QMetaType::Int:
    case QMetaType::LongLong:
    case QMetaType::UInt:
    case QMetaType::ULongLong: {
        // SQLite stores 5999.00 in a NUMERIC column as the integer 5999 (major units).
        bool ok = false;
        const qlonglong major = value.toLongLong(&ok);
        constexpr qlonglong limit = std::numeric_limits<std::int64_t>::max() / 100;
        if (!ok || major > limit || major < -limit) {
            return std::nullopt; // would overflow: not an amount any column can hold
        }
        return major * 100;
    }
    case QMetaType::QByteArray:
        return std::nullopt; // a blob, even one whose bytes spell digits
    default:
        break;
    }
    // QSQLITE renders REAL as text with 15 significant digits under HighPrecision, QPSQL
    // renders NUMERIC exactly: both parse as plain decimals of at most two places.
    return parseMinor(value.toString());
}

std::optional<std::int64_t> Money::minorFromSqlMinorUnits(const QVariant& value)
{
    if (value.isNull() || !value.isValid()) {
        return std::nullopt;
    }
    if (value.metaType().id() == QMetaType::QByteArray) {
        return std::nullopt;
    }
    bool ok = false;
    const QString text = value.toString();
    // SQLite's round() returns REAL ("599900.0"); a fraction other than zero is not minor units.
    const qsizetype dot = text.indexOf(QLatin1Char('.'));
    if (dot >= 0) {
        for (qsizetype i = dot + 1; i < text.size(); ++i) {
            if (text.at(i) != QLatin1Char('0')) {
                return std::nullopt;
            }
        }
    }
    const std::int64_t minor = (dot < 0 ? text : text.left(dot)).toLongLong(&ok);
    return ok ? std::optional<std::int64_t>(minor) : std::nullopt;
}

QString Money::sqlAmountDamage(const QVariant& value)
{
    if (!value.isValid() || value.isNull()) {
        return QStringLiteral("is missing (NULL)");
    }
    if (value.metaType().id() == QMetaType::QByteArray) {
        return QStringLiteral("is binary data (a blob of %1 bytes), not a number").arg(value.toByteArray().size());
    }
    const QString text = value.toString().trimmed();
    const QString range = QStringLiteral("DECIMAL(10,2) holds 0.00 to 99999999.99");
    if (const auto minor = minorFromSql(value)) {
        if (*minor < 0) {
            return QStringLiteral("is below zero (%1; %2)").arg(toDecimalString(*minor), range);
        }
        if (*minor > maxColumnMinor) {
            return QStringLiteral("is out of range (%1; %2)").arg(toDecimalString(*minor), range);
        }
        return QString();
    }
    if (text.compare(QLatin1String("nan"), Qt::CaseInsensitive) == 0) {
        return QStringLiteral("is NaN (not a number)");
    }
    bool isNumber = false;
    const double number = text.toDouble(&isNumber);
    if (!isNumber) {
        const QString shown = text.size() > 40 ? text.left(40) + QStringLiteral("…") : text;
        return QStringLiteral("is not a number (\"%1\")").arg(shown);
    }
    // 1e308 arrives from PostgreSQL as 309 digits: long values are shown in exponent form.
    const QString shown = text.size() > 24 ? QString::number(number, 'g', 6) : text;
    if (std::isinf(number) || number > 99999999.99 || number < -99999999.99) {
        return QStringLiteral("is out of range (%1; %2)").arg(shown, range);
    }
    if (number < 0) {
        return QStringLiteral("is below zero (%1; %2)").arg(shown, range);
    }
    return QStringLiteral("has more than two decimals (%1)").arg(text);
}

QString Money::toDecimalString(std::int64_t minor)
{
    const bool negative = minor < 0;
    const std::uint64_t abs =
        negative ? static_cast<std::uint64_t>(-(minor + 1)) + 1 : static_cast<std::uint64_t>(minor);
    return QStringLiteral("%1%2.%3")
        .arg(negative ? QStringLiteral("-") : QString())
        .arg(abs / 100)
        .arg(static_cast<int>(abs % 100), 2, 10, QLatin1Char('0'));
}

QString Money::toDecimalString() const
{
    return toDecimalString(m_minor);
}

QString Money::currencySymbol(const QString& currency)
{
    if (currency == QLatin1String("INR")) {
        return QString(QChar(0x20B9));
    }
    if (currency == QLatin1String("USD")) {
        return QStringLiteral("$");
    }
    if (currency == QLatin1String("EUR")) {
        return QString(QChar(0x20AC));
    }
    if (currency == QLatin1String("GBP")) {
        return QString(QChar(0x00A3));
    }
    return currency + QLatin1Char(' ');
}

QString Money::format(std::int64_t minor, const QString& currency)
{
    const bool negative = minor < 0;
    const std::uint64_t abs =
        negative ? static_cast<std::uint64_t>(-(minor + 1)) + 1 : static_cast<std::uint64_t>(minor);
    QString digits = QString::number(abs / 100);
    // Indian grouping (12,34,567) for rupees, groups of three otherwise.
    QString grouped;
    if (currency == QLatin1String("INR") && digits.size() > 3) {
        grouped = digits.right(3);
        QString rest = digits.left(digits.size() - 3);
        while (rest.size() > 2) {
            grouped.prepend(rest.right(2) + QLatin1Char(','));
            rest.chop(2);
        }
        grouped.prepend(rest + QLatin1Char(','));
    } else {
        for (qsizetype i = 0; i < digits.size(); ++i) {
            if (i > 0 && (digits.size() - i) % 3 == 0) {
                grouped += QLatin1Char(',');
            }
            grouped += digits.at(i);
        }
    }
    return QStringLiteral("%1%2%3.%4")
        .arg(negative ? QStringLiteral("-") : QString(), currencySymbol(currency), grouped)
        .arg(static_cast<int>(abs % 100), 2, 10, QLatin1Char('0'));
}

QString Money::format() const
{
    return format(m_minor, m_currency);
}
