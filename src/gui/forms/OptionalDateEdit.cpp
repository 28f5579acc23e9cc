#include "OptionalDateEdit.h"

OptionalDateEdit::OptionalDateEdit(const QString& objectName, const QString& toolTip, QWidget* parent)
    : QDateEdit(parent)
{
    setObjectName(objectName);
    setToolTip(toolTip);
    setCalendarPopup(true);
    setDisplayFormat(QStringLiteral("d MMM yyyy"));
    setMinimumDate(noBound());
    setSpecialValueText(tr("any"));
    setDate(noBound());
}

QDate OptionalDateEdit::bound() const
{
    return date() > noBound() ? date() : QDate();
}

void OptionalDateEdit::setBound(const QDate& day)
{
    setDate(day.isValid() ? day : noBound());
}
