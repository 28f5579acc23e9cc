#include "RowSnapshot.h"

#include "money/Money.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>

#include "db/Database.h"

bool RowSnapshot::compares(const ColumnSpec& column)
{
    return column.kind != ColumnSpec::Kind::Secret && column.name != QLatin1String("updated_at");
}

QString RowSnapshot::normalize(const ColumnSpec& column, const QVariant& value, const SqlTime& time)
{
    if (value.isNull() || !value.isValid()) {
        return QString();
    }
    switch (column.kind) {
    case ColumnSpec::Kind::Money: {
        const auto minor = Money::minorFromSql(value);
        return minor ? Money::toDecimalString(*minor) : value.toString();
    }
    case ColumnSpec::Kind::Timestamp: {
        const QDateTime instant = time.fromDb(value);
        return instant.isValid() ? instant.toUTC().toString(Qt::ISODateWithMs) : value.toString();
    }
    default:
        return value.toString();
    }
}

RowSnapshot RowSnapshot::load(const QSqlDatabase& db, const TableSpec& spec, const QVariant& key, bool lock,
                              QString* error)
{
    RowSnapshot snapshot;
    snapshot.m_table = spec.table;
    snapshot.m_key = key;
    QStringList columns;
    for (const ColumnSpec& c : spec.columns) {
        if (compares(c)) {
            columns << c.name;
            snapshot.m_headers.insert(c.name, c.header);
        }
    }
    QString sql =
        QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?").arg(columns.join(QStringLiteral(", ")), spec.table, spec.key);
    if (lock && Database::isPostgres(db)) {
        sql += QStringLiteral(" FOR UPDATE");
    }
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    query.addBindValue(key);
    if (!query.exec()) {
        if (error) {
            *error = query.lastError().text();
        }
        return snapshot;
    }
    if (!query.next()) {
        return snapshot;
    }
    const SqlTime time = SqlTime::forConnection(db);
    snapshot.m_exists = true;
    for (int i = 0; i < columns.size(); ++i) {
        snapshot.m_values.insert(columns.at(i), normalize(*spec.column(columns.at(i)), query.value(i), time));
    }
    return snapshot;
}

RowSnapshot RowSnapshot::fromValues(const TableSpec& spec, const QVariant& key, const QHash<QString, QVariant>& values,
                                    const SqlTime& time)
{
    RowSnapshot snapshot;
    snapshot.m_table = spec.table;
    snapshot.m_key = key;
    snapshot.m_exists = true;
    for (const ColumnSpec& c : spec.columns) {
        if (compares(c) && values.contains(c.name)) {
            snapshot.m_values.insert(c.name, normalize(c, values.value(c.name), time));
            snapshot.m_headers.insert(c.name, c.header);
        }
    }
    return snapshot;
}

QList<RowSnapshot::FieldChange> RowSnapshot::changesTo(const RowSnapshot& current) const
{
    QList<FieldChange> changes;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        if (!current.m_values.contains(it.key())) {
            continue;
        }
        const QString now = current.m_values.value(it.key());
        if (now != it.value()) {
            changes.append({it.key(), m_headers.value(it.key(), it.key()), it.value(), now});
        }
    }
    std::sort(changes.begin(), changes.end(),
              [](const FieldChange& a, const FieldChange& b) { return a.column < b.column; });
    return changes;
}

QString RowSnapshot::describe(const QList<FieldChange>& changes)
{
    QStringList lines;
    for (const FieldChange& c : changes) {
        const auto shown = [](const QString& v) { return v.isEmpty() ? QStringLiteral("(empty)") : v; };
        lines << QStringLiteral("%1: %2 \u2192 %3").arg(c.header, shown(c.loaded), shown(c.current));
    }
    return lines.join(QLatin1Char('\n'));
}

QHash<QString, QVariant> RowSnapshot::values() const
{
    QHash<QString, QVariant> out;
    for (auto it = m_values.cbegin(); it != m_values.cend(); ++it) {
        out.insert(it.key(), it.value());
    }
    return out;
}
