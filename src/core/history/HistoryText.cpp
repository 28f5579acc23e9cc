#include "HistoryText.h"

#include "domain/PlatformValues.h"
#include "models/TableSpec.h"
#include "money/Money.h"

#include <QLocale>
#include <QSet>
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

void HistoryText::fetchInto(const QString& prefix, const QString& sql, const QStringList& keys)
{
    if (keys.isEmpty()) {
        return;
    }
    QStringList marks;
    marks.fill(QStringLiteral("?"), keys.size());
    QSqlQuery query(m_db);
    query.setForwardOnly(true);
    query.prepare(sql.arg(marks.join(QStringLiteral(", "))));
    for (const QString& k : keys) {
        query.addBindValue(k);
        m_cache.insert(prefix + k, QString()); // gone rows stay empty: no second lookup
    }
    if (!query.exec()) {
        for (const QString& k : keys) {
            m_cache.remove(prefix + k); // looked up one by one later
        }
        return;
    }
    while (query.next()) {
        m_cache.insert(prefix + query.value(0).toString(), query.value(1).toString());
    }
}

void HistoryText::prefetch(const QList<AuditEntry>& entries)
{
    QHash<QString, QSet<QString>> relationKeys; // "table|key|display" -> keys
    QHash<QString, QSet<QString>> currencyRows; // "table|source" -> row keys
    for (const AuditEntry& e : entries) {
        const TableSpec* spec = TableSpec::forTable(e.table);
        if (!spec) {
            continue;
        }
        for (const AuditChange& change : e.changes) {
            const ColumnSpec* c = spec->column(change.column);
            if (!c) {
                continue;
            }
            if (c->kind == ColumnSpec::Kind::Relation) {
                auto& keys = relationKeys[QStringList{c->relationTable, c->relationKey, c->relationDisplay}.join(
                    QLatin1Char('|'))];
                for (const QVariant& v : {change.before, change.after}) {
                    if (!v.isNull()) {
                        keys.insert(v.toString());
                    }
                }
            } else if (c->kind == ColumnSpec::Kind::Money && !c->currencySource.isEmpty()) {
                currencyRows[e.table + QLatin1Char('|') + c->currencySource].insert(e.rowKey);
            }
        }
    }
    for (auto it = relationKeys.cbegin(); it != relationKeys.cend(); ++it) {
        const QStringList parts = it.key().split(QLatin1Char('|'));
        fetchInto(QStringLiteral("relation|%1|").arg(parts.at(0)),
                  QStringLiteral("SELECT %1, %2 FROM %3 WHERE %1 IN (%4)")
                      .arg(parts.at(1), parts.at(2), parts.at(0), QStringLiteral("%1")),
                  it.value().values());
    }
    for (auto it = currencyRows.cbegin(); it != currencyRows.cend(); ++it) {
        const QString table = it.key().section(QLatin1Char('|'), 0, 0);
        const QString source = it.key().section(QLatin1Char('|'), 1);
        const QString sql =
            source == QLatin1String("orders.currency")
                ? QStringLiteral("SELECT p.id, o.currency FROM %1 p JOIN orders o ON o.id = p.order_id "
                                 "WHERE p.id IN (%2)")
                      .arg(table, QStringLiteral("%1"))
                : QStringLiteral("SELECT id, %1 FROM %2 WHERE id IN (%3)").arg(source, table, QStringLiteral("%1"));
        fetchInto(QStringLiteral("currency|%1|").arg(table), sql, it.value().values());
    }
}

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
    const QString cacheKey = QStringLiteral("currency|%1|%2").arg(entry.table, entry.rowKey);
    if (auto it = m_cache.constFind(cacheKey); it != m_cache.cend()) {
        return it->isEmpty() ? QStringLiteral("INR") : *it; // empty: the row is gone, the default
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
    m_cache.insert(cacheKey, currency);
    return currency.isEmpty() ? QStringLiteral("INR") : currency;
}
