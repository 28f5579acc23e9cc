#include "Prompt.h"

#include <QAbstractButton>
#include <QMessageBox>

namespace {
bool s_testMode = false;
QList<Prompt::Button> s_answers;
QStringList s_asked;

QMessageBox::StandardButtons toStandard(int buttons)
{
    QMessageBox::StandardButtons out;
    const QList<QPair<int, QMessageBox::StandardButton>> map = {
        {Prompt::Ok, QMessageBox::Ok},           {Prompt::Yes, QMessageBox::Yes},
        {Prompt::No, QMessageBox::No},           {Prompt::Save, QMessageBox::Save},
        {Prompt::Discard, QMessageBox::Discard}, {Prompt::Cancel, QMessageBox::Cancel}};
    for (const auto& [ours, theirs] : map) {
        if (buttons & ours) {
            out |= theirs;
        }
    }
    return out;
}

Prompt::Button fromStandard(int button)
{
    switch (button) {
    case QMessageBox::Ok:
        return Prompt::Ok;
    case QMessageBox::Yes:
        return Prompt::Yes;
    case QMessageBox::No:
        return Prompt::No;
    case QMessageBox::Save:
        return Prompt::Save;
    case QMessageBox::Discard:
        return Prompt::Discard;
    default:
        return Prompt::Cancel;
    }
}

Prompt::Button show(QWidget* parent, QMessageBox::Icon icon, const QString& title, const QString& text, int buttons,
                    Prompt::Button defaultButton, const QString& details,
                    const QList<QPair<Prompt::Button, QString>>& labels = {})
{
    s_asked << title + QStringLiteral(": ") + text + (details.isEmpty() ? QString() : QStringLiteral("\n") + details);
    if (s_testMode) {
        return s_answers.isEmpty() ? defaultButton : s_answers.takeFirst();
    }
    QMessageBox box(icon, title, text, toStandard(buttons), parent);
    box.setObjectName(QStringLiteral("promptBox"));
    box.setDefaultButton(static_cast<QMessageBox::StandardButton>(toStandard(defaultButton).toInt()));
    if (!details.isEmpty()) {
        box.setInformativeText(details);
    }
    for (const auto& [button, label] : labels) {
        if (QAbstractButton* b = box.button(static_cast<QMessageBox::StandardButton>(toStandard(button).toInt()))) {
            b->setText(label);
        }
    }
    return fromStandard(box.exec());
}
} // namespace

Prompt::Button Prompt::ask(QWidget* parent, const QString& title, const QString& text, int buttons,
                           Button defaultButton, const QString& details)
{
    return show(parent, QMessageBox::Question, title, text, buttons, defaultButton, details);
}

Prompt::Button Prompt::ask(QWidget* parent, const QString& title, const QString& text, int buttons,
                           Button defaultButton, const QString& details, const QList<QPair<Button, QString>>& labels)
{
    return show(parent, QMessageBox::Question, title, text, buttons, defaultButton, details, labels);
}

void Prompt::warn(QWidget* parent, const QString& title, const QString& text, const QString& details)
{
    show(parent, QMessageBox::Warning, title, text, Ok, Ok, details);
}

void Prompt::inform(QWidget* parent, const QString& title, const QString& text)
{
    show(parent, QMessageBox::Information, title, text, Ok, Ok, QString());
}

void Prompt::setTestMode(bool on)
{
    s_testMode = on;
    s_answers.clear();
}

bool Prompt::testMode()
{
    return s_testMode;
}

void Prompt::queueAnswer(Button answer)
{
    s_answers << answer;
}

QStringList Prompt::asked()
{
    return s_asked;
}

void Prompt::clearAsked()
{
    s_asked.clear();
}
