#include "ReasonPrompt.h"

#include "forms/Prompt.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QList>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

ReasonDialog::ReasonDialog(const QString& title, const QString& label, QWidget* parent) : QDialog(parent)
{
    setObjectName(QStringLiteral("reasonDialog"));
    setWindowTitle(title);
    auto* text = new QLabel(label, this);
    text->setObjectName(QStringLiteral("reasonLabel"));
    text->setWordWrap(true);
    m_text = new QPlainTextEdit(this);
    m_text->setObjectName(QStringLiteral("reasonEdit"));
    m_text->setTabChangesFocus(true);
    m_text->setPlaceholderText(tr("Return saves; Shift+Return starts a new line"));
    text->setBuddy(m_text);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("reasonButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("reasonOkButton"));
    m_buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("reasonCancelButton"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(text);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_buttons);
    m_text->installEventFilter(this);
    m_text->setFocus();
    resize(420, 220);
}

QString ReasonDialog::reason() const
{
    return m_text->toPlainText().trimmed();
}

bool ReasonDialog::eventFilter(QObject* watched, QEvent* event)
{
    if (watched == m_text && event->type() == QEvent::KeyPress) {
        const auto* key = static_cast<QKeyEvent*>(event);
        const bool enter = key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter;
        // The text box would take Return as a new line, so OK could never be reached by keyboard.
        if (enter && !(key->modifiers() & Qt::ShiftModifier)) {
            accept();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

namespace ReasonPrompt {

namespace {
QList<std::optional<QString>> s_answers;
}

std::optional<QString> ask(QWidget* parent, const QString& title, const QString& label)
{
    if (Prompt::testMode()) {
        return s_answers.isEmpty() ? std::optional<QString>(QString()) : s_answers.takeFirst();
    }
    ReasonDialog dialog(title, label, parent);
    return dialog.exec() == QDialog::Accepted ? std::optional<QString>(dialog.reason()) : std::nullopt;
}

void queueAnswer(const std::optional<QString>& answer)
{
    s_answers.append(answer);
}

} // namespace ReasonPrompt
