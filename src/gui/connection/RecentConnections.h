#pragma once

#include <QStringList>

// Connections opened before, newest first, kept in QSettings as URLs without their password
// (DatabaseUrl::toString() leaves it out).
class RecentConnections
{
public:
    static QStringList list();
    static void add(const QString& urlWithoutPassword);
    static void clear();
    static constexpr int maxEntries = 8;
};
