#pragma once

#include <QDate>
#include <QDateEdit>

// A day that may be left open ("any"): a QDateEdit cannot be empty, so its minimum stands for
// "no bound" and shows as "any". Used by the filter bar of table pages and the History page.
class OptionalDateEdit : public QDateEdit
{
    Q_OBJECT

public:
    OptionalDateEdit(const QString& objectName, const QString& toolTip, QWidget* parent = nullptr);

    // The chosen day, or an invalid QDate when the edit says "any".
    QDate bound() const;
    // Sets the day; an invalid QDate shows "any".
    void setBound(const QDate& day);

    static QDate noBound() { return QDate(2000, 1, 1); }
};
