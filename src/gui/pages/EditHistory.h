#pragma once

#include "delegates/PlatformItemDelegate.h"
#include "models/windowed/WindowedTableModel.h"

#include <QObject>

#include <functional>
#include <memory>

class QAction;
class QUndoStack;

// Undo and redo of a table page's pending edits (nothing saved is ever undone): each inline edit
// is one step, a paste of many cells is one step. A step holds the model's pending edits before
// and after it (WindowedTableModel::pendingEdits), so undo puts back exactly what was pending.
// Save and Revert start a fresh history.
class EditHistory : public QObject
{
    Q_OBJECT
public:
    explicit EditHistory(QObject* parent = nullptr);
    ~EditHistory() override;

    void setModel(WindowedTableModel* model);
    // Runs `change` (edits of the model) as one undoable step; no step when nothing changed.
    void record(const QString& text, const std::function<void()>& change);
    void clear();
    bool isApplying() const { return m_applying; }

    QAction* undoAction() const { return m_undo; }
    QAction* redoAction() const { return m_redo; }
    QUndoStack* stack() const { return m_stack; }

private:
    friend class HistoryStep;
    void restore(const std::shared_ptr<const WindowedTableModel::PendingEdits>& edits);

    WindowedTableModel* m_model = nullptr;
    QUndoStack* m_stack = nullptr;
    QAction* m_undo = nullptr;
    QAction* m_redo = nullptr;
    bool m_applying = false;
    int m_recording = 0;
};

// The page's delegate, recording every inline edit it commits as one step of `history`.
class RecordingItemDelegate : public PlatformItemDelegate
{
    Q_OBJECT
public:
    RecordingItemDelegate(EditHistory* history, QObject* parent = nullptr);
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    EditHistory* m_history = nullptr;
};
