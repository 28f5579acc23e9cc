#include "ReportOutput.h"

#include "Csv.h"
#include "money/Money.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
QString dec(qint64 minor)
{
    return Money::toDecimalString(minor);
}

QString num(qint64 value)
{
    return QString::number(value);
}

QString zoneName(const RevenueResult& r)
{
    return QString::fromUtf8(r.filter.userZone.id());
}

QJsonObject kpiJson(const RevenueKpis& k)
{
    QJsonObject o;
    for (const auto& [metric, value] : ReportOutput::kpiFigures(k)) {
        o.insert(metric, value);
    }
    return o;
}

QString revenueCsv(const RevenueResult& r)
{
    QList<QStringList> rows;
    const QString by = ReportPeriod::granularityName(r.filter.granularity);
    for (const CurrencyRevenue& c : r.currencies) {
        for (const auto& [metric, value] : ReportOutput::kpiFigures(c.current)) {
            rows << QStringList{QStringLiteral("kpi"), c.currency, QStringLiteral("current"), metric, value};
        }
        for (const auto& [metric, value] : ReportOutput::kpiFigures(c.previous)) {
            rows << QStringList{QStringLiteral("kpi"), c.currency, QStringLiteral("previous"), metric, value};
        }
        for (const RevenueBucket& b : c.series) {
            const QString key = b.start.toString(Qt::ISODate);
            rows << QStringList{QStringLiteral("revenue_by_") + by, c.currency, key, QStringLiteral("gross"),
                                dec(b.grossMinor)};
            rows << QStringList{QStringLiteral("revenue_by_") + by, c.currency, key, QStringLiteral("refunds"),
                                dec(b.refundsMinor)};
            rows << QStringList{QStringLiteral("revenue_by_") + by, c.currency, key, QStringLiteral("net"),
                                dec(b.netMinor())};
        }
        for (const CourseRevenue& course : c.courses) {
            const QString key = course.courseId.isEmpty() ? QStringLiteral("(other)") : course.courseId;
            rows << QStringList{QStringLiteral("course"), c.currency, key, QStringLiteral("net"),
                                dec(course.netMinor())};
        }
        for (const MethodShare& m : c.methods) {
            rows << QStringList{QStringLiteral("payment_method"), c.currency, m.method, QStringLiteral("payments"),
                                num(m.payments)};
            rows << QStringList{QStringLiteral("payment_method"), c.currency, m.method, QStringLiteral("gross"),
                                dec(m.grossMinor)};
        }
        for (const StatusCount& s : c.orderStatuses) {
            rows << QStringList{QStringLiteral("order_status"), c.currency, s.status, QStringLiteral("orders"),
                                num(s.orders)};
        }
    }
    rows << QStringList{QStringLiteral("kpi"), QString(), QStringLiteral("current"), QStringLiteral("new_enrollments"),
                        num(r.newEnrollments)};
    rows << QStringList{QStringLiteral("kpi"), QString(), QStringLiteral("previous"), QStringLiteral("new_enrollments"),
                        num(r.previousEnrollments)};
    for (const CountBucket& b : r.enrollments) {
        rows << QStringList{QStringLiteral("enrollments_by_") + by, QString(), b.start.toString(Qt::ISODate),
                            QStringLiteral("count"), num(b.count)};
    }
    return Csv::table({QStringLiteral("section"), QStringLiteral("currency"), QStringLiteral("key"),
                       QStringLiteral("metric"), QStringLiteral("value")},
                      rows);
}

QString revenueJson(const RevenueResult& r)
{
    QJsonObject root;
    root.insert(QStringLiteral("from"), r.filter.from.toString(Qt::ISODate));
    root.insert(QStringLiteral("to_exclusive"), r.filter.to.toString(Qt::ISODate));
    root.insert(QStringLiteral("by"), ReportPeriod::granularityName(r.filter.granularity));
    root.insert(QStringLiteral("time_zone"), zoneName(r));
    root.insert(QStringLiteral("new_enrollments"), num(r.newEnrollments).toLongLong());
    root.insert(QStringLiteral("previous_enrollments"), num(r.previousEnrollments).toLongLong());
    QJsonArray enrollments;
    for (const CountBucket& b : r.enrollments) {
        enrollments.append(
            QJsonObject{{QStringLiteral("start"), b.start.toString(Qt::ISODate)}, {QStringLiteral("count"), b.count}});
    }
    root.insert(QStringLiteral("enrollments"), enrollments);
    QJsonObject currencies;
    for (const CurrencyRevenue& c : r.currencies) {
        QJsonObject o;
        o.insert(QStringLiteral("current"), kpiJson(c.current));
        o.insert(QStringLiteral("previous"), kpiJson(c.previous));
        QJsonArray series;
        for (const RevenueBucket& b : c.series) {
            series.append(QJsonObject{{QStringLiteral("start"), b.start.toString(Qt::ISODate)},
                                      {QStringLiteral("gross"), dec(b.grossMinor)},
                                      {QStringLiteral("refunds"), dec(b.refundsMinor)},
                                      {QStringLiteral("net"), dec(b.netMinor())}});
        }
        o.insert(QStringLiteral("series"), series);
        QJsonArray courses;
        for (const CourseRevenue& course : c.courses) {
            courses.append(QJsonObject{{QStringLiteral("course_id"), course.courseId},
                                       {QStringLiteral("name"), course.name},
                                       {QStringLiteral("gross"), dec(course.grossMinor)},
                                       {QStringLiteral("refunds"), dec(course.refundsMinor)},
                                       {QStringLiteral("net"), dec(course.netMinor())}});
        }
        o.insert(QStringLiteral("courses"), courses);
        QJsonArray methods;
        for (const MethodShare& m : c.methods) {
            methods.append(QJsonObject{{QStringLiteral("method"), m.method},
                                       {QStringLiteral("payments"), m.payments},
                                       {QStringLiteral("gross"), dec(m.grossMinor)}});
        }
        o.insert(QStringLiteral("payment_methods"), methods);
        QJsonArray statuses;
        for (const StatusCount& s : c.orderStatuses) {
            statuses.append(QJsonObject{{QStringLiteral("status"), s.status},
                                        {QStringLiteral("orders"), s.orders},
                                        {QStringLiteral("amount"), dec(s.amountMinor)}});
        }
        o.insert(QStringLiteral("order_statuses"), statuses);
        currencies.insert(c.currency, o);
    }
    root.insert(QStringLiteral("currencies"), currencies);
    return QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented));
}

QString revenueText(const RevenueResult& r)
{
    QString t;
    QTextStream s(&t);
    s << "Revenue " << r.filter.from.toString(Qt::ISODate) << " to " << r.filter.to.toString(Qt::ISODate)
      << " (exclusive), by " << ReportPeriod::granularityName(r.filter.granularity) << ", time zone " << zoneName(r);
    if (!r.filter.courseId.isEmpty()) {
        s << ", course " << r.filter.courseId;
    }
    s << "\n";
    s << "New enrollments: " << r.newEnrollments << " (previous period " << r.previousEnrollments << ", "
      << RevenueMath::change(r.newEnrollments, r.previousEnrollments) << ")\n";
    if (r.currencies.isEmpty()) {
        s << "No payments or orders in this period.\n";
    }
    for (const CurrencyRevenue& c : r.currencies) {
        const RevenueKpis& k = c.current;
        const RevenueKpis& p = c.previous;
        s << "\n" << c.currency << "\n";
        auto line = [&](const char* label, const QString& value, const QString& prev, qint64 a, qint64 b) {
            s << "  " << QString::fromLatin1(label).leftJustified(22) << value.rightJustified(16) << "   previous "
              << prev.rightJustified(14) << "  " << RevenueMath::change(a, b) << "\n";
        };
        line("Gross revenue", dec(k.grossMinor), dec(p.grossMinor), k.grossMinor, p.grossMinor);
        line("Refunds", dec(k.refundsMinor), dec(p.refundsMinor), k.refundsMinor, p.refundsMinor);
        line("Net revenue", dec(k.netMinor()), dec(p.netMinor()), k.netMinor(), p.netMinor());
        line("Paid orders", num(k.paidOrders), num(p.paidOrders), k.paidOrders, p.paidOrders);
        line("Average order value", dec(k.averageOrderMinor()), dec(p.averageOrderMinor()), k.averageOrderMinor(),
             p.averageOrderMinor());
        s << "  " << QStringLiteral("Payment success rate").leftJustified(22)
          << RevenueMath::percent(k.successNumerator(), k.successDenominator()).rightJustified(16) << "   ("
          << k.successNumerator() << " of " << k.successDenominator() << " attempts)\n";
        s << "  " << QStringLiteral("Period").leftJustified(14) << QStringLiteral("Gross").rightJustified(16)
          << QStringLiteral("Refunds").rightJustified(16) << QStringLiteral("Net").rightJustified(16) << "\n";
        for (const RevenueBucket& b : c.series) {
            s << "  " << b.start.toString(Qt::ISODate).leftJustified(14) << dec(b.grossMinor).rightJustified(16)
              << dec(b.refundsMinor).rightJustified(16) << dec(b.netMinor()).rightJustified(16) << "\n";
        }
        for (const CourseRevenue& course : c.courses) {
            s << "  course  " << course.name.leftJustified(30) << dec(course.netMinor()).rightJustified(16) << "\n";
        }
        for (const MethodShare& m : c.methods) {
            s << "  method  " << m.method.leftJustified(30) << dec(m.grossMinor).rightJustified(16) << "  ("
              << m.payments << " payments)\n";
        }
        for (const StatusCount& st : c.orderStatuses) {
            s << "  orders  " << st.status.leftJustified(30) << num(st.orders).rightJustified(16) << "\n";
        }
    }
    return t;
}
} // namespace

namespace ReportOutput {
bool isFormat(const QString& format)
{
    return format == QLatin1String("text") || format == QLatin1String("csv") || format == QLatin1String("json");
}

QList<QPair<QString, QString>> kpiFigures(const RevenueKpis& k)
{
    return {{QStringLiteral("gross"), dec(k.grossMinor)},
            {QStringLiteral("refunds"), dec(k.refundsMinor)},
            {QStringLiteral("net"), dec(k.netMinor())},
            {QStringLiteral("paid_orders"), num(k.paidOrders)},
            {QStringLiteral("average_order_value"), dec(k.averageOrderMinor())},
            {QStringLiteral("captured_payments"), num(k.capturedPayments)},
            {QStringLiteral("refund_count"), num(k.refundCount)},
            {QStringLiteral("succeeded_payments"), num(k.succeededPayments)},
            {QStringLiteral("failed_payments"), num(k.failedPayments)},
            {QStringLiteral("success_rate"), RevenueMath::percent(k.successNumerator(), k.successDenominator())}};
}

QString revenue(const RevenueResult& result, const QString& format)
{
    if (format == QLatin1String("csv")) {
        return revenueCsv(result);
    }
    if (format == QLatin1String("json")) {
        return revenueJson(result);
    }
    return revenueText(result);
}

QString findings(const QList<Finding>& list, const QString& format)
{
    if (format == QLatin1String("csv")) {
        return Csv::findings(list);
    }
    if (format == QLatin1String("json")) {
        QJsonArray array;
        for (const Finding& f : list) {
            array.append(QJsonObject{{QStringLiteral("kind"), Finding::kindName(f.kind)},
                                     {QStringLiteral("table"), f.table},
                                     {QStringLiteral("row_id"), f.rowId},
                                     {QStringLiteral("description"), f.description}});
        }
        return QString::fromUtf8(QJsonDocument(array).toJson(QJsonDocument::Indented));
    }
    QString t;
    for (const Finding& f : list) {
        t += QStringLiteral("%1  %2 #%3  %4\n").arg(Finding::kindName(f.kind), f.table, f.rowId, f.description);
    }
    t += QStringLiteral("%1 finding(s)\n").arg(list.size());
    return t;
}
} // namespace ReportOutput
