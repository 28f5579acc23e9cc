#pragma once

#include "RecordForm.h"
#include "RelationPicker.h"
#include "WorkflowActions.h"

class QLabel;
class QPushButton;

// The form of a table with foreign keys (orders, payments, enrollments), designed in
// ui/OrderForm.ui, ui/PaymentForm.ui and ui/EnrollmentForm.ui: relation pickers with type-ahead
// (never the whole referenced table), money editors, platform value lists, plain text.
// Timestamps are shown, not edited; money state (status, amount) is read-only and changes through
// the record's workflow buttons (Refund, Record payment, Suspend…), the same the toolbar starts.
// A refunded payment or a cancelled order opens read-only. Fields are found by objectName ("userIdPicker",
// "amountEdit", "statusCombo") and set up from the TableSpec.
class RelationForm : public RecordForm
{
    Q_OBJECT
public:
    RelationForm(const TableSpec& spec, PlatformTableModel* model, int row, QWidget* parent = nullptr);

    RelationPicker* picker(const QString& column) const;

signals:
    // A workflow started from the form's buttons changed the row (the form stays open, reloaded).
    void workflowFinished(const QVariant& key, const QString& message);

protected:
    void loadExtras() override;
    QHash<QString, QVariant> formValues() const override;
    RowWriter::Result writeNew(const QHash<QString, QVariant>& values) override;
    RowWriter::Result writeExisting(const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                                    bool overwrite) override;

private:
    void setUpField(const ColumnSpec& column, QWidget* field);
    void setUpPicker(const ColumnSpec& column, RelationPicker* picker);
    void relationPicked(const ColumnSpec& column, const QVariant& key);
    void runWorkflow(const WorkflowActions::FormWorkflow& workflow);

    QHash<QString, QWidget*> m_fields;
    QLabel* m_readOnlyNote = nullptr;
    QList<std::pair<QPushButton*, WorkflowActions::FormWorkflow>> m_workflows;
};

// A RelationPicker as the .ui files promote it (uic passes only the parent): its parts are named
// after the objectName the form gives it ("userIdPicker" -> "userIdSearchEdit").
class RelationFormPicker : public RelationPicker
{
    Q_OBJECT
public:
    explicit RelationFormPicker(QWidget* parent = nullptr);
};
