#include "Migration.h"

#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>

#include <algorithm>

QList<Migration> Migration::load(Engine engine)
{
    const QString folder =
        engine == Engine::Postgres ? QStringLiteral(":/sql/postgres") : QStringLiteral(":/sql/sqlite");
    static const QRegularExpression fileName(QStringLiteral("^(\\d{3})_(\\w+)\\.sql$"));
    QList<Migration> list;
    QDirIterator it(folder, {QStringLiteral("*.sql")}, QDir::Files);
    while (it.hasNext()) {
        it.next();
        const auto match = fileName.match(it.fileName());
        if (!match.hasMatch()) {
            continue;
        }
        QFile file(it.filePath());
        if (!file.open(QIODevice::ReadOnly)) {
            continue;
        }
        Migration migration;
        migration.version = match.captured(1).toInt();
        migration.name = match.captured(2);
        migration.sql = QString::fromUtf8(file.readAll());
        list << migration;
    }
    std::sort(list.begin(), list.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
    return list;
}

int Migration::latestVersion(Engine engine)
{
    const QList<Migration> list = load(engine);
    return list.isEmpty() ? 0 : list.constLast().version;
}

QStringList Migration::statements() const
{
    QStringList result;
    QString current;
    const QStringList lines = sql.split(QLatin1Char('\n'));
    for (const QString& line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QLatin1String("--")) || trimmed.isEmpty()) {
            continue;
        }
        current += line + QLatin1Char('\n');
        // Statements end with ';' at the end of a line; the migration files keep to that.
        if (trimmed.endsWith(QLatin1Char(';'))) {
            current = current.trimmed();
            current.chop(1);
            result << current;
            current.clear();
        }
    }
    if (!current.trimmed().isEmpty()) {
        result << current.trimmed();
    }
    return result;
}

QStringList Migration::createdObjects() const
{
    static const QRegularExpression create(
        QStringLiteral("CREATE\\s+(?:UNIQUE\\s+)?(TABLE|INDEX|VIEW)\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?\"?(\\w+)\"?"),
        QRegularExpression::CaseInsensitiveOption);
    QStringList objects;
    auto it = create.globalMatch(sql);
    while (it.hasNext()) {
        const auto match = it.next();
        objects << match.captured(1).toLower() + QLatin1Char(' ') + match.captured(2);
    }
    return objects;
}
