#include "CellClipboard.h"

#include "EditHistory.h"
#include "models/windowed/WindowedTableModel.h"
#include "views/CellText.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QMimeData>
#include <QSet>
#include <QTableView>

namespace {
using K = ColumnSpec::Kind;
}

CellClipboard::CellClipboard(QTableView* view, EditHistory* history, QObject* parent)
    : QObject(parent), m_view(view), m_history(history)
{
    setObjectName(QStringLiteral("cellClipboard"));
    m_copy = new QAction(tr("Copy"), this);
    m_copy->setObjectName(QStringLiteral("copyCellsAction"));
    m_copy->setShortcut(QKeySequence::Copy);
    m_copy->setToolTip(tr("Copy the selected cells as tab-separated text (Ctrl+C)"));
    m_paste = new QAction(tr("Paste"), this);
    m_paste->setObjectName(QStringLiteral("pasteCellsAction"));
    m_paste->setShortcut(QKeySequence::Paste);
    m_paste->setToolTip(tr("Paste tab-separated text into the cells from the current one; saved with Save (Ctrl+V)"));
    for (QAction* a : {m_copy, m_paste}) {
        a->setShortcutContext(Qt::WidgetShortcut);
        a->setEnabled(false);
        view->addAction(a);
    }
    connect(m_copy, &QAction::triggered, this, [this] {
        QString error;
        if (!copy(&error) && !error.isEmpty()) {
            emit message(error);
        }
    });
    connect(m_paste, &QAction::triggered, this, [this] {
        QString error;
        if (!paste(&error) && !error.isEmpty()) {
            emit message(error);
        }
    });
}

void CellClipboard::setModel(WindowedTableModel* model)
{
    m_model = model;
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &CellClipboard::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, &CellClipboard::updateActions);
    updateActions();
}

void CellClipboard::updateActions()
{
    const bool have = m_model && m_view->selectionModel();
    m_copy->setEnabled(have && (m_view->selectionModel()->hasSelection() || m_view->currentIndex().isValid()));
    m_paste->setEnabled(have && m_view->currentIndex().isValid());
}

QString CellClipboard::selectionAsTsv(QString* error) const
{
    if (!m_model) {
        return QString();
    }
    QItemSelection selection = m_view->selectionModel()->selection();
    if (selection.isEmpty() && m_view->currentIndex().isValid()) {
        selection.select(m_view->currentIndex(), m_view->currentIndex());
    }
    // Rows and columns the selection spans, columns in display order, hidden ones left out.
    QList<int> rows;
    QSet<int> columnSet;
    for (const QItemSelectionRange& range : std::as_const(selection)) {
        for (int r = range.top(); r <= range.bottom(); ++r) {
            rows << r;
            if (rows.size() > maxCopyRows * 4) {
                break;
            }
        }
        for (int c = range.left(); c <= range.right(); ++c) {
            columnSet.insert(c);
        }
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    if (rows.size() > maxCopyRows) {
        if (error) {
            *error = tr("%1 rows are selected; copy at most %2 at a time (Export writes any number).")
                         .arg(rows.size())
                         .arg(maxCopyRows);
        }
        return QString();
    }
    QList<int> columns;
    QHeaderView* header = m_view->horizontalHeader();
    for (int visual = 0; visual < header->count(); ++visual) {
        const int logical = header->logicalIndex(visual);
        if (columnSet.contains(logical) && !header->isSectionHidden(logical) &&
            m_model->spec().columns.at(logical).kind != K::Secret) {
            columns << logical;
        }
    }
    if (rows.isEmpty() || columns.isEmpty()) {
        return QString();
    }
    if (!m_model->waitForRows(rows.constFirst(), rows.constLast())) {
        if (error) {
            *error = tr("The selected rows could not be read in time; try again.");
        }
        return QString();
    }
    QList<QStringList> cells;
    for (int r : std::as_const(rows)) {
        QStringList line;
        for (int c : std::as_const(columns)) {
            const QModelIndex index = m_model->index(r, c);
            if (!selection.contains(index) && !(selection.size() == 1 && index == m_view->currentIndex())) {
                line << QString();
                continue;
            }
            const bool money = m_model->spec().columns.at(c).kind == K::Money;
            line << index.data(money ? Qt::EditRole : Qt::DisplayRole).toString();
        }
        cells << line;
    }
    return CellText::toTsv(cells);
}

bool CellClipboard::copy(QString* error)
{
    const QString tsv = selectionAsTsv(error);
    if (tsv.isEmpty()) {
        return false;
    }
    QApplication::clipboard()->setText(tsv);
    emit message(tr("Copied %1 rows as tab-separated text").arg(tsv.count(QLatin1Char('\n'))));
    return true;
}

bool CellClipboard::paste(QString* error)
{
    return pasteTsv(QApplication::clipboard()->text(), error);
}

bool CellClipboard::pasteTsv(const QString& tsv, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error) {
            *error = why;
        }
        return false;
    };
    if (!m_model) {
        return false;
    }
    const QModelIndex start = m_view->currentIndex();
    if (!start.isValid()) {
        return fail(tr("Choose the cell to paste into first."));
    }
    const QList<QStringList> block = CellText::fromTsv(tsv);
    if (block.isEmpty()) {
        return fail(tr("The clipboard holds no text to paste."));
    }
    // Target columns: from the current one rightwards in display order, over visible columns.
    QHeaderView* header = m_view->horizontalHeader();
    int width = 0;
    for (const QStringList& line : block) {
        width = std::max(width, int(line.size()));
    }
    QList<int> columns;
    for (int visual = header->visualIndex(start.column()); visual < header->count() && columns.size() < width;
         ++visual) {
        const int logical = header->logicalIndex(visual);
        if (!header->isSectionHidden(logical)) {
            columns << logical;
        }
    }
    if (columns.size() < width) {
        return fail(tr("The pasted block is %1 columns wide; only %2 columns are right of the current cell.")
                        .arg(width)
                        .arg(columns.size()));
    }
    const int firstRow = start.row();
    const int lastRow = firstRow + int(block.size()) - 1;
    if (lastRow >= m_model->rowCount()) {
        return fail(tr("The pasted block has %1 rows; only %2 rows are from the current one down.")
                        .arg(block.size())
                        .arg(m_model->rowCount() - firstRow));
    }
    if (!m_model->waitForRows(firstRow, lastRow)) {
        return fail(tr("The rows to paste into could not be read in time; try again."));
    }
    // Every cell is checked before any is set: a bad cell leaves the page as it was.
    struct Cell
    {
        QModelIndex index;
        CellText::Parsed parsed;
    };
    QList<Cell> cells;
    const TableSpec& spec = m_model->spec();
    for (int r = 0; r < block.size(); ++r) {
        const QStringList& line = block.at(r);
        for (int i = 0; i < line.size(); ++i) {
            const QModelIndex index = m_model->index(firstRow + r, columns.at(i));
            const ColumnSpec& column = spec.columns.at(index.column());
            const QString where =
                tr("Row %1 (%2), %3").arg(index.row() + 1).arg(m_model->rowLabel(index.row()), column.header);
            if (!(m_model->flags(index) & Qt::ItemIsEditable)) {
                if (line.at(i) == index.data(column.kind == K::Money ? Qt::EditRole : Qt::DisplayRole).toString()) {
                    continue; // the same text back into a read-only cell (a copied ID column) is no change
                }
                return fail(tr("%1: this cell cannot be edited. Nothing was pasted.").arg(where));
            }
            Cell cell{index, CellText::parse(m_model->database(), spec, column, line.at(i))};
            if (!cell.parsed.error.isEmpty()) {
                return fail(tr("%1: %2. Nothing was pasted.").arg(where, cell.parsed.error));
            }
            cells << cell;
        }
    }
    QString refused;
    m_history->record(tr("paste of %1 cells").arg(cells.size()), [&] {
        for (const Cell& cell : std::as_const(cells)) {
            if (!cell.parsed.relationDisplay.isEmpty()) {
                m_model->setData(cell.index, cell.parsed.relationDisplay, WindowedTableModel::RelationDisplayRole);
            }
            if (!m_model->setData(cell.index, cell.parsed.value) && refused.isEmpty()) {
                refused = m_model->headerData(cell.index.column(), Qt::Horizontal).toString();
            }
        }
    });
    emit message(refused.isEmpty() ? tr("Pasted %1 cells; they are written when you save").arg(cells.size())
                                   : tr("Pasted; the %1 column refused some values").arg(refused));
    return true;
}
