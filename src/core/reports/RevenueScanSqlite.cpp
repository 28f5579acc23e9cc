#include "RevenueReportFacts.h"

#include "ReportSql.h"
#include "RevenueStatement.h"
#include "SqliteGrouping.h"
#include "domain/PlatformValues.h"

#include <QHash>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <vector>

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
    // The order of every captured payment, previous period and period; made distinct once at the
    // end (a sort of 1.5M ids costs less than a node allocation per id in a hash set).
    std::vector<qint64> paidOrders[2];
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
    // `minor` is NULL exactly when the amount is NULL; a NULL amount is "damaged" by the SQL test
    // (its type is not a number), counts as 0 and does not make the currency's figures unusable,
    // as in MoneySql::sumMinorUnits.
    const bool damaged = sqlite3_value_int(argv[10]) != 0;
    if (damaged && sqlite3_value_type(argv[9]) != SQLITE_NULL) {
        c.damaged = true;
    }
    const qint64 minor = damaged ? 0 : sqlite3_value_int64(argv[9]);
    if (sqlite3_value_type(argv[2]) != SQLITE_NULL) {
        add(entry(c.payments, argv[1]), argv[2], minor);
    }
    add(c.refunds, argv[3], minor);
    add(c.courses, argv[4], minor);
    add(c.courseRefunds, argv[5], minor);
    add(c.methods, argv[6], minor);
    if (sqlite3_value_type(argv[7]) != SQLITE_NULL) {
        c.paidOrders[sqlite3_value_int(argv[7]) == 1 ? 1 : 0].push_back(sqlite3_value_int64(argv[8]));
    }
}

QDate dayOf(const QByteArray& text)
{
    return QDate::fromString(QString::fromLatin1(text.left(10)), Qt::ISODate);
}

} // namespace

namespace RevenueSource {
bool loadPaymentsSqlite(const QSqlDatabase& db, const RevenueStatement& events, RevenueFacts* facts, QString* error)
{
    Collector collector;
    // The amount in minor units as the other reports compute it, and whether it is damaged: each
    // reference to `damaged` evaluates its test again (SQLite flattens the subquery), and twice
    // per row cost 0.3 s of the two-year report.
    const QString sql = QStringLiteral("SELECT %1(currency, status, pday, rday, course, rcourse, method, pflag, "
                                       "order_id, CAST(round(amount * 100) AS INTEGER), damaged) FROM (%2) ev")
                            .arg(QLatin1String(functionName), events.text());
    if (!SqliteGrouping::selectWithAggregate(db, functionName, argumentCount, &collector, &step, sql, events.binds(),
                                             error)) {
        return false;
    }
    for (auto cit = collector.currencies.begin(); cit != collector.currencies.end(); ++cit) {
        const QString currency = QString::fromUtf8(cit.key());
        PerCurrency& c = cit.value();
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
        for (int current : {0, 1}) {
            std::vector<qint64>& orders = c.paidOrders[current];
            if (orders.empty()) {
                continue;
            }
            std::sort(orders.begin(), orders.end());
            const auto distinct = qint64(std::unique(orders.begin(), orders.end()) - orders.begin());
            (current == 1 ? facts->paidOrders : facts->previousPaidOrders)[currency] = distinct;
        }
    }
    return true;
}
} // namespace RevenueSource
