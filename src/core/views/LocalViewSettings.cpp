#include "LocalViewSettings.h"

#include <QFileInfo>
#include <QSettings>
#include <QUrl>

namespace {
// One settings group per database and page; the identity is percent-encoded so that its slashes
// and colons do not split it into nested groups.
QString group(const QString& what, const QString& identity, const QString& pageId)
{
    return QStringLiteral("views/%1/%2/%3").arg(QString::fromLatin1(QUrl::toPercentEncoding(identity)), pageId, what);
}
} // namespace

namespace LocalViewSettings {

QString databaseIdentity(const DatabaseUrl& url)
{
    if (url.engine == Engine::Sqlite) {
        const QFileInfo info(url.path);
        const QString path = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
        return QStringLiteral("sqlite://") + path;
    }
    return QStringLiteral("postgresql://%1:%2/%3").arg(url.host.toLower()).arg(url.port).arg(url.database);
}

ColumnLayout columnLayout(const QString& identity, const QString& pageId)
{
    QSettings settings;
    settings.beginGroup(group(QStringLiteral("columns"), identity, pageId));
    return {settings.value(QStringLiteral("order")).toStringList(),
            settings.value(QStringLiteral("hidden")).toStringList()};
}

void setColumnLayout(const QString& identity, const QString& pageId, const ColumnLayout& layout)
{
    QSettings settings;
    settings.beginGroup(group(QStringLiteral("columns"), identity, pageId));
    settings.setValue(QStringLiteral("order"), layout.order);
    settings.setValue(QStringLiteral("hidden"), layout.hidden);
}

void clearColumnLayout(const QString& identity, const QString& pageId)
{
    QSettings().remove(group(QStringLiteral("columns"), identity, pageId));
}

QMap<QString, QByteArray> views(const QString& identity, const QString& pageId)
{
    QMap<QString, QByteArray> out;
    const QVariantMap stored = QSettings().value(group(QStringLiteral("saved"), identity, pageId)).toMap();
    for (auto it = stored.cbegin(); it != stored.cend(); ++it) {
        out.insert(it.key(), it.value().toByteArray());
    }
    return out;
}

void setViews(const QString& identity, const QString& pageId, const QMap<QString, QByteArray>& views)
{
    QVariantMap stored;
    for (auto it = views.cbegin(); it != views.cend(); ++it) {
        stored.insert(it.key(), it.value());
    }
    QSettings settings;
    if (stored.isEmpty()) {
        settings.remove(group(QStringLiteral("saved"), identity, pageId));
    } else {
        settings.setValue(group(QStringLiteral("saved"), identity, pageId), stored);
    }
}

} // namespace LocalViewSettings
