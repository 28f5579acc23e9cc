#include "RevenueReportFacts.h"

#include "ReportSql.h"
#include "RevenueStatement.h"
#include "SqliteGrouping.h"
#include "domain/PlatformValues.h"

#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <unordered_map>
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

// Maps keyed by text, looked up with the text where SQLite holds it (a std::string_view) and hashed
// in one pass over its bytes; the key is copied only for a new entry. Every row goes through five
// of them: with QByteArray keys (a copy or a raw-data wrapper and Qt's seeded hash per lookup) they
// took 1.3 s of the two-year report's 3.0 s statement, now 0.3 s.
struct TextHash
{
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
};
template <typename T>
using TextMap = std::unordered_map<std::string, T, TextHash, std::equal_to<>>;
using TextSums = TextMap<Sums>; // by course id, payment method or local day ("YYYY-MM-DD")

// The last value of a column and what it led to: a report's rows come in runs of one currency (and
// often of one status), so most rows skip the lookup.
template <typename T>
struct Last
{
    std::string key;
    T* value = nullptr;

    template <typename Lookup>
    T& get(std::string_view text, Lookup lookup)
    {
        if (!value || text != key) {
            key.assign(text);
            value = &lookup(text);
        }
        return *value;
    }
};

struct PerCurrency
{
    TextMap<TextSums> payments; // by status, then day
    Last<TextSums> lastStatus;
    TextSums refunds; // by day
    TextSums courses;
    TextSums courseRefunds;
    TextSums methods;
    // The order of every captured payment, previous period and period; made distinct once at the
    // end (a sort of 1.5M ids costs less than a node allocation per id in a hash set).
    std::vector<qint64> paidOrders[2];
    bool damaged = false;
};

std::string_view textOf(sqlite3_value* value)
{
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    return text ? std::string_view(text, size_t(sqlite3_value_bytes(value))) : std::string_view();
}

// The entry of `map` for `key`, the key copied only when the entry is new.
template <typename T>
T& entry(TextMap<T>& map, std::string_view key)
{
    const auto it = map.find(key);
    return it != map.end() ? it->second : map.try_emplace(std::string(key)).first->second;
}

struct Collector
{
    TextMap<PerCurrency> currencies;
    Last<PerCurrency> currency;
};

// Adds a row to `map` (nothing when the key is NULL: the row does not count for that grouping).
void add(TextSums& map, sqlite3_value* key, qint64 minor)
{
    if (sqlite3_value_type(key) == SQLITE_NULL) {
        return;
    }
    Sums& sums = entry(map, textOf(key));
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
    PerCurrency& c = collector->currency.get(
        textOf(argv[0]), [&](std::string_view key) -> PerCurrency& { return entry(collector->currencies, key); });
    // `minor` is NULL exactly when the amount is NULL; a NULL amount is "damaged" by the SQL test
    // (its type is not a number), counts as 0 and does not make the currency's figures unusable,
    // as in MoneySql::sumMinorUnits.
    const bool damaged = sqlite3_value_int(argv[10]) != 0;
    if (damaged && sqlite3_value_type(argv[9]) != SQLITE_NULL) {
        c.damaged = true;
    }
    const qint64 minor = damaged ? 0 : sqlite3_value_int64(argv[9]);
    if (sqlite3_value_type(argv[2]) != SQLITE_NULL) {
        TextSums& days = c.lastStatus.get(textOf(argv[1]),
                                          [&](std::string_view key) -> TextSums& { return entry(c.payments, key); });
        add(days, argv[2], minor);
    }
    add(c.refunds, argv[3], minor);
    add(c.courses, argv[4], minor);
    add(c.courseRefunds, argv[5], minor);
    add(c.methods, argv[6], minor);
    if (sqlite3_value_type(argv[7]) != SQLITE_NULL) {
        c.paidOrders[sqlite3_value_int(argv[7]) == 1 ? 1 : 0].push_back(sqlite3_value_int64(argv[8]));
    }
}

QString textString(const std::string& text)
{
    return QString::fromUtf8(text.data(), qsizetype(text.size()));
}

QDate dayOf(const std::string& text)
{
    return QDate::fromString(textString(text).left(10), Qt::ISODate);
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
    for (auto& [currencyText, c] : collector.currencies) {
        const QString currency = textString(currencyText);
        if (c.damaged) {
            facts->damagedCurrencies.insert(currency);
        }
        for (const auto& [status, days] : c.payments) {
            for (const auto& [day, sums] : days) {
                facts->payments << RevenueFacts::Payments{currency, textString(status), dayOf(day), sums.count,
                                                          sums.minor};
            }
        }
        for (const auto& [day, sums] : c.refunds) {
            facts->refunds << RevenueFacts::Refunds{currency, dayOf(day), sums.count, sums.minor};
        }
        for (const auto& [course, sums] : c.courses) {
            facts->courses << RevenueFacts::Course{currency, textString(course), sums.minor, 0};
        }
        for (const auto& [course, sums] : c.courseRefunds) {
            facts->courses << RevenueFacts::Course{currency, textString(course), 0, sums.minor};
        }
        for (const auto& [method, sums] : c.methods) {
            facts->methods << qMakePair(currency, MethodShare{textString(method), sums.count, sums.minor});
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
