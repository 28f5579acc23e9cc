#include "RevenueReport.h"

#include "ReportSql.h"
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

const QString paidAt = QStringLiteral("COALESCE(p.payment_date, p.created_at)");

QString capturedStatuses()
{
    return ReportSql::literalList({Payment::completed, Payment::refunded});
}

// Set when a sum came back unreadable (MoneySql::sumMinorUnits is NULL over a damaged amount):
// run() then refuses the whole result rather than show figures that count the damage as 0.
thread_local bool sawDamagedAmount = false;

qint64 minor(const QVariant& value)
{
    const auto minorUnits = Money::minorFromSqlMinorUnits(value);
    sawDamagedAmount = sawDamagedAmount || !minorUnits;
    return minorUnits.value_or(0);
}

// Everything a query needs to know about where it runs and what it filters on.
class Context
{
public:
    Context(const QSqlDatabase& db, const RevenueFilter& filter)
        : m_db(db), m_engine(Database::engine(db)), m_time(SqlTime::forConnection(db)), m_filter(filter)
    {
    }

    Engine engine() const { return m_engine; }
    const SqlTime& time() const { return m_time; }
    const RevenueFilter& filter() const { return m_filter; }
    QString sum(const QString& expression) const { return MoneySql::sumMinorUnits(m_engine, expression); }

    // " AND ts >= ? AND ts < ? AND o.currency = ? AND <course> = ?" and its values, in order.
    QString range(const QString& ts, const QDateTime& start, const QDateTime& end, const QString& courseColumn,
                  QVariantList* binds) const
    {
        const QString param = ReportSql::timestampParam(m_engine);
        QString sql = QStringLiteral(" AND %1 >= %2 AND %1 < %2").arg(ts, param);
        *binds << ReportSql::boundText(m_time, start) << ReportSql::boundText(m_time, end);
        if (!m_filter.currency.isEmpty()) {
            sql += QStringLiteral(" AND o.currency = ?");
            *binds << m_filter.currency;
        }
        if (!m_filter.courseId.isEmpty()) {
            sql += QStringLiteral(" AND %1 = ?").arg(courseColumn);
            *binds << m_filter.courseId;
        }
        return sql;
    }

    // Runs `sql` with `binds`, calling `row` for each result row.
    bool select(const QString& sql, const QVariantList& binds, const std::function<void(const QSqlQuery&)>& row,
                QString* error) const
    {
        return ReportSql::select(m_db, sql, binds, row, error);
    }

    // A per-local-day grouped query, run once per zone segment: `sqlFor(dayExpr, where)` must put
    // the day first in its select list; rows come back as (day, query).
    bool byLocalDay(const ReportPeriod& period, const QString& ts, const QString& courseColumn,
                    const std::function<QString(const QString&, const QString&)>& sqlFor,
                    const std::function<void(QDate, const QSqlQuery&)>& row, QString* error) const
    {
        for (const ZoneSegment& segment : period.segments(m_time.zone())) {
            QVariantList binds{ReportSql::shiftValue(m_engine, segment.shiftSeconds)};
            const QString where = range(ts, segment.start, segment.end, courseColumn, &binds);
            const QString sql = sqlFor(ReportSql::shiftedDay(m_engine, ts), where);
            const bool ok = select(
                sql, binds, [&](const QSqlQuery& q) { row(QDate::fromString(q.value(0).toString(), Qt::ISODate), q); },
                error);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

private:
    QSqlDatabase m_db;
    Engine m_engine;
    SqlTime m_time;
    RevenueFilter m_filter;
};

bool loadKpis(const Context& c, const ReportPeriod& period, QMap<QString, RevenueKpis>* out, QString* error)
{
    const QString captured = QStringLiteral("p.status IN (%1)").arg(capturedStatuses());
    QVariantList binds;
    QString sql =
        QStringLiteral("SELECT o.currency, SUM(CASE WHEN %1 THEN 1 ELSE 0 END), "
                       "COUNT(DISTINCT CASE WHEN %1 THEN p.order_id END), %2, "
                       "SUM(CASE WHEN p.status = '%3' THEN 1 ELSE 0 END) "
                       "FROM payments p JOIN orders o ON o.id = p.order_id WHERE p.status IN (%4)")
            .arg(captured, c.sum(QStringLiteral("CASE WHEN %1 THEN p.amount END").arg(captured)), Payment::failed,
                 ReportSql::literalList({Payment::completed, Payment::refunded, Payment::failed}));
    sql += c.range(paidAt, period.startInstant(), period.endInstant(), QStringLiteral("o.course_id"), &binds);
    sql += QStringLiteral(" GROUP BY o.currency");
    bool ok = c.select(
        sql, binds,
        [&](const QSqlQuery& q) {
            RevenueKpis& k = (*out)[q.value(0).toString()];
            k.capturedPayments = q.value(1).toLongLong();
            k.succeededPayments = k.capturedPayments;
            k.paidOrders = q.value(2).toLongLong();
            k.grossMinor = minor(q.value(3));
            k.failedPayments = q.value(4).toLongLong();
        },
        error);
    if (!ok) {
        return false;
    }
    binds.clear();
    sql = QStringLiteral("SELECT o.currency, COUNT(*), %1 FROM payments p JOIN orders o ON o.id = p.order_id "
                         "WHERE p.status = '%2'")
              .arg(c.sum(QStringLiteral("p.amount")), Payment::refunded);
    sql += c.range(QStringLiteral("p.updated_at"), period.startInstant(), period.endInstant(),
                   QStringLiteral("o.course_id"), &binds);
    sql += QStringLiteral(" GROUP BY o.currency");
    return c.select(
        sql, binds,
        [&](const QSqlQuery& q) {
            RevenueKpis& k = (*out)[q.value(0).toString()];
            k.refundCount = q.value(1).toLongLong();
            k.refundsMinor = minor(q.value(2));
        },
        error);
}

bool loadEnrollmentCount(const Context& c, const ReportPeriod& period, qint64* out, QString* error)
{
    QVariantList binds;
    QString sql = QStringLiteral("SELECT COUNT(*) FROM enrollments e JOIN orders o ON o.id = e.order_id WHERE 1 = 1");
    sql += c.range(QStringLiteral("e.enrollment_date"), period.startInstant(), period.endInstant(),
                   QStringLiteral("e.course_id"), &binds);
    return c.select(
        sql, binds, [&](const QSqlQuery& q) { *out = q.value(0).toLongLong(); }, error);
}

bool loadSeries(const Context& c, RevenueResult* result, QString* error)
{
    const ReportPeriod period = c.filter().period();
    const Granularity g = c.filter().granularity;
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
    const QString from = QStringLiteral(" FROM payments p JOIN orders o ON o.id = p.order_id");
    bool ok = c.byLocalDay(
        period, paidAt, QStringLiteral("o.course_id"),
        [&](const QString& day, const QString& where) {
            return QStringLiteral("SELECT %1, o.currency, %2%3 WHERE p.status IN (%4)%5 GROUP BY 1, 2")
                .arg(day, c.sum(QStringLiteral("p.amount")), from, capturedStatuses(), where);
        },
        [&](QDate day, const QSqlQuery& q) { bucket(q.value(1).toString(), day).grossMinor += minor(q.value(2)); },
        error);
    ok = ok && c.byLocalDay(
                   period, QStringLiteral("p.updated_at"), QStringLiteral("o.course_id"),
                   [&](const QString& day, const QString& where) {
                       return QStringLiteral("SELECT %1, o.currency, %2%3 WHERE p.status = '%4'%5 GROUP BY 1, 2")
                           .arg(day, c.sum(QStringLiteral("p.amount")), from, Payment::refunded, where);
                   },
                   [&](QDate day, const QSqlQuery& q) {
                       bucket(q.value(1).toString(), day).refundsMinor += minor(q.value(2));
                   },
                   error);
    QMap<QDate, qint64> enrollments;
    for (QDate start : starts) {
        enrollments.insert(start, 0);
    }
    ok = ok &&
         c.byLocalDay(
             period, QStringLiteral("e.enrollment_date"), QStringLiteral("e.course_id"),
             [&](const QString& day, const QString& where) {
                 return QStringLiteral("SELECT %1, COUNT(*) FROM enrollments e JOIN orders o ON o.id = "
                                       "e.order_id WHERE 1 = 1%2 GROUP BY 1")
                     .arg(day, where);
             },
             [&](QDate day, const QSqlQuery& q) { enrollments[period.bucketOf(day, g)] += q.value(1).toLongLong(); },
             error);
    if (!ok) {
        return false;
    }
    for (auto it = buckets.cbegin(); it != buckets.cend(); ++it) {
        result->currencies[it.key()].series = it.value().values();
    }
    for (auto it = enrollments.cbegin(); it != enrollments.cend(); ++it) {
        result->enrollments << CountBucket{it.key(), it.value()};
    }
    return true;
}

bool loadCourses(const Context& c, RevenueResult* result, QString* error)
{
    const ReportPeriod period = c.filter().period();
    QMap<QString, QMap<QString, CourseRevenue>> byCurrency;
    const QString select =
        QStringLiteral("SELECT o.currency, o.course_id, MAX(c.name), %1 FROM payments p "
                       "JOIN orders o ON o.id = p.order_id LEFT JOIN courses c ON c.id = o.course_id ")
            .arg(c.sum(QStringLiteral("p.amount")));
    const QString groupBy = QStringLiteral(" GROUP BY o.currency, o.course_id");
    for (bool refunds : {false, true}) {
        QVariantList binds;
        QString sql = select + (refunds ? QStringLiteral("WHERE p.status = '%1'").arg(Payment::refunded)
                                        : QStringLiteral("WHERE p.status IN (%1)").arg(capturedStatuses()));
        sql += c.range(refunds ? QStringLiteral("p.updated_at") : paidAt, period.startInstant(), period.endInstant(),
                       QStringLiteral("o.course_id"), &binds);
        const bool ok = c.select(
            sql + groupBy, binds,
            [&](const QSqlQuery& q) {
                CourseRevenue& course = byCurrency[q.value(0).toString()][q.value(1).toString()];
                course.courseId = q.value(1).toString();
                course.name = q.value(2).isNull() ? course.courseId : q.value(2).toString();
                (refunds ? course.refundsMinor : course.grossMinor) += minor(q.value(3));
            },
            error);
        if (!ok) {
            return false;
        }
    }
    const int top = std::max(1, c.filter().topCourses);
    for (auto it = byCurrency.cbegin(); it != byCurrency.cend(); ++it) {
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
    return true;
}

bool loadMethodsAndStatuses(const Context& c, RevenueResult* result, QString* error)
{
    const ReportPeriod period = c.filter().period();
    QVariantList binds;
    QString sql = QStringLiteral("SELECT o.currency, p.payment_method, COUNT(*), %1 FROM payments p JOIN orders o ON "
                                 "o.id = p.order_id WHERE p.status IN (%2)")
                      .arg(c.sum(QStringLiteral("p.amount")), capturedStatuses());
    sql += c.range(paidAt, period.startInstant(), period.endInstant(), QStringLiteral("o.course_id"), &binds);
    QMap<QString, QMap<QString, MethodShare>> methods;
    bool ok = c.select(
        sql + QStringLiteral(" GROUP BY o.currency, p.payment_method"), binds,
        [&](const QSqlQuery& q) {
            const QString raw = q.value(1).toString().trimmed();
            const QString method = raw.isEmpty() ? QStringLiteral("(none)") : raw;
            MethodShare& share = methods[q.value(0).toString()][method];
            share.method = method;
            share.payments += q.value(2).toLongLong();
            share.grossMinor += minor(q.value(3));
        },
        error);
    if (!ok) {
        return false;
    }
    for (auto it = methods.cbegin(); it != methods.cend(); ++it) {
        QList<MethodShare> list = it.value().values();
        std::stable_sort(list.begin(), list.end(),
                         [](const MethodShare& a, const MethodShare& b) { return a.grossMinor > b.grossMinor; });
        result->currencies[it.key()].methods = list;
    }
    binds.clear();
    sql = QStringLiteral("SELECT o.currency, o.status, COUNT(*), %1 FROM orders o WHERE 1 = 1")
              .arg(c.sum(QStringLiteral("o.amount")));
    sql += c.range(QStringLiteral("o.created_at"), period.startInstant(), period.endInstant(),
                   QStringLiteral("o.course_id"), &binds);
    return c.select(
        sql + QStringLiteral(" GROUP BY o.currency, o.status ORDER BY o.currency, o.status"), binds,
        [&](const QSqlQuery& q) {
            result->currencies[q.value(0).toString()].orderStatuses
                << StatusCount{q.value(1).toString(), q.value(2).toLongLong(), minor(q.value(3))};
        },
        error);
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
    sawDamagedAmount = false;
    RevenueResult result;
    result.filter = filter;
    const Context c(m_db, filter);
    const ReportPeriod period = filter.period();
    QMap<QString, RevenueKpis> current;
    QMap<QString, RevenueKpis> previous;
    const bool ok = loadKpis(c, period, &current, error) && loadKpis(c, period.previous(), &previous, error) &&
                    loadEnrollmentCount(c, period, &result.newEnrollments, error) &&
                    loadEnrollmentCount(c, period.previous(), &result.previousEnrollments, error) &&
                    loadSeries(c, &result, error) && loadCourses(c, &result, error) &&
                    loadMethodsAndStatuses(c, &result, error);
    if (!ok) {
        return std::nullopt;
    }
    if (sawDamagedAmount) {
        if (error) {
            *error = QStringLiteral("An amount in this period is damaged (NULL, NaN, a blob or outside "
                                    "DECIMAL(10,2)), so the totals would be wrong and none are shown. Run "
                                    "`coursedesk report reconcile` or the Reconciliation page to find the rows. "
                                    "Nothing was written.");
        }
        return std::nullopt;
    }
    if (!filter.currency.isEmpty()) {
        result.currencies[filter.currency]; // the chosen currency is always reported, zeros included
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
    Context(m_db, {}).select(
        QStringLiteral("SELECT DISTINCT currency FROM orders ORDER BY currency"), {},
        [&](const QSqlQuery& q) { list << q.value(0).toString(); }, error);
    return list;
}

QList<QPair<QString, QString>> RevenueReport::courses(QString* error) const
{
    QList<QPair<QString, QString>> list;
    Context(m_db, {}).select(
        QStringLiteral("SELECT id, name FROM courses ORDER BY name, id"), {},
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
    const bool ok = Context(m_db, {}).select(
        sql, {},
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
