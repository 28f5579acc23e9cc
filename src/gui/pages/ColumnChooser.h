#pragma once

#include "domain/TableSpec.h"

#include <QObject>
#include <QStringList>

class QHeaderView;
class QMenu;
class QTableView;

// Which columns a table page shows and in what order: the header's context menu shows and hides
// them (and moves the one clicked left or right), and columns can be dragged. The layout is
// remembered per database and page (LocalViewSettings) and comes back when the page is opened
// again. Secret columns (the password hash) never show.
class ColumnChooser : public QObject
{
    Q_OBJECT
public:
    // `identity`: LocalViewSettings::databaseIdentity of the page's database.
    ColumnChooser(const TableSpec& spec, QString identity, QTableView* view, QObject* parent = nullptr);

    // Reads the remembered layout and applies it (call once the view has its model).
    void restore();
    // Visible columns by name, in display order.
    QStringList visibleColumns() const;
    // Shows exactly `columns` in that order (the others hidden) and remembers it; empty: the default.
    void setVisibleColumns(const QStringList& columns);
    void resetToDefault();
    // The header's menu, for `logicalColumn` (-1: none under the mouse). Built anew each time.
    QMenu* createMenu(int logicalColumn, QWidget* parent);

signals:
    void layoutChanged();

private:
    void showMenu(const QPoint& pos);
    void setColumnVisible(int logical, bool visible);
    void moveColumn(int logical, int by);
    void remember();
    QHeaderView* header() const;
    bool isSelectable(int logical) const;

    TableSpec m_spec;
    QString m_identity;
    QTableView* m_view = nullptr;
    bool m_applying = false;
};
