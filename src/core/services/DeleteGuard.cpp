#include "DeleteGuard.h"

#include "domain/TableSpec.h"

#include <QSqlQuery>
#include <QStringList>

QString DeleteGuard::blockers(const QSqlDatabase& db, const QString& table, const QVariant& key)
{
    const TableSpec* spec = TableSpec::forTable(table);
    if (!spec) {
        return QString();
    }
    QStringList parts;
    for (const TableSpec::Reference& ref : spec->restrictedBy) {
        QSqlQuery query(db);
        // Identifiers come from the table's description; the key is bound.
        query.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE %2 = ?").arg(ref.table, ref.column));
        query.addBindValue(key);
        if (!query.exec() || !query.next()) {
            continue;
        }
        const qlonglong n = query.value(0).toLongLong();
        if (n > 0) {
            parts << QStringLiteral("%L1 %2").arg(n).arg(n == 1 ? ref.singular : ref.plural);
        }
    }
    if (parts.isEmpty()) {
        return QString();
    }
    const QString list = parts.size() == 1 ? parts.first()
                                           : parts.mid(0, parts.size() - 1).join(QStringLiteral(", ")) +
                                                 QStringLiteral(" and ") + parts.last();
    return QStringLiteral("This %1 has %2. They are part of the platform's records, so the %1 cannot be deleted.")
        .arg(spec->noun, list);
}
