#include "RevenueReportFacts.h"

#include "ReportSql.h"
#include "RevenueStatement.h"
#include "domain/PlatformValues.h"

#include <QHash>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#include <unordered_set>

// SQLite groups by sorting: every GROUP BY of the report is a sort of the period's rows, and
// SQLite has no GROUPING SETS. Instead the report registers an aggregate function of its own on the
// connection (for the one statement; nothing is written to the database) and SQLite hands it each
// row of the one pass over payments ⋈ orders; the function adds the row to every grouping at once
// in hash maps. Everything a row counts for (its local days, whether it is in the period, its
// amount in minor units) is still computed by the statement's SQL, as on PostgreSQL.
namespace {
using namespace PlatformValues;

const char* const functionName = "coursedesk_revenue_facts";
constexpr int argumentCount = 11;

struct Sums
{
    qint64 count = 0;
    qint64 minor = 0;
};

struct PerCurrency
{
    QHash<QByteArray, QHash<QByteArray, Sums>> payments; // status -> "YYYY-MM-DD"
    QHash<QByteArray, Sums> refunds;                     // "YYYY-MM-DD"
    QHash<QByteArray, Sums> courses;
    QHash<QByteArray, Sums> courseRefunds;
    QHash<QByteArray, Sums> methods;
    std::unordered_set<qint64> paidOrders[2]; // previous, current
    bool damaged = false;
};

struct Collector
{
    QHash<QByteArray, PerCurrency> currencies;
    QByteArray lastCurrency;
    PerCurrency* last = nullptr;

    PerCurrency& currency(sqlite3_value* value)
    {
        const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
        const int size = sqlite3_value_bytes(value);
        if (!last || lastCurrency.size() != size || (size > 0 && memcmp(lastCurrency.constData(), text, size) != 0)) {
            lastCurrency = QByteArray(text ? text : "", size);
            last = &currencies[lastCurrency];
        }
        return *last;
    }
};

// The entry of `map` for the text of `key`, looked up without copying the text (copied only when
// the entry is new).
template <typename T>
T& entry(QHash<QByteArray, T>& map, sqlite3_value* key)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(key));
    const int size = sqlite3_value_bytes(key);
    const auto it = map.find(QByteArray::fromRawData(text ? text : "", size));
    return it != map.end() ? it.value() : map[QByteArray(text ? text : "", size)];
}

// Adds a row to `map` (nothing when the key is NULL: the row does not count for that grouping).
void add(QHash<QByteArray, Sums>& map, sqlite3_value* key, qint64 minor)
{
    if (sqlite3_value_type(key) == SQLITE_NULL) {
        return;
    }
    Sums& sums = entry(map, key);
    ++sums.count;
    sums.minor += minor;
}

void step(sqlite3_context* context, int argc, sqlite3_value** argv)
{
    if (argc != argumentCount) {
        return;
    }
    auto* collector = static_cast<Collector*>(sqlite3_user_data(context));
    // currency, status, pday, rday, course, rcourse, method, pflag, order_id, minor, damaged
    PerCurrency& c = collector->currency(argv[0]);
    if (sqlite3_value_int(argv[10]) != 0) {
        c.damaged = true;
    }
    const qint64 minor = sqlite3_value_int64(argv[9]); // 0 for NULL (a damaged amount)
    if (sqlite3_value_type(argv[2]) != SQLITE_NULL) {
        add(entry(c.payments, argv[1]), argv[2], minor);
    }
    add(c.refunds, argv[3], minor);
    add(c.courses, argv[4], minor);
    add(c.courseRefunds, argv[5], minor);
    add(c.methods, argv[6], minor);
    if (sqlite3_value_type(argv[7]) != SQLITE_NULL) {
        c.paidOrders[sqlite3_value_int(argv[7]) == 1 ? 1 : 0].insert(sqlite3_value_int64(argv[8]));
    }
}

void final(sqlite3_context* context)
{
    sqlite3_result_int(context, 1);
}

QDate dayOf(const QByteArray& text)
{
    return QDate::fromString(QString::fromLatin1(text.left(10)), Qt::ISODate);
}

sqlite3* handleOf(const QSqlDatabase& db)
{
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        return *static_cast<sqlite3* const*>(handle.data());
    }
    return nullptr;
}
} // namespace

namespace RevenueSource {
bool loadPaymentsSqlite(const QSqlDatabase& db, const RevenueStatement& events, RevenueFacts* facts, QString* error)
{
    sqlite3* handle = handleOf(db);
    if (!handle) {
        if (error) {
            *error = QStringLiteral("The SQLite connection has no handle to report on.");
        }
        return false;
    }
    Collector collector;
    if (sqlite3_create_function_v2(handle, functionName, argumentCount, SQLITE_UTF8, &collector, nullptr, &step, &final,
                                   nullptr) != SQLITE_OK) {
        if (error) {
            *error = QStringLiteral("Could not prepare the report: %1").arg(QString::fromUtf8(sqlite3_errmsg(handle)));
        }
        return false;
    }
    // The amount in minor units as the other reports compute it, NULL when it is damaged.
    const QString sql = QStringLiteral("SELECT %1(currency, status, pday, rday, course, rcourse, method, pflag, "
                                       "order_id, CASE WHEN damaged THEN NULL ELSE CAST(round(amount * 100) AS "
                                       "INTEGER) END, CASE WHEN amount IS NOT NULL AND damaged THEN 1 ELSE 0 END) "
                                       "FROM (%2) ev")
                            .arg(QLatin1String(functionName), events.text());
    const bool ok = ReportSql::select(
        db, sql, events.binds(), [](const QSqlQuery&) {}, error);
    // Unregistered at once: the collector lives on this stack frame only.
    sqlite3_create_function_v2(handle, functionName, argumentCount, SQLITE_UTF8, nullptr, nullptr, nullptr, nullptr,
                               nullptr);
    if (!ok) {
        return false;
    }
    for (auto cit = collector.currencies.cbegin(); cit != collector.currencies.cend(); ++cit) {
        const QString currency = QString::fromUtf8(cit.key());
        const PerCurrency& c = cit.value();
        if (c.damaged) {
            facts->damagedCurrencies.insert(currency);
        }
        for (auto sit = c.payments.cbegin(); sit != c.payments.cend(); ++sit) {
            for (auto it = sit->cbegin(); it != sit->cend(); ++it) {
                facts->payments << RevenueFacts::Payments{currency, QString::fromUtf8(sit.key()), dayOf(it.key()),
                                                          it->count, it->minor};
            }
        }
        for (auto it = c.refunds.cbegin(); it != c.refunds.cend(); ++it) {
            facts->refunds << RevenueFacts::Refunds{currency, dayOf(it.key()), it->count, it->minor};
        }
        for (auto it = c.courses.cbegin(); it != c.courses.cend(); ++it) {
            facts->courses << RevenueFacts::Course{currency, QString::fromUtf8(it.key()), it->minor, 0};
        }
        for (auto it = c.courseRefunds.cbegin(); it != c.courseRefunds.cend(); ++it) {
            facts->courses << RevenueFacts::Course{currency, QString::fromUtf8(it.key()), 0, it->minor};
        }
        for (auto it = c.methods.cbegin(); it != c.methods.cend(); ++it) {
            facts->methods << qMakePair(currency, MethodShare{QString::fromUtf8(it.key()), it->count, it->minor});
        }
        if (!c.paidOrders[1].empty()) {
            facts->paidOrders[currency] = qint64(c.paidOrders[1].size());
        }
        if (!c.paidOrders[0].empty()) {
            facts->previousPaidOrders[currency] = qint64(c.paidOrders[0].size());
        }
    }
    return true;
}
} // namespace RevenueSource
