#include "DatasetGenerator.h"

#include "db/Database.h"
#include "schema/Migration.h"
#include "schema/MigrationRunner.h"

#include <QElapsedTimer>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace {
// SQL fragments that differ between the engines. All numbers spliced into the SQL are sizes
// given on the command line (integers), never text.
struct Dialect
{
    bool pg = false;

    // "CASE (expr) % n WHEN 0 THEN 'a' ... END": arrays without engine-specific syntax.
    QString pick(const QString& expr, const QStringList& values) const
    {
        // Built by concatenation: QString::arg() chains would re-scan '%' inside the SQL.
        QString sql = QStringLiteral("CASE (") + expr + QStringLiteral(") % ") + QString::number(values.size());
        for (int i = 0; i < values.size(); ++i) {
            sql += QStringLiteral(" WHEN ") + QString::number(i) + QStringLiteral(" THEN '") + values.at(i) +
                   QLatin1Char('\'');
        }
        return sql + QStringLiteral(" END");
    }
    QString padded(const QString& expr, int width) const
    {
        const QString w = QString::number(width);
        return pg ? QStringLiteral("lpad((") + expr + QStringLiteral(")::text, ") + w + QStringLiteral(", '0')")
                  : QStringLiteral("printf('%0") + w + QStringLiteral("d', ") + expr + QLatin1Char(')');
    }
    // A TIMESTAMP(3) `seconds` after 2023-01-01 00:00 (stored zone UTC).
    QString at(const QString& seconds) const
    {
        return pg ? QStringLiteral("(TIMESTAMP '2023-01-01 00:00:00' + (%1) * INTERVAL '1 second')").arg(seconds)
                  : QStringLiteral("strftime('%Y-%m-%d %H:%M:%f', '2023-01-01 00:00:00', '+' || (%1) || ' seconds')")
                        .arg(seconds);
    }
    QString later(const QString& column, int seconds) const
    {
        return pg ? QStringLiteral("(%1 + INTERVAL '%2 seconds')").arg(column).arg(seconds)
                  : QStringLiteral("strftime('%Y-%m-%d %H:%M:%f', %1, '+%2 seconds')").arg(column).arg(seconds);
    }
    // INSERT of rows g = 1..n: `columns` and a SELECT list over g.
    QString series(const QString& table, const QString& columns, const QString& select, qint64 n) const
    {
        const QString insert = QStringLiteral("INSERT INTO ") + table + QStringLiteral(" (") + columns +
                               QStringLiteral(") SELECT ") + select;
        if (pg) {
            return insert + QStringLiteral(" FROM generate_series(1::bigint, ") + QString::number(n) +
                   QStringLiteral(") AS s(g)");
        }
        return QStringLiteral("WITH RECURSIVE s(g) AS (SELECT 1 UNION ALL SELECT g + 1 FROM s WHERE g < ") +
               QString::number(n) + QStringLiteral(") ") + insert + QStringLiteral(" FROM s");
    }
    QString fee(const QString& courseNumber) const
    {
        return QStringLiteral("(999 + ((%1) % 30) * 500)").arg(courseNumber);
    }
};

bool exec(QSqlDatabase& db, const QString& sql, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(sql)) {
        *error = query.lastError().text() + QStringLiteral("\n") + sql.left(400);
        return false;
    }
    return true;
}
} // namespace

bool DatasetGenerator::generate(QSqlDatabase db, const DatasetSizes& sizes, QString* error, const Progress& progress)
{
    const Dialect d{Database::isPostgres(db)};
    auto say = [&](const QString& text) {
        if (progress) {
            progress(text);
        }
    };
    MigrationRunner runner(db);
    if (runner.inspect().state == MigrationRunner::State::Empty) {
        if (sizes.platformOnly) {
            // Only the platform's own schema, as its migration creates it.
            for (const Migration& m : Migration::load(Database::engine(db))) {
                if (!m.isPlatformSchema()) {
                    continue;
                }
                for (const QString& statement : m.statements()) {
                    if (!exec(db, statement, error)) {
                        return false;
                    }
                }
            }
        } else if (!runner.createSchema(error)) {
            return false;
        }
    }
    {
        QSqlQuery query(db);
        if (!query.exec(QStringLiteral("SELECT COUNT(*) FROM users")) || !query.next() ||
            query.value(0).toLongLong() != 0) {
            *error = QStringLiteral("The database must hold the platform schema and no users.");
            return false;
        }
    }
    // Load first, index after: building an index once is much faster than maintaining it per row.
    QStringList indexStatements;
    for (const Migration& m : Migration::load(Database::engine(db))) {
        if (m.name == QLatin1String("indexes") && !sizes.platformOnly) {
            indexStatements = m.statements();
            for (const QString& object : m.createdObjects()) {
                if (!exec(db, QStringLiteral("DROP INDEX IF EXISTS %1").arg(object.section(QLatin1Char(' '), 1)),
                          error)) {
                    return false;
                }
            }
        }
    }
    if (!d.pg) {
        exec(db, QStringLiteral("PRAGMA journal_mode = DELETE"), error);
        exec(db, QStringLiteral("PRAGMA synchronous = OFF"), error);
        exec(db, QStringLiteral("PRAGMA cache_size = -400000"), error);
    } else {
        exec(db, QStringLiteral("SET synchronous_commit = off"), error);
        exec(db, QStringLiteral("SET maintenance_work_mem = '256MB'"), error);
    }

    auto course = [&d](const QString& number) { return QStringLiteral("'course-' || ") + d.padded(number, 4); };
    const qint64 U = sizes.users;
    const qint64 N = sizes.orders;
    const int C = sizes.courses;
    // Order i: user 1 + (i*7919) % U, course 1 + (i + i/U) % C (so a user's orders are for
    // different courses), time = a permutation of i in pairs, spread over three years.
    const QString orderCourse = QStringLiteral("(1 + (g + g / %1) % %2)").arg(U).arg(C);
    const QString orderSeconds =
        QStringLiteral("(((g * 104729) % %1) / 2) * %2").arg(N).arg(std::max<qint64>(1, 189216000 / N));
    const QString paid = QStringLiteral("g % 20 < 16");

    struct Step
    {
        QString name;
        QString sql;
    };
    QList<Step> steps;
    steps << Step{
        QStringLiteral("courses"),
        d.series(QStringLiteral("courses"),
                 QStringLiteral("id, name, description, duration, fee, original_price, level, created_at, updated_at"),
                 course(QStringLiteral("g")) + QStringLiteral(", 'Course ' || g || ' ' || ") +
                     d.pick(QStringLiteral("g"), {QStringLiteral("Starter"), QStringLiteral("Growth"),
                                                  QStringLiteral("Pro"), QStringLiteral("Marketplace")}) +
                     QStringLiteral(" || ' Track', 'Generated course ' || g, ") +
                     d.pick(QStringLiteral("g"),
                            {QStringLiteral("45 Days"), QStringLiteral("60 Days"), QStringLiteral("90 Days")}) +
                     QStringLiteral(", %1, %1 + 2000, ").arg(d.fee(QStringLiteral("g"))) +
                     d.pick(QStringLiteral("g"),
                            {QStringLiteral("Beginner"), QStringLiteral("Intermediate"), QStringLiteral("Advanced")}) +
                     QStringLiteral(", %1, %1").arg(d.at(QStringLiteral("g * 3600"))),
                 C)};
    const QString userTime = d.at(QStringLiteral("g * %1 / %2").arg(63072000).arg(U));
    steps << Step{
        QStringLiteral("users"),
        d.series(
            QStringLiteral("users"),
            QStringLiteral("id, first_name, last_name, email, password, phone, whatsapp, address, city, "
                           "state, pincode, role, created_at, updated_at"),
            QStringLiteral("g, ") +
                d.pick(QStringLiteral("g"), {QStringLiteral("Asha"), QStringLiteral("Ravi"), QStringLiteral("Priya"),
                                             QStringLiteral("Arjun"), QStringLiteral("Meera"), QStringLiteral("Kiran"),
                                             QStringLiteral("Neha"), QStringLiteral("Vikram")}) +
                QStringLiteral(", ") +
                d.pick(QStringLiteral("g / 8"),
                       {QStringLiteral("Rao"), QStringLiteral("Sharma"), QStringLiteral("Iyer"),
                        QStringLiteral("Patel"), QStringLiteral("Khan"), QStringLiteral("Das")}) +
                QStringLiteral(", 'user' || g || '@example.in', "
                               "'$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy', '9' || ") +
                d.padded(QStringLiteral("g % 1000000000"), 9) +
                QStringLiteral(", CASE WHEN g % 3 = 0 THEN NULL ELSE '8' || ") +
                d.padded(QStringLiteral("g % 1000000000"), 9) + QStringLiteral(" END, g || ' MG Road', ") +
                d.pick(QStringLiteral("g"), {QStringLiteral("Pune"), QStringLiteral("Jaipur"), QStringLiteral("Surat"),
                                             QStringLiteral("Kochi"), QStringLiteral("Indore")}) +
                QStringLiteral(", ") +
                d.pick(QStringLiteral("g"),
                       {QStringLiteral("Maharashtra"), QStringLiteral("Rajasthan"), QStringLiteral("Gujarat"),
                        QStringLiteral("Kerala"), QStringLiteral("Madhya Pradesh")}) +
                QStringLiteral(", ") + d.padded(QStringLiteral("110001 + g % 800000"), 6) +
                QStringLiteral(", CASE WHEN g % 1000 = 0 THEN 'ADMIN' ELSE 'USER' END, %1, %1").arg(userTime),
            U)};
    const QString amount = d.pg ? QStringLiteral("CASE WHEN g % 100 = 0 THEN round(%1 / 83.0, 2) ELSE %1 END")
                                : QStringLiteral("CASE WHEN g % 100 = 0 THEN round(%1 / 83.0, 2) ELSE %1 END");
    steps << Step{QStringLiteral("orders"),
                  d.series(QStringLiteral("orders"),
                           QStringLiteral("id, order_number, user_id, course_id, amount, currency, status, "
                                          "razorpay_order_id, created_at, updated_at"),
                           QStringLiteral("g, 'ORD' || (1700000000000 + g * 7), 1 + (g * 7919) % %1, ").arg(U) +
                               course(orderCourse) + QStringLiteral(", ") + amount.arg(d.fee(orderCourse)) +
                               QStringLiteral(", CASE WHEN g % 100 = 0 THEN 'USD' ELSE 'INR' END, "
                                              "CASE WHEN %1 THEN 'PAID' WHEN g % 20 < 18 THEN 'CREATED' "
                                              "WHEN g % 20 < 19 THEN 'FAILED' ELSE 'CANCELLED' END, ")
                                   .arg(paid) +
                               QStringLiteral("CASE WHEN g % 20 = 17 THEN NULL ELSE 'order_' || ") +
                               d.padded(QStringLiteral("g"), 14) +
                               QStringLiteral(" END, %1, %1").arg(d.at(orderSeconds)),
                           N)};
    const QString signature =
        d.pg ? QStringLiteral("encode(sha256(convert_to(o.razorpay_order_id || '|pay_' || o.id, 'UTF8')), 'hex')")
             : QStringLiteral("printf('%016x%016x%016x%016x', o.id * 2654435761, o.id * 40503, "
                              "o.id * 97, o.id * 2246822519)");
    steps << Step{
        QStringLiteral("payments"),
        QStringLiteral("INSERT INTO payments (order_id, razorpay_payment_id, razorpay_signature, amount, status, "
                       "payment_method, payment_date, created_at, updated_at) "
                       "SELECT o.id, 'pay_' || ") +
            d.padded(QStringLiteral("o.id"), 14) + QStringLiteral(", ") + signature +
            QStringLiteral(", o.amount, 'COMPLETED', CASE o.id % 6 WHEN 0 THEN NULL WHEN 1 THEN 'upi' "
                           "WHEN 2 THEN 'card' ELSE 'Razorpay' END, %1, %1, %1 FROM orders o "
                           "WHERE o.status = 'PAID' ORDER BY o.id")
                .arg(d.later(QStringLiteral("o.created_at"), 60))};
    steps << Step{QStringLiteral("enrollments"),
                  QStringLiteral(
                      "INSERT %1 INTO enrollments (user_id, course_id, order_id, status, enrollment_date, "
                      "completion_date, created_at, updated_at) "
                      "SELECT o.user_id, o.course_id, o.id, CASE WHEN o.id % 5 = 0 THEN 'COMPLETED' ELSE 'ACTIVE' END, "
                      "%2, CASE WHEN o.id % 5 = 0 THEN %3 END, %2, %2 FROM orders o "
                      "WHERE o.status = 'PAID' AND o.id % 8 <> 0 ORDER BY o.id %4")
                      .arg(d.pg ? QString() : QStringLiteral("OR IGNORE"), d.later(QStringLiteral("o.created_at"), 120),
                           d.later(QStringLiteral("o.created_at"), 45 * 86400),
                           d.pg ? QStringLiteral("ON CONFLICT DO NOTHING") : QString())};
    if (d.pg) {
        steps << Step{
            QStringLiteral("sequences"),
            QStringLiteral("SELECT setval(pg_get_serial_sequence('users', 'id'), (SELECT max(id) FROM users)), "
                           "setval(pg_get_serial_sequence('orders', 'id'), (SELECT max(id) FROM orders))")};
    }

    QElapsedTimer total;
    total.start();
    if (!d.pg && !db.transaction()) {
        *error = db.lastError().text();
        return false;
    }
    for (const Step& step : std::as_const(steps)) {
        QElapsedTimer t;
        t.start();
        if (!exec(db, step.sql, error)) {
            if (!d.pg) {
                db.rollback();
            }
            return false;
        }
        say(QStringLiteral("%1: %2 s").arg(step.name).arg(t.elapsed() / 1000.0, 0, 'f', 1));
    }
    if (!d.pg && !db.commit()) {
        *error = db.lastError().text();
        return false;
    }
    if (sizes.indexes && !sizes.platformOnly) {
        for (const QString& statement : std::as_const(indexStatements)) {
            QElapsedTimer t;
            t.start();
            if (!exec(db, statement, error)) {
                return false;
            }
            say(QStringLiteral("%1: %2 s")
                    .arg(statement.section(QLatin1Char(' '), 2, 2))
                    .arg(t.elapsed() / 1000.0, 0, 'f', 1));
        }
    }
    QElapsedTimer t;
    t.start();
    // Statistics for the planners (and the windowed model's row estimate); on PostgreSQL VACUUM
    // also sets the visibility map so that the anchor queries can be index-only.
    if (!exec(db, d.pg ? QStringLiteral("VACUUM ANALYZE") : QStringLiteral("ANALYZE"), error)) {
        return false;
    }
    if (!d.pg) {
        exec(db, QStringLiteral("PRAGMA journal_mode = WAL"), error);
    }
    say(QStringLiteral("analyze: %1 s").arg(t.elapsed() / 1000.0, 0, 'f', 1));
    say(QStringLiteral("total: %1 s").arg(total.elapsed() / 1000.0, 0, 'f', 1));
    return true;
}
