#include "AuditEntry.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QVariant fromJson(const QJsonValue& value)
{
    if (value.isNull() || value.isUndefined()) {
        return QVariant();
    }
    // Values are text in the agreed format; a writer that put a number or a boolean still reads.
    if (value.isDouble()) {
        return QString::number(value.toDouble(), 'g', 17);
    }
    if (value.isBool()) {
        return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    }
    return value.toString();
}

QJsonValue toJson(const QVariant& value)
{
    return value.isNull() || !value.isValid() ? QJsonValue(QJsonValue::Null) : QJsonValue(value.toString());
}
} // namespace

QList<AuditChange> AuditEntry::parseDetails(const QString& details)
{
    QList<AuditChange> changes;
    if (details.isEmpty()) {
        return changes;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(details.toUtf8());
    if (!doc.isObject()) {
        return changes;
    }
    for (const QJsonValue& item : doc.object().value(QStringLiteral("changes")).toArray()) {
        const QJsonObject o = item.toObject();
        AuditChange change;
        change.column = o.value(QStringLiteral("column")).toString();
        if (change.column.isEmpty()) {
            continue;
        }
        change.note = o.value(QStringLiteral("note")).toString();
        change.before = fromJson(o.value(QStringLiteral("before")));
        change.after = fromJson(o.value(QStringLiteral("after")));
        changes << change;
    }
    return changes;
}

QString AuditEntry::detailsJson(const QList<AuditChange>& changes)
{
    QJsonArray list;
    for (const AuditChange& c : changes) {
        QJsonObject o;
        o.insert(QStringLiteral("column"), c.column);
        if (!c.note.isEmpty()) {
            o.insert(QStringLiteral("note"), c.note);
        } else {
            o.insert(QStringLiteral("before"), toJson(c.before));
            o.insert(QStringLiteral("after"), toJson(c.after));
        }
        list.append(o);
    }
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("changes"), list}}).toJson(QJsonDocument::Compact));
}
