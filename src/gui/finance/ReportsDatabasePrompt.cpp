#include "ReportsDatabasePrompt.h"

#include "background/BackgroundQueries.h"
#include "background/ReportsDatabase.h"
#include "forms/Prompt.h"

#include <QCoreApplication>
#include <QSqlDatabase>

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

bool offerPrimaryAfterFailure(QWidget* parent, const QString& primaryConnection)
{
    // One question at a time: a page's other reads fail the same way while it is open.
    static bool asking = false;
    if (asking || !BackgroundQueries::hasReportsConnection(primaryConnection)) {
        return false;
    }
    const QString reports = BackgroundQueries::reportsConnection(primaryConnection);
    const ReportsDatabase::Status status = ReportsDatabase::check(QSqlDatabase::database(primaryConnection, false),
                                                                  QSqlDatabase::database(reports, false));
    if (status.usable) {
        return false;
    }
    asking = true;
    const Prompt::Button answer =
        Prompt::ask(parent, QCoreApplication::translate("ReportsDatabasePrompt", "Reports database"),
                    status.message + QStringLiteral("\n\n") +
                        QCoreApplication::translate("ReportsDatabasePrompt", "Use the primary database for reports?"),
                    Prompt::Yes | Prompt::No, Prompt::Yes);
    asking = false;
    if (answer != Prompt::Yes) {
        return false;
    }
    ReportsDatabase::detach(primaryConnection);
    return true;
}
} // namespace ReportsDatabasePrompt
