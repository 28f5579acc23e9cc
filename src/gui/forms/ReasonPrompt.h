#pragma once

#include <QDialog>
#include <QString>

#include <optional>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

// The reason dialog of a status change or refund, usable without a mouse: Tab leaves the text box
// (to the buttons), Return or Ctrl+Return is OK (Shift+Return starts a new line), Escape cancels.
class ReasonDialog : public QDialog
{
    Q_OBJECT
public:
    ReasonDialog(const QString& title, const QString& label, QWidget* parent = nullptr);
    QString reason() const;
    QPlainTextEdit* textEdit() const { return m_text; }
    QDialogButtonBox* buttons() const { return m_buttons; }

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QPlainTextEdit* m_text = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

// Asks for the reason written to the audit log with a status change or refund. Follows Prompt's
// test mode: no dialog, the next queued answer (nullopt = cancelled; nothing queued = empty reason).
namespace ReasonPrompt {
std::optional<QString> ask(QWidget* parent, const QString& title, const QString& label);
void queueAnswer(const std::optional<QString>& answer);
} // namespace ReasonPrompt
