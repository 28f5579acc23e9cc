#include "MoneyEdit.h"

#include "money/Money.h"

#include <QRegularExpressionValidator>

MoneyEdit::MoneyEdit(QWidget* parent) : QLineEdit(parent)
{
    // Up to 99,999,999.99 (DECIMAL(10,2)), optional Indian or western grouping commas.
    setValidator(
        new QRegularExpressionValidator(QRegularExpression(QStringLiteral(R"(^[0-9,]{0,11}(\.[0-9]{0,2})?$)")), this));
    setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    setPlaceholderText(QStringLiteral("0.00"));
    setCurrency(QStringLiteral("INR"));
    connect(this, &QLineEdit::textChanged, this, &MoneyEdit::valueChanged);
    connect(this, &QLineEdit::editingFinished, this, &MoneyEdit::normalize);
}

void MoneyEdit::setCurrency(const QString& currency)
{
    setToolTip(tr("Amount in %1, exact to the paisa").arg(currency));
    setAccessibleName(tr("Amount (%1)").arg(Money::currencySymbol(currency)));
}

std::optional<std::int64_t> MoneyEdit::minorUnits() const
{
    if (text().trimmed().isEmpty()) {
        return std::nullopt;
    }
    return Money::parseMinor(text().trimmed());
}

void MoneyEdit::setMinorUnits(std::int64_t minor)
{
    setText(Money::toDecimalString(minor));
}

QString MoneyEdit::decimal() const
{
    const auto minor = minorUnits();
    return minor ? Money::toDecimalString(*minor) : text().trimmed();
}

void MoneyEdit::setDecimal(const QString& value)
{
    const auto minor = value.trimmed().isEmpty() ? std::nullopt : Money::parseMinor(value.trimmed());
    setText(minor ? Money::toDecimalString(*minor) : value);
}

void MoneyEdit::normalize()
{
    if (const auto minor = minorUnits()) {
        const QString shown = Money::toDecimalString(*minor);
        if (shown != text()) {
            setText(shown);
        }
    }
}
