#include "DatabaseUrl.h"

#include <QFileInfo>
#include <QUrl>
#include <QUrlQuery>

namespace {
bool fail(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}
} // namespace

std::optional<DatabaseUrl> DatabaseUrl::parse(const QString& text, QString* error)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        fail(error, QStringLiteral("The database URL is empty."));
        return std::nullopt;
    }
    const QUrl url(trimmed, QUrl::StrictMode);
    if (!url.isValid()) {
        fail(error, QStringLiteral("Not a valid URL: %1").arg(url.errorString()));
        return std::nullopt;
    }
    DatabaseUrl result;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("sqlite")) {
        result.engine = Engine::Sqlite;
        result.path = url.path(QUrl::FullyDecoded);
        if (!url.host().isEmpty()) {
            fail(error, QStringLiteral("A SQLite URL has no host: write sqlite:///path/to/file.db"));
            return std::nullopt;
        }
        if (result.path.isEmpty() || result.path == QLatin1String("/")) {
            fail(error, QStringLiteral("The SQLite URL names no file: write sqlite:///path/to/file.db"));
            return std::nullopt;
        }
    } else if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        result.engine = Engine::Postgres;
        result.host = url.host().isEmpty() ? QStringLiteral("localhost") : url.host();
        result.port = url.port(5432);
        result.user = url.userName(QUrl::FullyDecoded);
        result.password = url.password(QUrl::FullyDecoded);
        result.database = url.path(QUrl::FullyDecoded).mid(1);
        if (result.database.isEmpty()) {
            fail(error,
                 QStringLiteral("The PostgreSQL URL names no database: write postgresql://user@host:5432/dbname"));
            return std::nullopt;
        }
    } else {
        fail(error, QStringLiteral("Unknown database type \"%1\": use sqlite:/// or postgresql://").arg(url.scheme()));
        return std::nullopt;
    }
    const QUrlQuery query(url);
    for (const auto& [key, value] : query.queryItems(QUrl::FullyDecoded)) {
        result.options.insert(key, value);
    }
    return result;
}

DatabaseUrl DatabaseUrl::sqliteFile(const QString& path)
{
    DatabaseUrl url;
    url.engine = Engine::Sqlite;
    url.path = QFileInfo(path).absoluteFilePath();
    return url;
}

QString DatabaseUrl::toString(bool withPassword) const
{
    QUrl url;
    if (engine == Engine::Sqlite) {
        url.setScheme(QStringLiteral("sqlite"));
        url.setPath(path);
        // QUrl drops the empty authority; the canonical form keeps it (sqlite:///path).
        QString text = QStringLiteral("sqlite://") + url.path(QUrl::FullyEncoded);
        if (!options.isEmpty()) {
            QUrlQuery query;
            for (auto it = options.cbegin(); it != options.cend(); ++it) {
                query.addQueryItem(it.key(), it.value());
            }
            text += QLatin1Char('?') + query.toString(QUrl::FullyEncoded);
        }
        return text;
    }
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    if (withPassword && !password.isEmpty()) {
        url.setPassword(password);
    }
    url.setPath(QLatin1Char('/') + database);
    if (!options.isEmpty()) {
        QUrlQuery query;
        for (auto it = options.cbegin(); it != options.cend(); ++it) {
            query.addQueryItem(it.key(), it.value());
        }
        url.setQuery(query);
    }
    return url.toString();
}

QString DatabaseUrl::displayName() const
{
    if (engine == Engine::Sqlite) {
        return QFileInfo(path).fileName();
    }
    return QStringLiteral("%1 on %2").arg(database, host);
}
