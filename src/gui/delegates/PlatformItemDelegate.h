#pragma once

#include <QStyledItemDelegate>

// Editors and colours for PlatformTableModel cells: a combo of the platform's own values for
// enum columns (nothing else can be typed), a money field that accepts plain decimals, a combo
// of referenced rows for relation columns, a date-time editor for timestamps. It also paints what
// the core model can only describe: pending edits (yellow), new rows (green), rows marked for
// deletion (red) and unknown enum values (dark red text).
class PlatformItemDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit PlatformItemDelegate(QObject* parent = nullptr);

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

protected:
    void initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const override;
};
