#include "ReportsDatabasePrompt.h"

#include "background/ReportsDatabase.h"
#include "forms/Prompt.h"

#include <QCoreApplication>

namespace ReportsDatabasePrompt {
bool attach(QWidget* parent, const QString& primaryConnection, const DatabaseUrl& url)
{
    const QString name = primaryConnection + QStringLiteral("_reports");
    const ReportsDatabase::Status status = ReportsDatabase::attach(primaryConnection, url, name);
    if (status.usable) {
        return true;
    }
    const QString title = QCoreApplication::translate("ReportsDatabasePrompt", "Reports database");
    const QString question = QCoreApplication::translate("ReportsDatabasePrompt", "Use the primary database for "
                                                                                  "reports?");
    if (status.lagSeconds > 0) {
        // Reachable but behind: the user may still prefer it (the primary is busy, say).
        const Prompt::Button answer = Prompt::ask(parent, title, status.message + QStringLiteral("\n\n") + question,
                                                  Prompt::Yes | Prompt::No, Prompt::Yes);
        if (answer == Prompt::No) {
            ReportsDatabase::attach(primaryConnection, url, name, true);
        }
        return true;
    }
    const Prompt::Button answer = Prompt::ask(parent, title, status.message + QStringLiteral("\n\n") + question,
                                              Prompt::Yes | Prompt::Cancel, Prompt::Yes);
    return answer == Prompt::Yes;
}
} // namespace ReportsDatabasePrompt
