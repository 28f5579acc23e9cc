#pragma once

#include "db/DatabaseUrl.h"

#include <QStringList>

#include <optional>

class QWidget;

// Asks for a PostgreSQL password when the server wants one and the URL has none (or it was
// rejected). The answer is used for that connection only and never stored.
//
// Like Prompt, a seam for tests: while Prompt::testMode() is on nothing is shown; ask() returns the
// next queued answer (Cancel when none is left) and records the question.
namespace PasswordPrompt {
// nullopt when the user cancelled.
std::optional<QString> ask(QWidget* parent, const DatabaseUrl& url, const QString& reason);

// For tests.
void queueAnswer(const std::optional<QString>& answer); // nullopt answers Cancel
QStringList asked();                                    // "user@host:port: reason" of every question
void clear();
} // namespace PasswordPrompt
