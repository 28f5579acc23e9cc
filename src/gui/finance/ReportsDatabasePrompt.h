#pragma once

#include "db/DatabaseUrl.h"

#include <QString>

class QWidget;

// Attaches a read replica as the reports database of an open connection, and when it is down or
// behind, says so and offers the primary instead.
namespace ReportsDatabasePrompt {
// True when the app can go on: reads on the replica, or on the primary because the user took the
// offer. False when the user cancelled.
bool attach(QWidget* parent, const QString& primaryConnection, const DatabaseUrl& url);
} // namespace ReportsDatabasePrompt
