#include "HistoryText.h"

#include "domain/PlatformValues.h"
#include "models/TableSpec.h"
#include "money/Money.h"

#include <QLocale>
#include <QSqlQuery>

namespace {
const QString empty = QStringLiteral("(empty)");
const QString arrow = QStringLiteral(" \u2192 ");

QString lookup(const QSqlDatabase& db, const QString& sql, const QString& key)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    query.addBindValue(key);
    if (query.exec() && query.next()) {
        return query.value(0).toString();
    }
    return QString();
}
} // namespace

QString HistoryText::tableTitle(const QString& table)
{
    const TableSpec* spec = TableSpec::forTable(table);
    return spec ? spec->title : table;
}

QString HistoryText::actionLabel(const QString& action)
{
    QString text = action;
    text.replace(QLatin1Char('_'), QLatin1Char(' '));
    text.replace(QLatin1Char('-'), QLatin1Char(' '));
    if (!text.isEmpty()) {
        text[0] = text.at(0).toUpper();
    }
    return text;
}

QString HistoryText::header(const QString& table, const QString& column)
{
    if (column == QLatin1String("password")) {
        return QStringLiteral("Password");
    }
    const TableSpec* spec = TableSpec::forTable(table);
    const ColumnSpec* c = spec ? spec->column(column) : nullptr;
    return c ? c->header : column;
}

QString HistoryText::time(const QDateTime& instant)
{
    return instant.isValid() ? QLocale().toString(instant.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm:ss"))
                             : QString();
}

QString HistoryText::value(const AuditEntry& entry, const QString& column, const QVariant& v)
{
    if (v.isNull() || !v.isValid()) {
        return empty;
    }
    const QString raw = v.toString();
    const TableSpec* spec = TableSpec::forTable(entry.table);
    const ColumnSpec* c = spec ? spec->column(column) : nullptr;
    if (!c) {
        return raw;
    }
    switch (c->kind) {
    case ColumnSpec::Kind::Money: {
        const auto minor = Money::parseMinor(raw);
        return minor ? Money::format(*minor, currencyOf(entry, c->currencySource)) : raw;
    }
    case ColumnSpec::Kind::Timestamp: {
        const QDateTime instant = QDateTime::fromString(raw, Qt::ISODateWithMs);
        return instant.isValid() ? QLocale().toString(instant.toLocalTime(), QStringLiteral("d MMM yyyy HH:mm")) : raw;
    }
    case ColumnSpec::Kind::Enum:
        return PlatformValues::label(c->enumKind, raw);
    case ColumnSpec::Kind::Relation: {
        const QString name = relationName(c->relationTable, c->relationKey, c->relationDisplay, raw);
        return name.isEmpty() ? raw : name;
    }
    case ColumnSpec::Kind::Secret:
        return QStringLiteral("password changed");
    default:
        return raw;
    }
}

QString HistoryText::change(const AuditEntry& entry, const AuditChange& c)
{
    const QString head = header(entry.table, c.column);
    if (!c.hasValues()) {
        return QStringLiteral("%1: %2").arg(head, c.note);
    }
    if (entry.action == QLatin1String("insert")) {
        return QStringLiteral("%1: %2").arg(head, value(entry, c.column, c.after));
    }
    if (entry.action == QLatin1String("delete")) {
        return QStringLiteral("%1 was %2").arg(head, value(entry, c.column, c.before));
    }
    return head + QStringLiteral(": ") + value(entry, c.column, c.before) + arrow + value(entry, c.column, c.after);
}

QString HistoryText::summary(const AuditEntry& entry)
{
    if (entry.changes.isEmpty()) {
        return entry.details;
    }
    QStringList lines;
    for (const AuditChange& c : entry.changes) {
        lines << change(entry, c);
    }
    return lines.join(QLatin1Char('\n'));
}

QString HistoryText::relationName(const QString& table, const QString& keyColumn, const QString& display,
                                  const QString& key)
{
    const QString cacheKey = QStringLiteral("relation|%1|%2").arg(table, key);
    if (auto it = m_cache.constFind(cacheKey); it != m_cache.cend()) {
        return *it;
    }
    // Identifiers come from TableSpec (the schema), the key is bound.
    const QString name =
        lookup(m_db, QStringLiteral("SELECT %1 FROM %2 WHERE %3 = ?").arg(display, table, keyColumn), key);
    m_cache.insert(cacheKey, name);
    return name;
}

QString HistoryText::currencyOf(const AuditEntry& entry, const QString& source)
{
    if (source.isEmpty()) {
        return QStringLiteral("INR");
    }
    // The row's own currency when this very entry logged it (an insert or a currency change).
    if (!source.contains(QLatin1Char('.'))) {
        for (const AuditChange& c : entry.changes) {
            if (c.column == source && !c.after.isNull()) {
                return c.after.toString();
            }
        }
    }
    const QString cacheKey = QStringLiteral("currency|%1|%2|%3").arg(entry.table, entry.rowKey, source);
    if (auto it = m_cache.constFind(cacheKey); it != m_cache.cend()) {
        return *it;
    }
    QString currency;
    if (source == QLatin1String("orders.currency")) {
        currency = lookup(m_db,
                          QStringLiteral("SELECT o.currency FROM %1 p JOIN orders o ON o.id = p.order_id "
                                         "WHERE p.id = ?")
                              .arg(entry.table),
                          entry.rowKey);
    } else {
        currency =
            lookup(m_db, QStringLiteral("SELECT %1 FROM %2 WHERE id = ?").arg(source, entry.table), entry.rowKey);
    }
    if (currency.isEmpty()) {
        currency = QStringLiteral("INR"); // the row is gone: the platform's default currency
    }
    m_cache.insert(cacheKey, currency);
    return currency;
}
