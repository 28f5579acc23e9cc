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

const QStringList& sslModes()
{
    static const QStringList modes = {QStringLiteral("disable"),   QStringLiteral("allow"),
                                      QStringLiteral("prefer"),    QStringLiteral("require"),
                                      QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
    return modes;
}

const QStringList& sessionAttrs()
{
    static const QStringList attrs = {QStringLiteral("any"),       QStringLiteral("read-write"),
                                      QStringLiteral("read-only"), QStringLiteral("primary"),
                                      QStringLiteral("standby"),   QStringLiteral("prefer-standby")};
    return attrs;
}

bool isPathOption(const QString& name)
{
    return name == QLatin1String("sslrootcert") || name == QLatin1String("sslcert") ||
           name == QLatin1String("sslkey") || name == QLatin1String("sslcrl");
}

// libpq's conninfo quoting: the value in single quotes, backslash and quote escaped.
QString libpqQuoted(QString value)
{
    value.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    value.replace(QLatin1Char('\''), QStringLiteral("\\'"));
    return QLatin1Char('\'') + value + QLatin1Char('\'');
}
} // namespace

QStringList DatabaseUrl::allowedOptions(Engine engine)
{
    if (engine == Engine::Sqlite) {
        return {QStringLiteral("mode")};
    }
    return {QStringLiteral("sslmode"),          QStringLiteral("sslrootcert"),
            QStringLiteral("sslcert"),          QStringLiteral("sslkey"),
            QStringLiteral("sslcrl"),           QStringLiteral("connect_timeout"),
            QStringLiteral("application_name"), QStringLiteral("target_session_attrs"),
            QStringLiteral("timezone"),         QStringLiteral("pooler")};
}

QString DatabaseUrl::checkOption(Engine engine, const QString& name, const QString& value)
{
    if (!allowedOptions(engine).contains(name)) {
        return QStringLiteral("Unknown option \"%1\" in the database URL. A %2 URL takes: %3.")
            .arg(name, engine == Engine::Sqlite ? QStringLiteral("SQLite") : QStringLiteral("PostgreSQL"),
                 allowedOptions(engine).join(QStringLiteral(", ")));
    }
    if (value.isEmpty()) {
        return QStringLiteral("The option \"%1\" in the database URL has no value.").arg(name);
    }
    for (const QChar c : value) {
        // Control characters have no business in a connect option; Qt's PostgreSQL driver turns
        // ';' into the separator between options.
        if (c.category() == QChar::Other_Control || c == QLatin1Char(';')) {
            return QStringLiteral("The option \"%1\" in the database URL contains a character it may not hold "
                                  "(U+%2).")
                .arg(name)
                .arg(c.unicode(), 4, 16, QLatin1Char('0'));
        }
    }
    auto oneOf = [&](const QStringList& allowed) {
        return allowed.contains(value) ? QString()
                                       : QStringLiteral("The option %1=%2 in the database URL is not one of: %3.")
                                             .arg(name, value, allowed.join(QStringLiteral(", ")));
    };
    if (name == QLatin1String("mode")) {
        return oneOf({QStringLiteral("ro"), QStringLiteral("rw")});
    }
    if (name == QLatin1String("sslmode")) {
        return oneOf(sslModes());
    }
    if (name == QLatin1String("pooler")) {
        return oneOf({QStringLiteral("transaction")});
    }
    if (name == QLatin1String("target_session_attrs")) {
        return oneOf(sessionAttrs());
    }
    if (name == QLatin1String("connect_timeout")) {
        bool ok = false;
        const int seconds = value.toInt(&ok);
        if (!ok || seconds < 0 || seconds > 3600 || value.startsWith(QLatin1Char('+'))) {
            return QStringLiteral("The option connect_timeout=%1 in the database URL must be a number of seconds "
                                  "(0 to 3600).")
                .arg(value);
        }
        return QString();
    }
    if (name == QLatin1String("application_name") && value.size() > 63) {
        return QStringLiteral("The option application_name in the database URL is longer than 63 characters.");
    }
    if (name == QLatin1String("timezone")) {
        for (const QChar c : value) {
            if (!(c.isLetterOrNumber() && c.unicode() < 128) && !QStringLiteral("_+-/:").contains(c)) {
                return QStringLiteral("The option timezone=%1 in the database URL is not a time zone name "
                                      "(like UTC or Asia/Kolkata).")
                    .arg(value);
            }
        }
    }
    if (isPathOption(name) && value.size() > 4096) {
        return QStringLiteral("The option %1 in the database URL is not a file path.").arg(name);
    }
    return QString();
}

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
        // SQLite's ":memory:" only means memory without the leading slash; here it would be a file
        // named ":memory:" in the root folder. Coursedesk works on database files.
        if (QFileInfo(result.path).fileName().startsWith(QLatin1String(":memory:"))) {
            fail(error, QStringLiteral("sqlite:///:memory: is not supported: Coursedesk works on a database file "
                                       "(write sqlite:///path/to/file.db)."));
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
        if (const QString problem = checkOption(result.engine, key, value); !problem.isEmpty()) {
            fail(error, problem);
            return std::nullopt;
        }
        if (result.options.contains(key)) {
            fail(error, QStringLiteral("The option \"%1\" is given twice in the database URL.").arg(key));
            return std::nullopt;
        }
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

QString DatabaseUrl::libpqOptions() const
{
    QStringList pairs;
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        if (it.key() == QLatin1String("timezone") || it.key() == QLatin1String("pooler")) {
            continue; // Coursedesk's own: the session's zone is set after connecting; pooler picks the driver
        }
        pairs << it.key() + QLatin1Char('=') + libpqQuoted(it.value());
    }
    if (!options.contains(QStringLiteral("connect_timeout"))) {
        pairs << QStringLiteral("connect_timeout='10'");
    }
    if (!options.contains(QStringLiteral("application_name"))) {
        pairs << QStringLiteral("application_name='coursedesk'");
    }
    // Qt's driver joins the options with spaces in place of the ';' separators; no value holds a
    // ';' (checkOption() refuses it), so the separators are the only ones.
    return pairs.join(QLatin1Char(';'));
}

QString DatabaseUrl::queryText() const
{
    // Every value percent-encoded as a whole, so '&', '=' and spaces inside it stay inside it.
    QStringList items;
    for (auto it = options.cbegin(); it != options.cend(); ++it) {
        items << it.key() + QLatin1Char('=') + QString::fromLatin1(QUrl::toPercentEncoding(it.value()));
    }
    return items.isEmpty() ? QString() : QLatin1Char('?') + items.join(QLatin1Char('&'));
}

QString DatabaseUrl::toString(bool withPassword) const
{
    QUrl url;
    if (engine == Engine::Sqlite) {
        url.setScheme(QStringLiteral("sqlite"));
        url.setPath(path);
        // QUrl drops the empty authority; the canonical form keeps it (sqlite:///path).
        return QStringLiteral("sqlite://") + url.path(QUrl::FullyEncoded) + queryText();
    }
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    if (withPassword && !password.isEmpty()) {
        url.setPassword(password);
    }
    url.setPath(QLatin1Char('/') + database);
    return url.toString() + queryText();
}

QString DatabaseUrl::displayName() const
{
    if (engine == Engine::Sqlite) {
        return QFileInfo(path).fileName();
    }
    return QStringLiteral("%1 on %2").arg(database, host);
}
