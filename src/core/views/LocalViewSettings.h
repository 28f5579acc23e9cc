#pragma once

#include "db/DatabaseUrl.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

// What Coursedesk keeps on this computer about a page of one database: its column layout and the
// saved views of a database without coursedesk_saved_views. Keyed by the database's identity
// (engine, host, port and name, or the SQLite file's path: never a user or a password) plus the
// page id, in the app's QSettings.
namespace LocalViewSettings {
// "postgresql://db.example.in:5432/platform", "sqlite:///home/me/platform.db".
QString databaseIdentity(const DatabaseUrl& url);

struct ColumnLayout
{
    QStringList order;  // every column by name, in display order
    QStringList hidden; // columns the user hid
    bool isEmpty() const { return order.isEmpty() && hidden.isEmpty(); }
};
ColumnLayout columnLayout(const QString& identity, const QString& pageId);
void setColumnLayout(const QString& identity, const QString& pageId, const ColumnLayout& layout);
void clearColumnLayout(const QString& identity, const QString& pageId);

// Saved views kept locally: name -> definition JSON.
QMap<QString, QByteArray> views(const QString& identity, const QString& pageId);
void setViews(const QString& identity, const QString& pageId, const QMap<QString, QByteArray>& views);
} // namespace LocalViewSettings
