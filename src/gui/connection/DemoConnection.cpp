#include "DemoConnection.h"

#if __has_include("demo/DemoDatabase.h")
#include "demo/DemoDatabase.h"
#define COURSEDESK_HAVE_DEMO_DATABASE 1
#endif

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

QString DemoConnection::defaultPath()
{
#ifdef COURSEDESK_HAVE_DEMO_DATABASE
    return DemoDatabase::defaultPath();
#else
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("demo.db"));
#endif
}

std::optional<DatabaseUrl> DemoConnection::ensure(QString* error)
{
    const QString path = defaultPath();
#ifdef COURSEDESK_HAVE_DEMO_DATABASE
    if (!DemoDatabase::ensure(path, error)) {
        return std::nullopt;
    }
#else
    // TODO(lead): remove once src/core/demo/DemoDatabase.h lands; until then the demo database
    // is an empty schema (DatabaseOpener offers to create it).
    Q_UNUSED(error);
    QDir().mkpath(QFileInfo(path).absolutePath());
#endif
    return DatabaseUrl::sqliteFile(path);
}
