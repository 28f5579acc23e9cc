#include "Csv.h"

#include "Reconciliation.h"

#include <QSaveFile>

namespace Csv {
QString field(const QString& value)
{
    static const QString special = QStringLiteral(",\"\r\n");
    bool quote = false;
    for (QChar c : value) {
        if (special.contains(c)) {
            quote = true;
            break;
        }
    }
    if (!quote) {
        return value;
    }
    QString escaped = value;
    escaped.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}

QString line(const QStringList& fields)
{
    QStringList escaped;
    escaped.reserve(fields.size());
    for (const QString& f : fields) {
        escaped << field(f);
    }
    return escaped.join(QLatin1Char(',')) + QStringLiteral("\r\n");
}

QString table(const QStringList& header, const QList<QStringList>& rows)
{
    QString text = line(header);
    for (const QStringList& row : rows) {
        text += line(row);
    }
    return text;
}

QString findings(const QList<Finding>& list)
{
    QList<QStringList> rows;
    for (const Finding& f : list) {
        rows << QStringList{Finding::kindName(f.kind), f.table, f.rowId, f.description};
    }
    return table(
        {QStringLiteral("kind"), QStringLiteral("table"), QStringLiteral("row_id"), QStringLiteral("description")},
        rows);
}

bool writeFile(const QString& path, const QString& text, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        if (error) {
            *error = file.errorString();
        }
        return false;
    }
    return true;
}
} // namespace Csv
