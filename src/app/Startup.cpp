#include "Startup.h"

#include "CommandLine.h"
#include "connection/ConnectionDialog.h"
#include "connection/DatabaseOpener.h"
#include "connection/DemoConnection.h"
#include "connection/RecentConnections.h"
#include "finance/ReportsDatabasePrompt.h"
#include "forms/Prompt.h"
#include "mainwindow/MainWindow.h"
#include "pages/Page.h"

#include <QApplication>
#include <QPixmap>
#include <QTextStream>
#include <QTimer>

#include <optional>

namespace {
std::optional<DatabaseUrl> chooseConnection(const CommandLine& cl, QString* reportsUrl, QString* error)
{
    if (!cl.database.isEmpty()) {
        *reportsUrl = cl.reportsDatabase;
        return DatabaseUrl::parse(cl.database, error);
    }
    // The first launch (nothing remembered) opens the demo, so there is something to look at.
    if (cl.demo || RecentConnections::list().isEmpty()) {
        return DemoConnection::ensure(error);
    }
    ConnectionDialog dialog;
    if (dialog.exec() != QDialog::Accepted) {
        error->clear();
        return std::nullopt;
    }
    *reportsUrl = dialog.reportsUrl();
    return dialog.demoRequested() ? DemoConnection::ensure(error) : dialog.url();
}

// Renders the window to `file` once `page` is ready; exits the event loop with the result.
void captureWhenReady(QApplication& app, MainWindow& window, Page* page, const QString& file)
{
    auto grab = [&app, &window, file] {
        // One more turn so the view has laid out and painted the rows it was given.
        QTimer::singleShot(0, &window, [&app, &window, file] {
            const bool ok = window.grab().save(file, "PNG");
            if (!ok) {
                QTextStream(stderr) << "Could not write " << file << "\n";
            }
            app.exit(ok ? 0 : 1);
        });
    };
    if (!page || page->isReady()) {
        grab();
    } else {
        QObject::connect(page, &Page::ready, &window, grab, Qt::SingleShotConnection);
    }
    QTimer::singleShot(60000, &window, [&app] {
        QTextStream(stderr) << "The page did not become ready within 60 s\n";
        app.exit(1);
    });
}
} // namespace

int runGui(QApplication& app, const CommandLine& cl)
{
    QTextStream err(stderr);
    const bool screenshot = !cl.screenshot.isEmpty();
    if (screenshot) {
        // Unattended: no dialog may wait for an answer; questions take their default button, and
        // nothing is created or migrated (what would need a Yes fails with a message).
        Prompt::setTestMode(true);
        DatabaseOpener::setUnattended(true);
    }
    QString error;
    QString reportsUrl;
    const std::optional<DatabaseUrl> url = chooseConnection(cl, &reportsUrl, &error);
    if (!url) {
        if (!error.isEmpty()) {
            err << error << "\n";
            return 1;
        }
        return 0;
    }
    MainWindow window;
    if (!window.openConnection(*url)) {
        err << "Could not open " << url->toString() << "\n";
        for (const QString& asked : Prompt::asked()) {
            err << asked << "\n";
        }
        return 1;
    }
    if (!reportsUrl.isEmpty()) {
        const auto reports = DatabaseUrl::parse(reportsUrl, &error);
        if (!reports) {
            err << "--reports-database: " << error << "\n";
            return 2;
        }
        if (!ReportsDatabasePrompt::attach(&window, window.database().connectionName(), *reports)) {
            return 1;
        }
    }
    const QString pageName = cl.page == QLatin1String("business") ? QStringLiteral("business") : cl.page;
    if (!pageName.isEmpty()) {
        window.showPage(pageName);
    }
    if (screenshot) {
        window.resize(cl.screenshotSize);
        window.show();
        captureWhenReady(app, window, window.currentPage(), cl.screenshot);
        return app.exec();
    }
    window.show();
    return app.exec();
}
