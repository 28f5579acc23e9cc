#pragma once

#include <QLineEdit>

#include <cstdint>
#include <optional>

// An exact money editor: rupees and paise typed as decimal text ("5999", "5999.5", "5,999.00"),
// kept as integer minor units, never a double. Its user property is the decimal text a DECIMAL(10,2)
// column takes ("5999.00"), so a QDataWidgetMapper binds it to a money column directly.
class MoneyEdit : public QLineEdit
{
    Q_OBJECT
    Q_PROPERTY(QString decimal READ decimal WRITE setDecimal NOTIFY valueChanged USER true)
public:
    explicit MoneyEdit(QWidget* parent = nullptr);

    // nullopt while the text is not an amount (or is empty).
    std::optional<std::int64_t> minorUnits() const;
    void setMinorUnits(std::int64_t minor);
    // "5999.00", or the text as typed when it is not an amount (so the form can say what is wrong).
    QString decimal() const;
    void setDecimal(const QString& value);
    // The currency shown as a prefix ("₹" for INR).
    void setCurrency(const QString& currency);

signals:
    void valueChanged();

private:
    void normalize();
};
