#pragma once

#include "domain/TableSpec.h"

#include <QDialog>
#include <QVariant>

class QComboBox;
class QDateTimeEdit;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

// Chooses the column and the value of a bulk "Set field" on the selected rows. Only columns a
// bulk edit may set are offered (BulkUpdate::isBulkEditable); the value editor follows the
// column's kind (a list of the platform's values, an exact amount, a date and time, text).
class BulkSetFieldDialog : public QDialog
{
    Q_OBJECT
public:
    BulkSetFieldDialog(const TableSpec& spec, int rowCount, QWidget* parent = nullptr);

    QString column() const;
    // The raw value (money decimal text, enum code, local QDateTime, text); invalid when the
    // typed value does not fit (error() says why).
    QVariant value() const;
    QString error() const;

    QComboBox* columnCombo() const { return m_column; }
    QLineEdit* textEdit() const { return m_text; }
    QComboBox* valueCombo() const { return m_enum; }
    QDateTimeEdit* timeEdit() const { return m_time; }

    void accept() override;

private:
    void showEditor();

    TableSpec m_spec;
    QComboBox* m_column = nullptr;
    QStackedWidget* m_editors = nullptr;
    QLineEdit* m_text = nullptr;
    QComboBox* m_enum = nullptr;
    QDateTimeEdit* m_time = nullptr;
    QLabel* m_error = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};
