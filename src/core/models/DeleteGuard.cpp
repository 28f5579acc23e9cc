#include "DeleteGuard.h"

#include <QSqlQuery>
#include <QStringList>

namespace {
struct Reference
{
    const char* table;
    const char* column;
    const char* singular;
    const char* plural;
};

// ON DELETE RESTRICT references only (features, marketplaces and business info cascade).
QList<Reference> restrictingReferences(const QString& table)
{
    if (table == QLatin1String("users")) {
        return {{"orders", "user_id", "order", "orders"}, {"enrollments", "user_id", "enrollment", "enrollments"}};
    }
    if (table == QLatin1String("courses")) {
        return {{"orders", "course_id", "order", "orders"}, {"enrollments", "course_id", "enrollment", "enrollments"}};
    }
    if (table == QLatin1String("orders")) {
        return {{"payments", "order_id", "payment", "payments"},
                {"enrollments", "order_id", "enrollment", "enrollments"}};
    }
    return {};
}

QString noun(const QString& table)
{
    if (table == QLatin1String("users")) {
        return QStringLiteral("user");
    }
    if (table == QLatin1String("courses")) {
        return QStringLiteral("course");
    }
    if (table == QLatin1String("orders")) {
        return QStringLiteral("order");
    }
    return QStringLiteral("row");
}
} // namespace

QString DeleteGuard::blockers(const QSqlDatabase& db, const QString& table, const QVariant& key)
{
    QStringList parts;
    for (const Reference& ref : restrictingReferences(table)) {
        QSqlQuery query(db);
        // Identifiers come from the fixed list above; the key is bound.
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = ?")
                          .arg(QLatin1String(ref.table), QLatin1String(ref.column)));
        query.addBindValue(key);
        if (!query.exec() || !query.next()) {
            continue;
        }
        const qlonglong n = query.value(0).toLongLong();
        if (n > 0) {
            parts << QStringLiteral("%L1 %2").arg(n).arg(QLatin1String(n == 1 ? ref.singular : ref.plural));
        }
    }
    if (parts.isEmpty()) {
        return QString();
    }
    const QString list = parts.size() == 1 ? parts.first()
                                           : parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")) +
                                                 QStringLiteral(" and ") + parts.last();
    return QStringLiteral("This %1 has %2. They are part of the platform's records, so the %1 cannot be deleted.")
        .arg(noun(table), list);
}
