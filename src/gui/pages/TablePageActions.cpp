// TablePage's commands outside its toolbar: the window's Records menu, the table's right-click
// menu, enabling each by the selection, and links from other pages that must not land on rows
// hidden by a filter.
#include "TablePage.h"

#include "models/windowed/WindowedTableModel.h"

#include <QAction>
#include <QComboBox>
#include <QLineEdit>
#include <QMenu>
#include <QTableView>
#include <QToolBar>

QList<QAction*> TablePage::menuActions() const
{
    return m_toolBar->actions();
}

void TablePage::setActionCondition(QAction* action, RowCondition condition)
{
    m_conditions.append({action, std::move(condition)});
    updateActionStates();
}

TablePage::RowCondition TablePage::valueIn(const QString& column, const QStringList& values)
{
    return [column, values](const TablePage* page, int row) {
        return values.contains(page->rawValue(row, column).toString());
    };
}

QVariant TablePage::rawValue(int row, const QString& column) const
{
    const int c = m_spec.indexOf(column);
    if (!m_model || row < 0 || c < 0 || !m_model->isRowLoaded(row)) {
        return QVariant();
    }
    return m_model->index(row, c).data(Qt::EditRole);
}

void TablePage::updateActionStates()
{
    // Only the actions given a condition: others (New, Delete, Save) have their own rules.
    const int row = currentRow();
    const bool loaded = m_model && row >= 0 && m_model->isRowLoaded(row);
    for (const auto& [action, condition] : std::as_const(m_conditions)) {
        action->setEnabled(loaded && condition(this, row));
    }
}

QMenu* TablePage::createContextMenu()
{
    updateActionStates();
    auto* menu = new QMenu(this);
    menu->setObjectName(QStringLiteral("rowContextMenu"));
    // The row's own commands first (Edit…, the workflows), then the table's.
    QList<QAction*> rowCommands;
    if (m_editAction) {
        rowCommands << m_editAction;
    }
    for (const auto& [action, condition] : std::as_const(m_conditions)) {
        rowCommands << action;
    }
    for (QAction* a : m_toolBar->actions()) {
        if (!a->isSeparator() && !rowCommands.contains(a) && a != m_newAction && a != m_deleteAction &&
            a != m_saveAction && a != m_revertAction) {
            rowCommands << a; // a page action with no condition (Record payment… on Payments)
        }
    }
    menu->addActions(rowCommands);
    menu->addSeparator();
    if (m_newAction) {
        menu->addAction(m_newAction);
    }
    menu->addAction(m_deleteAction);
    addViewToolActions(menu); // TablePageViews.cpp
    return menu;
}

void TablePage::showContextMenu(const QPoint& position)
{
    // The right-clicked row becomes current first, so the menu is about that row.
    const QModelIndex index = m_view->indexAt(position);
    if (index.isValid() && index.row() != currentRow()) {
        m_view->setCurrentIndex(index);
    }
    QMenu* menu = createContextMenu();
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(m_view->viewport()->mapToGlobal(position));
}

void TablePage::showMatching(const QString& searchText)
{
    if (m_filter && m_filter->currentIndex() != 0) {
        m_filter->setCurrentIndex(0); // re-queries through applyFilter()
    }
    m_search->setText(searchText);
    // Apply at once rather than after the typing pause: the user clicked a link, not typed.
    m_searchTimer->stop();
    applySearch();
}
