#pragma once

#include <QObject>
#include <QString>

class EditHistory;
class QAction;
class QTableView;
class WindowedTableModel;

// Copy and paste on a table page, spreadsheet style. Copy (Ctrl+C) puts the selected cells on the
// clipboard as tab-separated text: the text shown, money as a plain decimal, columns in display
// order. Paste (Ctrl+V) writes a tab-separated block into the cells from the current one right
// and down: every cell is checked first (the message names row and column), then the whole block
// becomes pending edits (one undo step); nothing is written before Save.
class CellClipboard : public QObject
{
    Q_OBJECT
public:
    CellClipboard(QTableView* view, EditHistory* history, QObject* parent = nullptr);

    void setModel(WindowedTableModel* model);
    // False (and `error` says why) when nothing was copied / pasted.
    bool copy(QString* error = nullptr);
    bool paste(QString* error = nullptr);
    // The TSV copy() would put on the clipboard.
    QString selectionAsTsv(QString* error = nullptr) const;
    bool pasteTsv(const QString& tsv, QString* error = nullptr);

    QAction* copyAction() const { return m_copy; }
    QAction* pasteAction() const { return m_paste; }
    void updateActions();

    // Copying more rows than this asks the user to narrow the selection (they are read first).
    static constexpr int maxCopyRows = 10000;

signals:
    void message(const QString& text);

private:
    QTableView* m_view = nullptr;
    EditHistory* m_history = nullptr;
    WindowedTableModel* m_model = nullptr;
    QAction* m_copy = nullptr;
    QAction* m_paste = nullptr;
};
