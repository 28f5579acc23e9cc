#include "RelationCellEditor.h"

#include "services/RelationLookup.h"

#include <QCompleter>
#include <QStringListModel>

RelationCellEditor::RelationCellEditor(QSqlDatabase db, const ColumnSpec& column, QWidget* parent)
    : QLineEdit(parent), m_db(std::move(db)), m_column(column), m_matches(new QStringListModel(this))
{
    setObjectName(QStringLiteral("relationEditor"));
    setPlaceholderText(tr("Type to find…"));
    auto* completer = new QCompleter(m_matches, this);
    completer->setObjectName(QStringLiteral("relationCompleter"));
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);
    setCompleter(completer);
    connect(this, &QLineEdit::textEdited, this, &RelationCellEditor::lookUp);
}

void RelationCellEditor::lookUp(const QString& text)
{
    QStringList displays;
    for (const RelationLookup::Match& match : RelationLookup::firstMatches(m_db, m_column, text.trimmed())) {
        displays << match.display;
    }
    m_matches->setStringList(displays);
    completer()->complete();
}

std::optional<RelationCellEditor::Pick> RelationCellEditor::pick() const
{
    const QString typed = text().trimmed();
    if (typed.isEmpty()) {
        return std::nullopt;
    }
    for (const RelationLookup::Match& match : RelationLookup::firstMatches(m_db, m_column, typed)) {
        if (match.display.compare(typed, Qt::CaseInsensitive) == 0) {
            return Pick{match.key, match.display};
        }
    }
    return std::nullopt;
}
