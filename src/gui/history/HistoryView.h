#pragma once

#include "history/HistoryQuery.h"

#include <QSqlDatabase>
#include <QWidget>

class HistoryModel;
class QAction;
class QLabel;
class QPushButton;
class QTableView;

// The list of changes the History panel (one row) and the History page (the whole log) share:
// the table, "Restore this value" for the selected change, and a line saying when history is off
// or nothing is logged yet.
class HistoryView : public QWidget
{
    Q_OBJECT
public:
    // `showRowColumns`: the Table and Row columns (the page); a form's panel knows its row.
    HistoryView(QSqlDatabase db, bool showRowColumns, QWidget* parent = nullptr);

    void setFilter(const HistoryFilter& filter);
    void refresh();
    HistoryModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    QLabel* infoLabel() const { return m_info; }
    QPushButton* restoreButton() const { return m_restore; }
    // A sentence added to the restore question ("This form reloads: …").
    void setRestoreNote(const QString& note) { m_restoreNote = note; }
    // Restores the "before" value of the change in `row`, after confirmation. True when written.
    bool restoreRow(int row);

signals:
    // A change was restored (the row changed): whoever shows the row reads it again.
    void restored(const QString& table, const QString& rowKey);
    // Double-click / Enter on a change: its row.
    void rowActivated(const QString& table, const QString& rowKey);

private:
    void updateState();
    void fitColumns();
    int currentRow() const;

    QSqlDatabase m_db;
    HistoryModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QLabel* m_info = nullptr;
    QPushButton* m_restore = nullptr;
    QString m_restoreNote;
    QAction* m_restoreAction = nullptr; // Ctrl+Shift+Z
    QAction* m_openAction = nullptr;    // also Enter / double-click on a row
};
