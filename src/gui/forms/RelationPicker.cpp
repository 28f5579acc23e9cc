#include "RelationPicker.h"

#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

RelationPicker::RelationPicker(const QString& name, QWidget* parent) : QWidget(parent)
{
    setObjectName(name + QStringLiteral("Picker"));
    m_edit = new QLineEdit(this);
    m_edit->setObjectName(name + QStringLiteral("SearchEdit"));
    m_edit->setClearButtonEnabled(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(name + QStringLiteral("MatchesList"));
    m_list->setMaximumHeight(m_list->fontMetrics().height() * 6);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_edit);
    layout->addWidget(m_list);
    // Single pickers show their matches only while the user is looking for one.
    m_list->setVisible(false);
    connect(m_edit, &QLineEdit::textEdited, this, [this] {
        refresh();
        m_list->setVisible(true);
    });
    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (!m_multi) {
            pick(row);
        }
    });
}

void RelationPicker::setLookup(Lookup lookup)
{
    m_lookup = std::move(lookup);
}

void RelationPicker::setDisplay(std::function<QString(const QVariant&)> display)
{
    m_displayFor = std::move(display);
}

void RelationPicker::setKeyValue(const QVariant& key)
{
    if (!key.isValid() || key.toString().isEmpty()) {
        m_key = QVariant();
        m_display.clear();
        m_edit->clear();
        return;
    }
    setKey(key, m_displayFor ? m_displayFor(key) : key.toString());
}

void RelationPicker::setMultiSelection(bool on)
{
    m_multi = on;
    m_list->setVisible(on);
    m_list->setSelectionMode(on ? QAbstractItemView::ExtendedSelection : QAbstractItemView::SingleSelection);
}

void RelationPicker::setPlaceholderText(const QString& text)
{
    m_edit->setPlaceholderText(text);
}

void RelationPicker::refresh()
{
    if (!m_lookup) {
        return;
    }
    m_matches = m_lookup(m_edit->text());
    const QSignalBlocker blocker(m_list);
    m_list->clear();
    for (const Match& m : std::as_const(m_matches)) {
        m_list->addItem(m.display);
    }
}

void RelationPicker::pick(int row)
{
    if (row < 0 || row >= m_matches.size()) {
        return;
    }
    m_key = m_matches.at(row).key;
    m_display = m_matches.at(row).display;
    if (!m_multi) {
        const QSignalBlocker blocker(m_edit);
        m_edit->setText(m_display);
        m_list->setVisible(false);
    }
    emit picked(m_key);
}

void RelationPicker::setKey(const QVariant& key, const QString& display)
{
    m_key = key;
    m_display = display;
    m_edit->setText(display);
    refresh();
    for (int i = 0; i < m_matches.size(); ++i) {
        if (m_matches.at(i).key.toString() == key.toString()) {
            const QSignalBlocker blocker(m_list);
            m_list->setCurrentRow(i);
        }
    }
}

QList<RelationPicker::Match> RelationPicker::selectedMatches() const
{
    QList<Match> out;
    for (int i = 0; i < m_list->count(); ++i) {
        if (m_list->item(i)->isSelected() && i < m_matches.size()) {
            out << m_matches.at(i);
        }
    }
    return out;
}
