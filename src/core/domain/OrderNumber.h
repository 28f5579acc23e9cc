#pragma once

#include <QSqlDatabase>
#include <QString>

// Order numbers in the platform's style: "ORD" + epoch milliseconds ("ORD1732512345678").
namespace OrderNumber {
QString fromMillis(qint64 epochMillis);
// A number not yet used in `db` (bumps the milliseconds on a clash). Call inside the
// transaction that inserts the order; the unique index is the final guard.
QString next(const QSqlDatabase& db);
} // namespace OrderNumber
