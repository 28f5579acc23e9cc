#include "RecordForm.h"

#include <QTabWidget>

namespace {
struct Panel
{
    QString objectName;
    QString title;
    RecordForm::PanelFactory factory;
};
QList<Panel>& panels()
{
    static QList<Panel> list;
    return list;
}
} // namespace

void RecordForm::addPanel(const QString& objectName, const QString& title, PanelFactory factory)
{
    for (Panel& p : panels()) {
        if (p.objectName == objectName) {
            p = Panel{objectName, title, std::move(factory)};
            return;
        }
    }
    panels().append(Panel{objectName, title, std::move(factory)});
}

QWidget* RecordForm::withPanels(QWidget* content)
{
    if (isNew() || panels().isEmpty()) {
        return content; // a new record has no history yet
    }
    // Forms that already have tabs (the user form) get the panels as further tabs of their own.
    QTabWidget* tabs = content->findChild<QTabWidget*>(QStringLiteral("tabs"));
    QWidget* outer = content;
    if (!tabs) {
        tabs = new QTabWidget(this);
        tabs->setObjectName(QStringLiteral("formTabs"));
        tabs->setDocumentMode(true);
        tabs->addTab(content, tr("Details"));
        outer = tabs;
    }
    for (const Panel& p : std::as_const(panels())) {
        if (QWidget* panel = p.factory(this, m_spec, m_db, m_key)) {
            panel->setObjectName(p.objectName);
            tabs->addTab(panel, p.title);
        }
    }
    return outer;
}
