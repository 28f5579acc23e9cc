#include "SqliteGrouping.h"

#include "ReportSql.h"

#include <QHash>
#include <QSqlDriver>
#include <QSqlQuery>

#include <sqlite3.h>

#include <algorithm>

namespace {
const char* const functionName = "coursedesk_group_rows";
constexpr int argumentCount = 4;

struct Sums
{
    qint64 rows = 0;
    qint64 minor = 0;
    bool damaged = false;
};

// A key's text, with SQL NULL kept apart from the empty text.
QByteArray keyOf(sqlite3_value* value)
{
    if (sqlite3_value_type(value) == SQLITE_NULL) {
        return QByteArray();
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(value));
    return QByteArray(text ? text : "", sqlite3_value_bytes(value));
}

struct Collector
{
    QHash<QPair<QByteArray, QByteArray>, Sums> groups;
    // Consecutive rows often share their keys: the last group is reused without hashing.
    QPair<QByteArray, QByteArray> lastKey;
    Sums* last = nullptr;

    static bool same(const QByteArray& key, sqlite3_value* value)
    {
        if (sqlite3_value_type(value) == SQLITE_NULL) {
            return key.isNull();
        }
        const int size = sqlite3_value_bytes(value);
        return !key.isNull() && key.size() == size &&
               (size == 0 || memcmp(key.constData(), sqlite3_value_text(value), size) == 0);
    }

    // `last` stays valid until the next insertion, which only happens here and replaces it.
    Sums& group(sqlite3_value* key1, sqlite3_value* key2)
    {
        if (!last || !same(lastKey.first, key1) || !same(lastKey.second, key2)) {
            lastKey = qMakePair(keyOf(key1), keyOf(key2));
            last = &groups[lastKey];
        }
        return *last;
    }
};

void step(sqlite3_context* context, int argc, sqlite3_value** argv)
{
    if (argc != argumentCount) {
        return;
    }
    auto* collector = static_cast<Collector*>(sqlite3_user_data(context));
    Sums& sums = collector->group(argv[0], argv[1]);
    ++sums.rows;
    if (sqlite3_value_int(argv[3]) != 0) {
        sums.damaged = true; // and not added: a damaged amount may be out of any range
    } else {
        sums.minor += sqlite3_value_int64(argv[2]); // 0 for NULL
    }
}

void final(sqlite3_context* context)
{
    sqlite3_result_int(context, 1);
}
} // namespace

namespace SqliteGrouping {
sqlite3* handle(const QSqlDatabase& db)
{
    const QVariant handle = db.driver()->handle();
    if (handle.isValid() && qstrcmp(handle.typeName(), "sqlite3*") == 0) {
        return *static_cast<sqlite3* const*>(handle.data());
    }
    return nullptr;
}

bool selectWithAggregate(const QSqlDatabase& db, const char* name, int argumentCount, void* state, Step step,
                         const QString& sql, const QVariantList& binds, QString* error)
{
    sqlite3* connection = handle(db);
    if (!connection) {
        if (error) {
            *error = QStringLiteral("The SQLite connection has no handle to report on.");
        }
        return false;
    }
    if (sqlite3_create_function_v2(connection, name, argumentCount, SQLITE_UTF8, state, nullptr, step, &final,
                                   nullptr) != SQLITE_OK) {
        if (error) {
            *error =
                QStringLiteral("Could not prepare the report: %1").arg(QString::fromUtf8(sqlite3_errmsg(connection)));
        }
        return false;
    }
    const bool ok = ReportSql::select(
        db, sql, binds, [](const QSqlQuery&) {}, error);
    // Unregistered at once: `state` lives on the caller's stack frame only.
    sqlite3_create_function_v2(connection, name, argumentCount, SQLITE_UTF8, nullptr, nullptr, nullptr, nullptr,
                               nullptr);
    return ok;
}

QString function()
{
    return QLatin1String(functionName);
}

bool groups(const QSqlDatabase& db, const QString& sql, const QVariantList& binds, QList<Group>* groups, QString* error)
{
    Collector collector;
    if (!selectWithAggregate(db, functionName, argumentCount, &collector, &step, sql, binds, error)) {
        return false;
    }
    groups->clear();
    for (auto it = collector.groups.cbegin(); it != collector.groups.cend(); ++it) {
        groups->append(Group{it.key().first, it.key().second, it->rows, it->minor, it->damaged});
    }
    // NULL sorts first, as in SQLite.
    auto less = [](const QByteArray& a, const QByteArray& b) {
        if (a.isNull() || b.isNull()) {
            return a.isNull() && !b.isNull();
        }
        return a < b;
    };
    std::sort(groups->begin(), groups->end(), [&](const Group& a, const Group& b) {
        if (a.key1 != b.key1 || a.key1.isNull() != b.key1.isNull()) {
            return less(a.key1, b.key1);
        }
        return less(a.key2, b.key2);
    });
    return true;
}
} // namespace SqliteGrouping
