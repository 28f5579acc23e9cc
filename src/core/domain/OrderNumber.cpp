#include "OrderNumber.h"

#include <QDateTime>
#include <QSqlQuery>

#include <algorithm>
#include <atomic>

namespace {
// The last number handed out by this process. Two calls in the same millisecond (a batch of
// complimentary enrollments, say) would otherwise both get a number that is free in the
// database because neither order is inserted yet.
std::atomic<qint64> s_lastIssued{0};

qint64 reserveAfter(qint64 candidate)
{
    qint64 last = s_lastIssued.load();
    qint64 next = std::max(candidate, last + 1);
    while (!s_lastIssued.compare_exchange_weak(last, next)) {
        next = std::max(candidate, last + 1);
    }
    return next;
}
} // namespace

namespace OrderNumber {

QString fromMillis(qint64 epochMillis)
{
    return QStringLiteral("ORD") + QString::number(epochMillis);
}

QString next(const QSqlDatabase& db)
{
    QSqlQuery query(db);
    query.prepare(QStringLiteral("SELECT 1 FROM orders WHERE order_number = ?"));
    qint64 millis = reserveAfter(QDateTime::currentMSecsSinceEpoch());
    // Another writer (the platform's backend, another Coursedesk) may have used this millisecond:
    // move on to the next one. A failing query means we cannot tell, so the number is returned
    // and the unique index decides.
    for (int attempt = 0; attempt < 1000; ++attempt) {
        query.addBindValue(fromMillis(millis));
        if (!query.exec() || !query.next()) {
            break;
        }
        millis = reserveAfter(millis + 1);
    }
    return fromMillis(millis);
}

} // namespace OrderNumber
