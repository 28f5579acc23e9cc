#include "PasswordPrompt.h"

#include "forms/Prompt.h"

#include <QCoreApplication>
#include <QInputDialog>
#include <QLineEdit>
#include <QList>

namespace {
QList<std::optional<QString>> s_answers;
QStringList s_asked;

QString tr(const char* text)
{
    return QCoreApplication::translate("PasswordPrompt", text);
}
} // namespace

std::optional<QString> PasswordPrompt::ask(QWidget* parent, const DatabaseUrl& url, const QString& reason)
{
    const QString who = QStringLiteral("%1@%2:%3").arg(url.user, url.host).arg(url.port);
    s_asked << who + QStringLiteral(": ") + reason;
    if (Prompt::testMode()) {
        return s_answers.isEmpty() ? std::nullopt : s_answers.takeFirst();
    }
    QInputDialog dialog(parent);
    dialog.setObjectName(QStringLiteral("passwordDialog"));
    dialog.setWindowTitle(tr("Password for %1").arg(url.displayName()));
    dialog.setLabelText(tr("%1\n\nPassword for %2 (used for this connection only, never saved):").arg(reason, who));
    dialog.setTextEchoMode(QLineEdit::Password);
    dialog.setInputMode(QInputDialog::TextInput);
    if (dialog.exec() != QDialog::Accepted) {
        return std::nullopt;
    }
    return dialog.textValue();
}

void PasswordPrompt::queueAnswer(const std::optional<QString>& answer)
{
    s_answers << answer;
}

QStringList PasswordPrompt::asked()
{
    return s_asked;
}

void PasswordPrompt::clear()
{
    s_answers.clear();
    s_asked.clear();
}
