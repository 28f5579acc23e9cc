#include "SavedViewsBar.h"

#include "NamePrompt.h"
#include "TablePage.h"
#include "forms/Prompt.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QToolButton>

SavedViewsBar::SavedViewsBar(TablePage* page, QWidget* parent) : QWidget(parent), m_page(page)
{
    setObjectName(QStringLiteral("savedViewsBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_combo = new QComboBox(this);
    m_combo->setObjectName(QStringLiteral("savedViewCombo"));
    m_combo->setToolTip(tr("Apply a saved view: its search, filters, sort and columns"));
    // A fixed width: the list is read after the page is laid out, and must not push the page wider.
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_combo->setMinimumContentsLength(10);
    m_button = new QToolButton(this);
    m_button->setObjectName(QStringLiteral("savedViewsButton"));
    m_button->setText(tr("Views ▾"));
    m_button->setPopupMode(QToolButton::InstantPopup);
    // The style's own arrow is drawn over the text's last letter; the text carries one instead.
    m_button->setStyleSheet(QStringLiteral("QToolButton::menu-indicator { image: none; width: 0px; }"));
    m_where = new QLabel(this);
    m_where->setObjectName(QStringLiteral("savedViewsLocationLabel"));
    // As wide as its longer text from the start: filled in when the page loads, it must not
    // re-lay out the page then (the toolbar would keep an overflow button it no longer needs).
    m_where->setText(tr("this computer"));
    m_where->setMinimumWidth(m_where->sizeHint().width());
    layout->addWidget(m_combo);
    layout->addWidget(m_button);
    layout->addWidget(m_where);

    auto* menu = new QMenu(m_button);
    menu->setObjectName(QStringLiteral("savedViewsMenu"));
    menu->menuAction()->setObjectName(QStringLiteral("savedViewsMenuAction"));
    auto add = [this, menu](const QString& name, const QString& text, const QString& tip) {
        QAction* action = menu->addAction(text);
        action->setObjectName(name);
        action->setToolTip(tip);
        return action;
    };
    m_saveAs = add(QStringLiteral("saveViewAsAction"), tr("Save view as\u2026"),
                   tr("Keep the current search, filters, sort and columns under a name"));
    m_update = add(QStringLiteral("updateViewAction"), tr("Update view"),
                   tr("Replace the chosen view with what the page shows now"));
    m_rename =
        add(QStringLiteral("renameViewAction"), tr("Rename view\u2026"), tr("Give the chosen view another name"));
    m_delete = add(QStringLiteral("deleteViewAction"), tr("Delete view\u2026"), tr("Delete the chosen view"));
    m_button->setMenu(menu);
    m_saveAs->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V));
    m_saveAs->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    page->addAction(m_saveAs);
    connect(m_saveAs, &QAction::triggered, this, &SavedViewsBar::saveViewAs);
    connect(m_update, &QAction::triggered, this, &SavedViewsBar::updateView);
    connect(m_rename, &QAction::triggered, this, &SavedViewsBar::renameView);
    connect(m_delete, &QAction::triggered, this, &SavedViewsBar::deleteView);
    connect(m_combo, &QComboBox::currentIndexChanged, this, [this](int index) {
        if (!m_filling && index > 0) {
            applyView(m_combo->itemText(index));
        }
        updateActions();
    });
    updateActions();
}

void SavedViewsBar::load()
{
    m_store = std::make_unique<SavedViewStore>(m_page->database(), m_page->spec());
    const bool shared = m_store->location() == SavedViewStore::Location::Shared;
    m_where->setText(shared ? tr("shared") : tr("this computer"));
    m_where->setToolTip(shared ? tr("Saved views are kept in this database: everyone working on it sees them")
                               : tr("This database has no coursedesk_saved_views table, so saved views are kept on "
                                    "this computer and only you see them"));
    refreshList(QString());
}

SavedViewStore::Location SavedViewsBar::location() const
{
    return m_store ? m_store->location() : SavedViewStore::Location::Local;
}

QString SavedViewsBar::currentView() const
{
    return m_combo->currentIndex() > 0 ? m_combo->currentText() : QString();
}

void SavedViewsBar::refreshList(const QString& select)
{
    m_filling = true;
    m_combo->clear();
    m_combo->addItem(tr("(no saved view)"));
    QString error;
    const QStringList names = m_store ? m_store->names(&error) : QStringList();
    m_combo->addItems(names);
    m_combo->setCurrentIndex(std::max(0, m_combo->findText(select)));
    m_filling = false;
    if (!error.isEmpty()) {
        emit m_page->statusMessage(tr("Could not read the saved views: %1").arg(error));
    }
    updateActions();
}

void SavedViewsBar::updateActions()
{
    const bool ready = m_store != nullptr;
    const bool chosen = ready && m_combo->currentIndex() > 0;
    m_saveAs->setEnabled(ready);
    m_update->setEnabled(chosen);
    m_rename->setEnabled(chosen);
    m_delete->setEnabled(chosen);
}

void SavedViewsBar::fail(const QString& title, const QString& message)
{
    emit m_page->statusMessage(message);
    Prompt::warn(this, title, message);
}

bool SavedViewsBar::applyView(const QString& name)
{
    if (!m_store) {
        return false;
    }
    QString error;
    const auto state = m_store->load(name, &error);
    if (!state) {
        fail(tr("Saved view"), error);
        refreshList(QString());
        return false;
    }
    m_page->applyViewState(*state);
    m_filling = true;
    m_combo->setCurrentIndex(std::max(0, m_combo->findText(name)));
    m_filling = false;
    updateActions();
    emit m_page->statusMessage(tr("View \u201C%1\u201D applied").arg(name));
    return true;
}

bool SavedViewsBar::saveViewAs()
{
    if (!m_store) {
        return false;
    }
    const auto name = NamePrompt::ask(this, tr("Save view"), tr("Name of the view:"), currentView());
    if (!name) {
        return false;
    }
    if (const QString why = SavedViewStore::checkName(*name); !why.isEmpty()) {
        fail(tr("Save view"), why);
        return false;
    }
    bool replace = false;
    if (m_store->contains(*name)) {
        if (Prompt::ask(this, tr("Save view"), tr("A view named \u201C%1\u201D exists. Replace it?").arg(*name),
                        Prompt::Yes | Prompt::No, Prompt::No) != Prompt::Yes) {
            return false;
        }
        replace = true;
    }
    QString error;
    if (!m_store->save(*name, m_page->viewState(), replace, &error)) {
        fail(tr("Save view"), error);
        return false;
    }
    refreshList(*name);
    emit m_page->statusMessage(m_store->location() == SavedViewStore::Location::Shared
                                   ? tr("View \u201C%1\u201D saved in the database, for everyone").arg(*name)
                                   : tr("View \u201C%1\u201D saved on this computer").arg(*name));
    return true;
}

bool SavedViewsBar::updateView()
{
    const QString name = currentView();
    if (!m_store || name.isEmpty()) {
        return false;
    }
    QString error;
    if (!m_store->save(name, m_page->viewState(), true, &error)) {
        fail(tr("Update view"), error);
        return false;
    }
    emit m_page->statusMessage(tr("View \u201C%1\u201D updated").arg(name));
    return true;
}

bool SavedViewsBar::renameView()
{
    const QString from = currentView();
    if (!m_store || from.isEmpty()) {
        return false;
    }
    const auto to = NamePrompt::ask(this, tr("Rename view"), tr("New name of \u201C%1\u201D:").arg(from), from);
    if (!to) {
        return false;
    }
    QString error;
    if (!m_store->rename(from, *to, &error)) {
        fail(tr("Rename view"), error);
        return false;
    }
    refreshList(to->trimmed());
    emit m_page->statusMessage(tr("View \u201C%1\u201D renamed to \u201C%2\u201D").arg(from, to->trimmed()));
    return true;
}

bool SavedViewsBar::deleteView()
{
    const QString name = currentView();
    if (!m_store || name.isEmpty()) {
        return false;
    }
    const QString who = m_store->location() == SavedViewStore::Location::Shared
                            ? tr("It is deleted for everyone working on this database.")
                            : tr("It is kept on this computer only.");
    if (Prompt::ask(this, tr("Delete view"), tr("Delete the view \u201C%1\u201D? %2").arg(name, who),
                    Prompt::Yes | Prompt::No, Prompt::No) != Prompt::Yes) {
        return false;
    }
    QString error;
    if (!m_store->remove(name, &error)) {
        fail(tr("Delete view"), error);
        return false;
    }
    refreshList(QString());
    emit m_page->statusMessage(tr("View \u201C%1\u201D deleted").arg(name));
    return true;
}
