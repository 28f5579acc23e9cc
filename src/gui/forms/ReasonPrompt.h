#pragma once

#include <QString>

#include <optional>

class QWidget;

// Asks for the reason written to the audit log with a status change or refund. Follows Prompt's
// test mode: no dialog, the next queued answer (nullopt = cancelled; nothing queued = empty reason).
namespace ReasonPrompt {
std::optional<QString> ask(QWidget* parent, const QString& title, const QString& label);
void queueAnswer(const std::optional<QString>& answer);
} // namespace ReasonPrompt
