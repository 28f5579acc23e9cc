#include "ColumnChooser.h"

#include "views/LocalViewSettings.h"

#include <QAction>
#include <QHeaderView>
#include <QMenu>
#include <QTableView>

ColumnChooser::ColumnChooser(const TableSpec& spec, QString identity, QTableView* view, QObject* parent)
    : QObject(parent), m_spec(spec), m_identity(std::move(identity)), m_view(view)
{
    setObjectName(QStringLiteral("columnChooser"));
    QHeaderView* h = header();
    h->setSectionsMovable(true);
    h->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(h, &QHeaderView::customContextMenuRequested, this, &ColumnChooser::showMenu);
    connect(h, &QHeaderView::sectionMoved, this, [this] {
        if (!m_applying) {
            remember();
        }
    });
}

QHeaderView* ColumnChooser::header() const
{
    return m_view->horizontalHeader();
}

bool ColumnChooser::isSelectable(int logical) const
{
    return logical >= 0 && logical < m_spec.columns.size() &&
           m_spec.columns.at(logical).kind != ColumnSpec::Kind::Secret;
}

QStringList ColumnChooser::visibleColumns() const
{
    QStringList out;
    QHeaderView* h = header();
    for (int visual = 0; visual < h->count(); ++visual) {
        const int logical = h->logicalIndex(visual);
        if (isSelectable(logical) && !h->isSectionHidden(logical)) {
            out << m_spec.columns.at(logical).name;
        }
    }
    return out;
}

void ColumnChooser::restore()
{
    const auto layout = LocalViewSettings::columnLayout(m_identity, m_spec.pageId);
    if (layout.isEmpty()) {
        return;
    }
    QStringList visible;
    for (const QString& name : layout.order) {
        if (!layout.hidden.contains(name)) {
            visible << name;
        }
    }
    // Columns a later release added (in neither list) show at the end.
    for (const ColumnSpec& c : std::as_const(m_spec.columns)) {
        if (!layout.order.contains(c.name) && !layout.hidden.contains(c.name) && c.kind != ColumnSpec::Kind::Secret) {
            visible << c.name;
        }
    }
    m_applying = true;
    setVisibleColumns(visible);
    m_applying = false;
}

void ColumnChooser::setVisibleColumns(const QStringList& wanted)
{
    QHeaderView* h = header();
    const bool applying = std::exchange(m_applying, true);
    QStringList columns;
    for (const QString& name : wanted) {
        if (isSelectable(m_spec.indexOf(name)) && !columns.contains(name)) {
            columns << name;
        }
    }
    if (columns.isEmpty()) {
        // The page's own layout: spec order, everything but secrets.
        for (int logical = 0; logical < m_spec.columns.size(); ++logical) {
            h->moveSection(h->visualIndex(logical), logical);
            h->setSectionHidden(logical, !isSelectable(logical));
        }
    } else {
        int visual = 0;
        for (const QString& name : std::as_const(columns)) {
            const int logical = m_spec.indexOf(name);
            h->moveSection(h->visualIndex(logical), visual++);
            h->setSectionHidden(logical, false);
        }
        for (int logical = 0; logical < m_spec.columns.size(); ++logical) {
            if (!columns.contains(m_spec.columns.at(logical).name)) {
                h->setSectionHidden(logical, true);
            }
        }
    }
    m_applying = applying;
    if (!m_applying) {
        remember();
    }
    emit layoutChanged();
}

void ColumnChooser::resetToDefault()
{
    setVisibleColumns({});
    LocalViewSettings::clearColumnLayout(m_identity, m_spec.pageId);
}

void ColumnChooser::setColumnVisible(int logical, bool visible)
{
    if (!isSelectable(logical)) {
        return;
    }
    if (!visible && visibleColumns().size() <= 1) {
        return; // the last visible column stays: a table without columns cannot be used
    }
    header()->setSectionHidden(logical, !visible);
    remember();
    emit layoutChanged();
}

void ColumnChooser::moveColumn(int logical, int by)
{
    QHeaderView* h = header();
    int visual = h->visualIndex(logical);
    // Step over hidden sections so the column visibly moves by one.
    int target = visual;
    do {
        target += by;
    } while (target >= 0 && target < h->count() && h->isSectionHidden(h->logicalIndex(target)));
    if (target < 0 || target >= h->count()) {
        return;
    }
    h->moveSection(visual, target);
    remember();
    emit layoutChanged();
}

void ColumnChooser::remember()
{
    LocalViewSettings::ColumnLayout layout;
    QHeaderView* h = header();
    for (int visual = 0; visual < h->count(); ++visual) {
        const int logical = h->logicalIndex(visual);
        if (!isSelectable(logical)) {
            continue;
        }
        layout.order << m_spec.columns.at(logical).name;
        if (h->isSectionHidden(logical)) {
            layout.hidden << m_spec.columns.at(logical).name;
        }
    }
    LocalViewSettings::setColumnLayout(m_identity, m_spec.pageId, layout);
}

QMenu* ColumnChooser::createMenu(int logicalColumn, QWidget* parent)
{
    auto* menu = new QMenu(parent);
    menu->setObjectName(QStringLiteral("columnMenu"));
    QHeaderView* h = header();
    const int visibleCount = visibleColumns().size();
    // In display order, so the menu reads like the header.
    for (int visual = 0; visual < h->count(); ++visual) {
        const int logical = h->logicalIndex(visual);
        if (!isSelectable(logical)) {
            continue;
        }
        QAction* action = menu->addAction(m_spec.columns.at(logical).header);
        action->setObjectName(QStringLiteral("showColumn_") + m_spec.columns.at(logical).name);
        action->setCheckable(true);
        action->setChecked(!h->isSectionHidden(logical));
        action->setEnabled(h->isSectionHidden(logical) || visibleCount > 1);
        connect(action, &QAction::toggled, this, [this, logical](bool on) { setColumnVisible(logical, on); });
    }
    menu->addSeparator();
    if (isSelectable(logicalColumn)) {
        const QString header = m_spec.columns.at(logicalColumn).header;
        QAction* hide = menu->addAction(tr("Hide \u201C%1\u201D").arg(header));
        hide->setObjectName(QStringLiteral("hideColumnAction"));
        hide->setEnabled(visibleCount > 1);
        connect(hide, &QAction::triggered, this, [this, logicalColumn] { setColumnVisible(logicalColumn, false); });
        QAction* left = menu->addAction(tr("Move \u201C%1\u201D left").arg(header));
        left->setObjectName(QStringLiteral("moveColumnLeftAction"));
        left->setEnabled(visibleColumns().indexOf(m_spec.columns.at(logicalColumn).name) > 0);
        connect(left, &QAction::triggered, this, [this, logicalColumn] { moveColumn(logicalColumn, -1); });
        QAction* right = menu->addAction(tr("Move \u201C%1\u201D right").arg(header));
        right->setObjectName(QStringLiteral("moveColumnRightAction"));
        right->setEnabled(visibleColumns().indexOf(m_spec.columns.at(logicalColumn).name) < visibleCount - 1);
        connect(right, &QAction::triggered, this, [this, logicalColumn] { moveColumn(logicalColumn, 1); });
        menu->addSeparator();
    }
    QAction* reset = menu->addAction(tr("Show all columns in their first order"));
    reset->setObjectName(QStringLiteral("resetColumnsAction"));
    connect(reset, &QAction::triggered, this, &ColumnChooser::resetToDefault);
    return menu;
}

void ColumnChooser::showMenu(const QPoint& pos)
{
    QMenu* menu = createMenu(header()->logicalIndexAt(pos), m_view);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->popup(header()->mapToGlobal(pos));
}
