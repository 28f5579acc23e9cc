#pragma once

#include "RecordForm.h"
#include "RelationPicker.h"

// The form of a table with foreign keys (orders, payments, enrollments), designed in
// ui/OrderForm.ui, ui/PaymentForm.ui and ui/EnrollmentForm.ui: relation pickers with type-ahead
// (never the whole referenced table), money editors, platform value lists, plain text.
// Timestamps are shown, not edited. Fields are found by objectName ("userIdPicker", "amountEdit",
// "statusCombo") and set up from the TableSpec.
class RelationForm : public RecordForm
{
    Q_OBJECT
public:
    RelationForm(const TableSpec& spec, PlatformTableModel* model, int row, QWidget* parent = nullptr);

    RelationPicker* picker(const QString& column) const;

protected:
    QHash<QString, QVariant> formValues() const override;
    RowWriter::Result writeNew(const QHash<QString, QVariant>& values) override;
    RowWriter::Result writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                    bool overwrite) override;

private:
    void setUpField(const ColumnSpec& column, QWidget* field);
    void setUpPicker(const ColumnSpec& column, RelationPicker* picker);
    void coursePicked(const QVariant& courseId);

    QHash<QString, QWidget*> m_fields;
};

// A RelationPicker as the .ui files promote it (uic passes only the parent): its parts are named
// after the objectName the form gives it ("userIdPicker" -> "userIdSearchEdit").
class RelationFormPicker : public RelationPicker
{
    Q_OBJECT
public:
    explicit RelationFormPicker(QWidget* parent = nullptr);
};
