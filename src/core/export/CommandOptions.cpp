#include "CommandOptions.h"

#include "db/Database.h"

#include <QFileInfo>
#include <QUuid>

namespace CommandOptions {

bool parse(const QStringList& args, const QStringList& valued, const QStringList& flags,
           QMap<QString, QString>* options, QString* error, QStringList* positional)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        QString name = args.at(i);
        if (!name.startsWith(QStringLiteral("--"))) {
            if (positional) {
                *positional << name;
                continue;
            }
            *error = QStringLiteral("Unexpected argument \"%1\"").arg(name);
            return false;
        }
        name = name.mid(2);
        QString value;
        bool hasValue = false;
        const qsizetype eq = name.indexOf(QLatin1Char('='));
        if (eq >= 0) {
            value = name.mid(eq + 1);
            name = name.left(eq);
            hasValue = true;
        }
        if (flags.contains(name)) {
            if (hasValue) {
                *error = QStringLiteral("Option --%1 takes no value").arg(name);
                return false;
            }
            options->insert(name, QStringLiteral("1"));
            continue;
        }
        if (!valued.contains(name)) {
            *error = QStringLiteral("Unknown option --%1").arg(name);
            return false;
        }
        if (!hasValue) {
            if (i + 1 >= args.size()) {
                *error = QStringLiteral("Option --%1 needs a value").arg(name);
                return false;
            }
            value = args.at(++i);
        }
        options->insert(name, value);
    }
    return true;
}

Connection::~Connection()
{
    if (!m_name.isEmpty()) {
        Database::close(m_name);
    }
}

bool Connection::open(const QString& text, const QString& purpose, QString* error)
{
    const auto url = DatabaseUrl::parse(text, error);
    if (!url) {
        return false;
    }
    // Database::open would create a missing SQLite file: a command line tool never does.
    if (url->engine == Engine::Sqlite && !QFileInfo::exists(url->path)) {
        *error = QStringLiteral("No database file at %1").arg(url->path);
        return false;
    }
    m_name = QStringLiteral("coursedesk-%1-").arg(purpose) + QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (!Database::open(*url, m_name, error)) {
        m_name.clear();
        return false;
    }
    return true;
}

} // namespace CommandOptions
