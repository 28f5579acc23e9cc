#include "RevenueReport.h"

#include "ReportSql.h"
#include "RevenueReportFacts.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "money/Money.h"
#include "money/MoneySql.h"

#include <QSqlQuery>

#include <algorithm>
#include <functional>

namespace {
using namespace PlatformValues;

// Adds up the facts into the report: KPIs of both periods, buckets, courses and methods.
void assemble(const RevenueFacts& facts, const RevenueFilter& filter, const QHash<QString, QString>& courseNames,
              RevenueResult* result, QMap<QString, RevenueKpis>* current, QMap<QString, RevenueKpis>* previous)
{
    const ReportPeriod period = filter.period();
    const Granularity g = filter.granularity;
    const QList<QDate> starts = period.bucketStarts(g);
    QMap<QString, QMap<QDate, RevenueBucket>> buckets;
    auto bucket = [&](const QString& currency, QDate day) -> RevenueBucket& {
        auto& map = buckets[currency];
        if (map.isEmpty()) {
            for (QDate start : starts) {
                map.insert(start, RevenueBucket{start});
            }
        }
        return map[period.bucketOf(day, g)];
    };
    QMap<QString, QMap<QString, CourseRevenue>> courses;
    auto course = [&](const QString& currency, const QString& id) -> CourseRevenue& {
        CourseRevenue& c = courses[currency][id];
        c.courseId = id;
        c.name = courseNames.value(id, id);
        return c;
    };
    QMap<QString, QMap<QString, MethodShare>> methods;
    const QDate prevFrom = period.previous().from();
    for (const RevenueFacts::Payments& f : facts.payments) {
        const bool inPeriod = f.day >= period.from() && f.day < period.to();
        if (!inPeriod && (f.day < prevFrom || f.day >= period.from())) {
            continue;
        }
        RevenueKpis& k = (inPeriod ? *current : *previous)[f.currency];
        if (f.status == Payment::failed) {
            k.failedPayments += f.count;
            continue;
        }
        k.capturedPayments += f.count;
        k.succeededPayments += f.count;
        k.grossMinor += f.minor;
        if (inPeriod) {
            bucket(f.currency, f.day).grossMinor += f.minor;
        }
    }
    for (const RevenueFacts::Refunds& f : facts.refunds) {
        const bool inPeriod = f.day >= period.from() && f.day < period.to();
        if (!inPeriod && (f.day < prevFrom || f.day >= period.from())) {
            continue;
        }
        RevenueKpis& k = (inPeriod ? *current : *previous)[f.currency];
        k.refundCount += f.count;
        k.refundsMinor += f.minor;
        if (inPeriod) {
            bucket(f.currency, f.day).refundsMinor += f.minor;
        }
    }
    for (const RevenueFacts::Course& f : facts.courses) {
        CourseRevenue& c = course(f.currency, f.courseId);
        c.grossMinor += f.grossMinor;
        c.refundsMinor += f.refundsMinor;
    }
    for (const auto& [currency, m] : facts.methods) {
        const QString method = m.method.trimmed().isEmpty() ? QStringLiteral("(none)") : m.method.trimmed();
        MethodShare& share = methods[currency][method];
        share.method = method;
        share.payments += m.payments;
        share.grossMinor += m.grossMinor;
    }
    for (auto it = facts.paidOrders.cbegin(); it != facts.paidOrders.cend(); ++it) {
        (*current)[it.key()].paidOrders = it.value();
    }
    for (auto it = facts.previousPaidOrders.cbegin(); it != facts.previousPaidOrders.cend(); ++it) {
        (*previous)[it.key()].paidOrders = it.value();
    }
    for (auto it = buckets.cbegin(); it != buckets.cend(); ++it) {
        result->currencies[it.key()].series = it.value().values();
    }
    const int top = std::max(1, filter.topCourses);
    for (auto it = courses.cbegin(); it != courses.cend(); ++it) {
        QList<CourseRevenue> list = it.value().values();
        std::stable_sort(list.begin(), list.end(), [](const CourseRevenue& a, const CourseRevenue& b) {
            return a.netMinor() != b.netMinor() ? a.netMinor() > b.netMinor() : a.courseId < b.courseId;
        });
        if (list.size() > top) {
            CourseRevenue other{QString(), QStringLiteral("Other courses")};
            for (qsizetype i = top; i < list.size(); ++i) {
                other.grossMinor += list.at(i).grossMinor;
                other.refundsMinor += list.at(i).refundsMinor;
            }
            list = list.mid(0, top);
            list << other;
        }
        result->currencies[it.key()].courses = list;
    }
    for (auto it = methods.cbegin(); it != methods.cend(); ++it) {
        QList<MethodShare> list = it.value().values();
        std::stable_sort(list.begin(), list.end(),
                         [](const MethodShare& a, const MethodShare& b) { return a.grossMinor > b.grossMinor; });
        result->currencies[it.key()].methods = list;
    }
    for (const auto& [currency, status] : facts.orderStatuses) {
        result->currencies[currency].orderStatuses << status;
    }
    QMap<QDate, qint64> enrollments;
    for (QDate start : starts) {
        enrollments.insert(start, 0);
    }
    for (auto it = facts.enrollmentsByDay.cbegin(); it != facts.enrollmentsByDay.cend(); ++it) {
        if (it.key() >= period.from() && it.key() < period.to()) {
            result->newEnrollments += it.value();
            enrollments[period.bucketOf(it.key(), g)] += it.value();
        } else if (it.key() >= prevFrom && it.key() < period.from()) {
            result->previousEnrollments += it.value();
        }
    }
    for (auto it = enrollments.cbegin(); it != enrollments.cend(); ++it) {
        result->enrollments << CountBucket{it.key(), it.value()};
    }
}
} // namespace

qint64 RevenueKpis::averageOrderMinor() const
{
    if (paidOrders <= 0) {
        return 0;
    }
    const qint64 sign = grossMinor < 0 ? -1 : 1;
    return sign * ((2 * sign * grossMinor + paidOrders) / (2 * paidOrders));
}

RevenueReport::RevenueReport(QSqlDatabase db) : m_db(std::move(db)) {}

std::optional<RevenueResult> RevenueReport::run(const RevenueFilter& filter, QString* error) const
{
    // Bounded before anything runs (see ReportPeriod::boundsError); the dashboard relies on it.
    if (const QString bounds = filter.period().boundsError(filter.granularity); !bounds.isEmpty()) {
        if (error) {
            *error = bounds;
        }
        return std::nullopt;
    }
    RevenueResult result;
    result.filter = filter;
    const ReportPeriod period = filter.period();
    RevenueFacts facts;
    QHash<QString, QString> names;
    const bool ok = RevenueSource::load(m_db, filter, m_path, &facts, error) &&
                    ReportSql::select(
                        m_db, QStringLiteral("SELECT id, name FROM courses"), {},
                        [&](const QSqlQuery& q) { names.insert(q.value(0).toString(), q.value(1).toString()); }, error);
    if (!ok) {
        return std::nullopt;
    }
    if (facts.damagedAmount) {
        if (error) {
            *error = QStringLiteral("An amount in this period is damaged (NULL, NaN, a blob or outside "
                                    "DECIMAL(10,2)), so the totals would be wrong and none are shown. Run "
                                    "`coursedesk report reconcile` or the Reconciliation page to find the rows. "
                                    "Nothing was written.");
        }
        return std::nullopt;
    }
    QMap<QString, RevenueKpis> current;
    QMap<QString, RevenueKpis> previous;
    if (!facts.pickedCurrency.isEmpty()) {
        result.filter.currency = facts.pickedCurrency;
    }
    result.currenciesSeen = facts.currenciesSeen;
    result.readByIndex = facts.readByIndex;
    result.readFromRollup = facts.readFromRollup;
    assemble(facts, result.filter, names, &result, &current, &previous);
    if (!result.filter.currency.isEmpty()) {
        result.currencies[result.filter.currency]; // the chosen currency is always reported, zeros included
    }
    for (const QString& code : current.keys() + previous.keys()) {
        result.currencies[code];
    }
    const QList<QDate> starts = period.bucketStarts(filter.granularity);
    for (auto it = result.currencies.begin(); it != result.currencies.end(); ++it) {
        CurrencyRevenue& cr = it.value();
        cr.currency = it.key();
        cr.current = current.value(it.key());
        cr.previous = previous.value(it.key());
        if (cr.series.isEmpty()) {
            for (QDate start : starts) {
                cr.series << RevenueBucket{start};
            }
        }
    }
    return result;
}

QStringList RevenueReport::currencies(QString* error) const
{
    QStringList list;
    ReportSql::select(
        m_db, QStringLiteral("SELECT DISTINCT currency FROM orders ORDER BY currency"), {},
        [&](const QSqlQuery& q) { list << q.value(0).toString(); }, error);
    return list;
}

QList<QPair<QString, QString>> RevenueReport::courses(QString* error) const
{
    QList<QPair<QString, QString>> list;
    ReportSql::select(
        m_db, QStringLiteral("SELECT id, name FROM courses ORDER BY name, id"), {},
        [&](const QSqlQuery& q) {
            list.append({q.value(0).toString(), q.value(1).toString()});
        },
        error);
    return list;
}

std::optional<QPair<QDate, QDate>> RevenueReport::dataRange(const QTimeZone& userZone, QString* error) const
{
    const SqlTime time = SqlTime::forConnection(m_db);
    QDateTime first;
    QDateTime last;
    const QString sql = QStringLiteral(
        "SELECT MIN(t), MAX(t) FROM (SELECT MIN(created_at) AS t FROM orders UNION ALL SELECT MAX(created_at) FROM "
        "orders "
        "UNION ALL SELECT MIN(COALESCE(payment_date, created_at)) FROM payments UNION ALL SELECT "
        "MAX(COALESCE(payment_date, created_at)) FROM payments UNION ALL SELECT MAX(updated_at) FROM payments "
        "UNION ALL SELECT MIN(enrollment_date) FROM enrollments UNION ALL SELECT MAX(enrollment_date) FROM "
        "enrollments) x");
    const bool ok = ReportSql::select(
        m_db, sql, {},
        [&](const QSqlQuery& q) {
            first = time.fromDb(q.value(0));
            last = time.fromDb(q.value(1));
        },
        error);
    if (!ok || !first.isValid() || !last.isValid()) {
        return std::nullopt;
    }
    return qMakePair(first.toTimeZone(userZone).date(), last.toTimeZone(userZone).date());
}

namespace RevenueMath {
QString percent(qint64 numerator, qint64 denominator)
{
    if (denominator == 0) {
        return QStringLiteral("–");
    }
    // Tenths of a percent, rounded half away from zero, in integers.
    const bool negative = (numerator < 0) != (denominator < 0);
    const qint64 n = qAbs(numerator) * 1000;
    const qint64 d = qAbs(denominator);
    const qint64 tenths = (2 * n + d) / (2 * d);
    return QStringLiteral("%1%2.%3%")
        .arg(negative && tenths ? QStringLiteral("-") : QString())
        .arg(tenths / 10)
        .arg(tenths % 10);
}

QString change(qint64 current, qint64 previous)
{
    if (previous == 0) {
        return current == 0 ? QStringLiteral("±0.0%") : QStringLiteral("new");
    }
    const QString text = percent(current - previous, previous);
    return text.startsWith(QLatin1Char('-')) || text == QLatin1String("0.0%") ? text : QLatin1Char('+') + text;
}
} // namespace RevenueMath
