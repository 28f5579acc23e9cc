#pragma once

#include "domain/RowValidator.h"

#include <QHash>
#include <QString>

class QLabel;
class QWidget;

// The "<field>Error" labels of a form: a validation or database message goes next to the field
// it is about. Columns are schema names ("first_name"); labels are found by objectName
// ("firstNameError"). A message for a column without a label goes to the fallback label.
class FieldErrors
{
public:
    FieldErrors(QWidget* root, QLabel* fallback);

    static QString fieldName(const QString& column); // "first_name" -> "firstName"
    void clear();
    // Returns the label that shows the message.
    QLabel* show(const QString& column, const QString& message);
    void show(const QList<RowValidator::Violation>& violations);
    QString message(const QString& column) const;

private:
    QWidget* m_root;
    QLabel* m_fallback;
};
