#include "FindingLocator.h"

#include "ReportSql.h"
#include "domain/TableSpec.h"

#include <QHash>
#include <QSqlQuery>

namespace {
// Per table: the statement giving the searchable text of one row (bound row id).
//  - orders: the order number.
//  - payments: its Razorpay payment id (shows every row sharing it), else its order's number.
//  - enrollments: its order's number. users, business info: the email. courses: the slug itself.
QString lookupSql(const QString& table)
{
    if (table == QLatin1String("orders")) {
        return QStringLiteral("SELECT order_number FROM orders WHERE id = ?");
    }
    if (table == QLatin1String("payments")) {
        return QStringLiteral("SELECT CASE WHEN COALESCE(p.razorpay_payment_id, '') = '' THEN o.order_number ELSE "
                              "p.razorpay_payment_id END FROM payments p LEFT JOIN orders o ON o.id = p.order_id "
                              "WHERE p.id = ?");
    }
    if (table == QLatin1String("enrollments")) {
        return QStringLiteral(
            "SELECT o.order_number FROM enrollments e LEFT JOIN orders o ON o.id = e.order_id WHERE e.id = ?");
    }
    if (table == QLatin1String("users")) {
        return QStringLiteral("SELECT email FROM users WHERE id = ?");
    }
    if (table == QLatin1String("user_business_info")) {
        return QStringLiteral(
            "SELECT u.email FROM user_business_info b LEFT JOIN users u ON u.id = b.user_id WHERE b.id = ?");
    }
    return QString();
}
} // namespace

namespace FindingLocator {
std::optional<QList<FindingLink>> locate(const QSqlDatabase& db, const QList<Finding>& findings, QString* error)
{
    QList<FindingLink> links;
    QHash<QString, QString> cache; // table + id -> text: duplicate ids share rows
    for (const Finding& f : findings) {
        const TableSpec* spec = TableSpec::forTable(f.table);
        FindingLink link{spec ? spec->pageId : f.table, f.rowId};
        const QString sql = lookupSql(f.table);
        const QString cacheKey = f.table + QLatin1Char('\n') + f.rowId;
        if (cache.contains(cacheKey)) {
            link.searchText = cache.value(cacheKey);
        } else if (!sql.isEmpty()) {
            QSqlQuery query(db);
            query.setForwardOnly(true);
            query.prepare(sql);
            query.addBindValue(f.rowId.toLongLong());
            if (!ReportSql::exec(query, error)) {
                return std::nullopt;
            }
            if (query.next() && !query.value(0).toString().isEmpty()) {
                link.searchText = query.value(0).toString();
            }
            cache.insert(cacheKey, link.searchText);
        }
        links << link;
    }
    return links;
}
} // namespace FindingLocator
