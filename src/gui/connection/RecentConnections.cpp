#include "RecentConnections.h"

#include "db/DatabaseUrl.h"

#include <QSettings>

namespace {
const QString key = QStringLiteral("connections/recent");
}

QStringList RecentConnections::list()
{
    return QSettings().value(key).toStringList();
}

void RecentConnections::add(const QString& url)
{
    // Re-parse and re-print so a password typed into the URL can never reach the settings file.
    const auto parsed = DatabaseUrl::parse(url);
    if (!parsed) {
        return;
    }
    const QString safe = parsed->toString(false);
    QStringList entries = list();
    entries.removeAll(safe);
    entries.prepend(safe);
    while (entries.size() > maxEntries) {
        entries.removeLast();
    }
    QSettings().setValue(key, entries);
}

void RecentConnections::clear()
{
    QSettings().remove(key);
}
