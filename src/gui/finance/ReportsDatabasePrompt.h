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
// A page's read failed while a reports database serves `primaryConnection` (the replica stopped or
// fell behind mid-session): checks it again and, when it is no longer usable, says why and makes
// the same offer as at connect. True when reads now go to the primary (the page runs again); false
// when the reports database is fine (the failure was something else) or the user keeps it.
bool offerPrimaryAfterFailure(QWidget* parent, const QString& primaryConnection);
} // namespace ReportsDatabasePrompt
