#include "PlatformItemDelegate.h"

#include "domain/CellFormat.h"

#include "RelationCellEditor.h"
#include "models/PlatformTableModel.h"
#include "models/windowed/WindowedTableModel.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QRegularExpressionValidator>
#include <QSqlRecord>
#include <QSqlRelation>

namespace {
using Kind = ColumnSpec::Kind;

Kind kindOf(const QModelIndex& index)
{
    return static_cast<Kind>(index.data(PlatformTableModel::ColumnKindRole).toInt());
}

PlatformTableModel* platformModel(const QModelIndex& index)
{
    return qobject_cast<PlatformTableModel*>(const_cast<QAbstractItemModel*>(index.model()));
}

WindowedTableModel* windowedModel(const QModelIndex& index)
{
    return qobject_cast<WindowedTableModel*>(const_cast<QAbstractItemModel*>(index.model()));
}

const ColumnSpec* columnSpecOf(const QModelIndex& index)
{
    if (const PlatformTableModel* model = platformModel(index)) {
        return model->columnSpec(index.column());
    }
    if (const WindowedTableModel* model = windowedModel(index)) {
        return &model->spec().columns.at(index.column());
    }
    return nullptr;
}
} // namespace

PlatformItemDelegate::PlatformItemDelegate(QObject* parent) : QStyledItemDelegate(parent)
{
    setObjectName(QStringLiteral("platformItemDelegate"));
}

QWidget* PlatformItemDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem& option,
                                            const QModelIndex& index) const
{
    const ColumnSpec* spec = columnSpecOf(index);
    if (!spec) {
        return QStyledItemDelegate::createEditor(parent, option, index);
    }
    switch (spec->kind) {
    case Kind::Enum: {
        auto* combo = new QComboBox(parent);
        combo->setObjectName(QStringLiteral("enumEditor"));
        for (const QString& value : PlatformValues::values(spec->enumKind)) {
            combo->addItem(PlatformValues::label(spec->enumKind, value), value);
        }
        return combo;
    }
    case Kind::Money: {
        auto* edit = new QLineEdit(parent);
        edit->setObjectName(QStringLiteral("moneyEditor"));
        edit->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
        // Plain decimals with at most two places; grouping commas are allowed while typing.
        edit->setValidator(new QRegularExpressionValidator(
            QRegularExpression(QStringLiteral(R"(^[0-9,]{0,14}(\.[0-9]{0,2})?$)")), edit));
        return edit;
    }
    case Kind::Relation: {
        if (WindowedTableModel* windowed = windowedModel(index)) {
            return new RelationCellEditor(windowed->database(), *spec, parent);
        }
        // Never a combo of the whole referenced table (1M users): type-ahead on both models.
        return new RelationCellEditor(platformModel(index)->database(), *spec, parent);
    }
    case Kind::Timestamp: {
        auto* edit = new QDateTimeEdit(parent);
        edit->setObjectName(QStringLiteral("timestampEditor"));
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QString::fromLatin1(CellFormat::dateTimeEditFormat));
        return edit;
    }
    default: {
        QWidget* editor = QStyledItemDelegate::createEditor(parent, option, index);
        if (editor) {
            editor->setObjectName(QStringLiteral("textEditor"));
        }
        return editor;
    }
    }
}

void PlatformItemDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    if (auto* relation = qobject_cast<RelationCellEditor*>(editor)) {
        relation->setText(index.data(Qt::DisplayRole).toString());
        relation->selectAll();
        return;
    }
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        const int found = kindOf(index) == Kind::Relation ? combo->findText(index.data(Qt::DisplayRole).toString())
                                                          : combo->findData(index.data(Qt::EditRole));
        combo->setCurrentIndex(found);
        return;
    }
    if (auto* edit = qobject_cast<QDateTimeEdit*>(editor)) {
        const QDateTime value = index.data(Qt::EditRole).toDateTime();
        edit->setDateTime(value.isValid() ? value : QDateTime::currentDateTime());
        return;
    }
    QStyledItemDelegate::setEditorData(editor, index);
}

void PlatformItemDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    if (auto* relation = qobject_cast<RelationCellEditor*>(editor)) {
        // Only a referenced row that exists: anything else leaves the cell as it was.
        if (const auto pick = relation->pick(); pick && pick->display != index.data(Qt::DisplayRole).toString()) {
            model->setData(index, pick->display, WindowedTableModel::RelationDisplayRole);
            model->setData(index, pick->key, Qt::EditRole);
        }
        return;
    }
    if (auto* combo = qobject_cast<QComboBox*>(editor)) {
        int row = combo->currentIndex();
        if (combo->isEditable()) {
            row = combo->findText(combo->currentText());
        }
        if (row >= 0) {
            model->setData(index, combo->itemData(row), Qt::EditRole);
        }
        return;
    }
    if (auto* edit = qobject_cast<QDateTimeEdit*>(editor)) {
        model->setData(index, edit->dateTime(), Qt::EditRole);
        return;
    }
    QStyledItemDelegate::setModelData(editor, model, index);
}

void PlatformItemDelegate::initStyleOption(QStyleOptionViewItem* option, const QModelIndex& index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    switch (index.data(PlatformTableModel::CellStateRole).toInt()) {
    case PlatformTableModel::ChangedCell:
        option->backgroundBrush = QColor(0xff, 0xe8, 0x99);
        break;
    case PlatformTableModel::ChangedRow:
        option->backgroundBrush = QColor(0xff, 0xf7, 0xd6);
        break;
    case PlatformTableModel::InsertedRow:
        option->backgroundBrush = QColor(0xdc, 0xf5, 0xdc);
        break;
    case PlatformTableModel::DeletedRow:
        option->backgroundBrush = QColor(0xf8, 0xd7, 0xd7);
        option->font.setStrikeOut(true);
        break;
    default:
        break;
    }
    if (index.data(PlatformTableModel::UnknownValueRole).toBool()) {
        option->palette.setColor(QPalette::Text, QColor(0xb0, 0x00, 0x20));
        option->palette.setColor(QPalette::HighlightedText, QColor(0xff, 0xd0, 0xd0));
        option->font.setBold(true);
    }
    if (option->backgroundBrush.style() != Qt::NoBrush) {
        // Keep the marking readable in dark themes too.
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::Text).lightness() > 128
                                                     ? QColor(Qt::black)
                                                     : option->palette.color(QPalette::Text));
    }
}
