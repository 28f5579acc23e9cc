#pragma once

#include "reports/RevenueReport.h"

#include <QDebug>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

#include <optional>

// The revenue report's figures as lines of text, for tests that compare two ways of computing
// them (index path, rollup, scan): a difference then names the figure.
namespace RevenueFigures {

inline bool exec(const QSqlDatabase& db, const QString& sql, const QVariantList& binds = {})
{
    QSqlQuery q(db);
    bool ok = binds.isEmpty() ? q.exec(sql) : q.prepare(sql);
    for (const QVariant& v : binds) {
        q.addBindValue(v);
    }
    ok = ok && (binds.isEmpty() || q.exec());
    if (!ok) {
        qWarning() << q.lastError().text() << sql;
        return false;
    }
    return true;
}

inline QString kpiText(const RevenueKpis& k)
{
    return QStringLiteral("gross %1 refunds %2 captured %3 paid orders %4 refund count %5 succeeded %6 failed %7")
        .arg(k.grossMinor)
        .arg(k.refundsMinor)
        .arg(k.capturedPayments)
        .arg(k.paidOrders)
        .arg(k.refundCount)
        .arg(k.succeededPayments)
        .arg(k.failedPayments);
}

// Every figure of a result, one per line, so that a difference names the figure.
inline QStringList figures(const RevenueResult& r)
{
    QStringList lines;
    lines << QStringLiteral("currency %1 seen %2").arg(r.filter.currency, r.currenciesSeen.join(u','));
    lines << QStringLiteral("enrollments %1 previous %2").arg(r.newEnrollments).arg(r.previousEnrollments);
    for (const CountBucket& b : r.enrollments) {
        lines << QStringLiteral("enrollments %1: %2").arg(b.start.toString(Qt::ISODate)).arg(b.count);
    }
    for (const CurrencyRevenue& c : r.currencies) {
        lines << c.currency + QStringLiteral(" current ") + kpiText(c.current);
        lines << c.currency + QStringLiteral(" previous ") + kpiText(c.previous);
        for (const RevenueBucket& b : c.series) {
            lines << QStringLiteral("%1 day %2 gross %3 refunds %4")
                         .arg(c.currency, b.start.toString(Qt::ISODate))
                         .arg(b.grossMinor)
                         .arg(b.refundsMinor);
        }
        for (const CourseRevenue& course : c.courses) {
            lines << QStringLiteral("%1 course %2 gross %3 refunds %4")
                         .arg(c.currency, course.courseId)
                         .arg(course.grossMinor)
                         .arg(course.refundsMinor);
        }
        for (const MethodShare& m : c.methods) {
            lines << QStringLiteral("%1 method %2 payments %3 gross %4")
                         .arg(c.currency, m.method)
                         .arg(m.payments)
                         .arg(m.grossMinor);
        }
        for (const StatusCount& s : c.orderStatuses) {
            lines << QStringLiteral("%1 orders %2: %3 amount %4")
                         .arg(c.currency, s.status)
                         .arg(s.orders)
                         .arg(s.amountMinor);
        }
    }
    return lines;
}

inline std::optional<RevenueResult> run(const QSqlDatabase& db, const RevenueFilter& f, RevenuePath path)
{
    RevenueReport report(db);
    report.setPath(path);
    QString error;
    auto result = report.run(f, &error);
    if (!result) {
        qWarning() << error;
    }
    return result;
}

// The first figure that differs between `a` and `b` ("A line | B line"), empty when all agree.
inline QString firstDifference(const RevenueResult& a, const RevenueResult& b)
{
    const QStringList x = figures(a);
    const QStringList y = figures(b);
    for (qsizetype i = 0; i < qMax(x.size(), y.size()); ++i) {
        const QString left = x.value(i, QStringLiteral("(none)"));
        const QString right = y.value(i, QStringLiteral("(none)"));
        if (left != right) {
            return left + QStringLiteral(" | ") + right;
        }
    }
    return QString();
}
} // namespace RevenueFigures
