#include "EditHistory.h"

#include <QAction>
#include <QUndoCommand>
#include <QUndoStack>

class HistoryStep : public QUndoCommand
{
public:
    using Edits = std::shared_ptr<const WindowedTableModel::PendingEdits>;
    HistoryStep(EditHistory* history, const QString& text, Edits before, Edits after)
        : QUndoCommand(text), m_history(history), m_before(std::move(before)), m_after(std::move(after))
    {
    }
    void undo() override { m_history->restore(m_before); }
    void redo() override
    {
        // The first redo() is the push: the change has happened already.
        if (std::exchange(m_pushed, true)) {
            m_history->restore(m_after);
        }
    }

private:
    EditHistory* m_history;
    Edits m_before;
    Edits m_after;
    bool m_pushed = false;
};

EditHistory::EditHistory(QObject* parent) : QObject(parent), m_stack(new QUndoStack(this))
{
    setObjectName(QStringLiteral("editHistory"));
    m_stack->setObjectName(QStringLiteral("editUndoStack"));
    m_undo = new QAction(tr("Undo"), this);
    m_undo->setObjectName(QStringLiteral("undoEditAction"));
    m_undo->setShortcut(QKeySequence::Undo);
    m_undo->setToolTip(tr("Undo the last unsaved edit (Ctrl+Z)"));
    m_redo = new QAction(tr("Redo"), this);
    m_redo->setObjectName(QStringLiteral("redoEditAction"));
    m_redo->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z), QKeySequence(Qt::CTRL | Qt::Key_Y)});
    m_redo->setToolTip(tr("Redo the edit just undone (Ctrl+Shift+Z, Ctrl+Y)"));
    for (QAction* a : {m_undo, m_redo}) {
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        a->setEnabled(false);
    }
    connect(m_undo, &QAction::triggered, m_stack, &QUndoStack::undo);
    connect(m_redo, &QAction::triggered, m_stack, &QUndoStack::redo);
    connect(m_stack, &QUndoStack::canUndoChanged, m_undo, &QAction::setEnabled);
    connect(m_stack, &QUndoStack::canRedoChanged, m_redo, &QAction::setEnabled);
    connect(m_stack, &QUndoStack::undoTextChanged, this,
            [this](const QString& text) { m_undo->setText(text.isEmpty() ? tr("Undo") : tr("Undo %1").arg(text)); });
    connect(m_stack, &QUndoStack::redoTextChanged, this,
            [this](const QString& text) { m_redo->setText(text.isEmpty() ? tr("Redo") : tr("Redo %1").arg(text)); });
}

EditHistory::~EditHistory() = default;

void EditHistory::setModel(WindowedTableModel* model)
{
    m_model = model;
    m_stack->clear();
}

void EditHistory::record(const QString& text, const std::function<void()>& change)
{
    if (!m_model || m_recording > 0 || m_applying) {
        change(); // nested in a step already (a paste commits cells through the delegate path)
        return;
    }
    ++m_recording;
    const auto before = m_model->pendingEdits();
    change();
    const auto after = m_model->pendingEdits();
    --m_recording;
    if (!WindowedTableModel::samePendingEdits(*before, *after)) {
        m_stack->push(new HistoryStep(this, text, before, after));
    }
}

void EditHistory::clear()
{
    if (!m_applying) {
        m_stack->clear();
    }
}

void EditHistory::restore(const std::shared_ptr<const WindowedTableModel::PendingEdits>& edits)
{
    if (!m_model) {
        return;
    }
    m_applying = true;
    m_model->restorePendingEdits(edits);
    m_applying = false;
}

RecordingItemDelegate::RecordingItemDelegate(EditHistory* history, QObject* parent)
    : PlatformItemDelegate(parent), m_history(history)
{
}

void RecordingItemDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    const QString header = model->headerData(index.column(), Qt::Horizontal).toString();
    m_history->record(tr("edit of %1").arg(header), [&] { PlatformItemDelegate::setModelData(editor, model, index); });
}
