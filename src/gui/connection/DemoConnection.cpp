#include "DemoConnection.h"

#include "demo/DemoDatabase.h"

QString DemoConnection::defaultPath()
{
    return DemoDatabase::defaultPath();
}

std::optional<DatabaseUrl> DemoConnection::ensure(QString* error)
{
    const QString path = defaultPath();
    if (!DemoDatabase::ensure(path, error)) {
        return std::nullopt;
    }
    return DatabaseUrl::sqliteFile(path);
}
