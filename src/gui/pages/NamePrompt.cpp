#include "NamePrompt.h"

#include "forms/Prompt.h"

#include <QInputDialog>
#include <QList>

namespace NamePrompt {

namespace {
QList<std::optional<QString>> s_answers;
}

std::optional<QString> ask(QWidget* parent, const QString& title, const QString& label, const QString& initial)
{
    if (Prompt::testMode()) {
        return s_answers.isEmpty() ? std::nullopt : s_answers.takeFirst();
    }
    bool ok = false;
    const QString text = QInputDialog::getText(parent, title, label, QLineEdit::Normal, initial, &ok);
    return ok ? std::optional<QString>(text.trimmed()) : std::nullopt;
}

void queueAnswer(const std::optional<QString>& answer)
{
    s_answers.append(answer);
}

} // namespace NamePrompt
