#pragma once

#include <QString>

#include <optional>

class QWidget;

// Asks for a short name (a saved view's). Follows Prompt's test mode: no dialog, the next queued
// answer (nullopt = cancelled; nothing queued = cancelled).
namespace NamePrompt {
std::optional<QString> ask(QWidget* parent, const QString& title, const QString& label, const QString& initial = {});
void queueAnswer(const std::optional<QString>& answer);
} // namespace NamePrompt
