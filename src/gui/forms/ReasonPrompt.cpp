#include "ReasonPrompt.h"

#include "forms/Prompt.h"

#include <QInputDialog>
#include <QList>

namespace ReasonPrompt {

namespace {
QList<std::optional<QString>> s_answers;
}

std::optional<QString> ask(QWidget* parent, const QString& title, const QString& label)
{
    if (Prompt::testMode()) {
        return s_answers.isEmpty() ? std::optional<QString>(QString()) : s_answers.takeFirst();
    }
    bool ok = false;
    const QString text = QInputDialog::getMultiLineText(parent, title, label, QString(), &ok);
    return ok ? std::optional<QString>(text.trimmed()) : std::nullopt;
}

void queueAnswer(const std::optional<QString>& answer)
{
    s_answers.append(answer);
}

} // namespace ReasonPrompt
