#pragma once

#include "RecordForm.h"

class RelationPicker;

// The form of a table with foreign keys (orders, payments, enrollments), laid out from its
// TableSpec: relation pickers with type-ahead (never the whole referenced table), money editors,
// platform value lists, plain text. Timestamps are shown, not edited.
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
    QWidget* makeField(const ColumnSpec& column, QWidget* parent);
    void coursePicked(const QVariant& courseId);

    QHash<QString, QWidget*> m_fields;
};
