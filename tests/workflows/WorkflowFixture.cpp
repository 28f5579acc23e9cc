#include "WorkflowFixture.h"

#include "domain/PlatformValues.h"

#include <QSqlError>
#include <QSqlQuery>

namespace WorkflowFixture {

namespace {
const char* seedSql = R"(
INSERT INTO courses (id, name, description, duration, fee, original_price, level, created_at, updated_at) VALUES ('starter-track', 'Starter Track', 'New sellers setting up their first store', '45 Days', 5999.00, 7999.00, 'Beginner', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO courses (id, name, description, duration, fee, original_price, level, created_at, updated_at) VALUES ('growth-track', 'Growth Track', 'Sellers scaling to multiple platforms', '60 Days', 9999.00, 12999.00, 'Intermediate', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO course_features (course_id, feature) VALUES ('starter-track', 'Live training sessions');
INSERT INTO course_features (course_id, feature) VALUES ('starter-track', 'Real account implementation');
INSERT INTO course_marketplaces (course_id, marketplace) VALUES ('starter-track', 'Amazon.in');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role, created_at, updated_at) VALUES (1, 'Asha', 'Rao', 'asha@example.in', '$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE', '9876543210', '12 MG Road', 'Pune', 'Maharashtra', '411001', 'USER', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role, created_at, updated_at) VALUES (2, 'Liam', 'Paul', 'liam@example.in', '$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE', '8876543210', '5 Park St', 'Kolkata', 'West Bengal', '700016', 'USER', '2026-01-02 00:00:00', '2026-01-02 00:00:00');
INSERT INTO users (id, first_name, last_name, email, password, phone, address, city, state, pincode, role, created_at, updated_at) VALUES (3, 'Zoya', 'Khan', 'zoya@example.in', '$2a$10$SECRETHASHSECRETHASHSECRETHASHSECRETHASHSECRETHASHSE', '7876543210', '9 Hill Rd', 'Mumbai', 'Maharashtra', '400050', 'ADMIN', '2026-01-03 00:00:00', '2026-01-03 00:00:00');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, razorpay_order_id, created_at, updated_at) VALUES (1, 'ORD1700000000001', 1, 'starter-track', 5999.00, 'INR', 'CREATED', 'order_A1', '2026-01-01 00:00:00', '2026-01-01 00:00:00');
INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, created_at, updated_at) VALUES (2, 'ORD1700000000002', 2, 'growth-track', 9999.00, 'INR', 'PAID', '2026-01-02 00:00:00', '2026-01-02 00:00:00');
INSERT INTO payments (id, order_id, razorpay_payment_id, amount, status, payment_method, payment_date, created_at, updated_at) VALUES (1, 2, 'pay_L2', 9999.00, 'COMPLETED', 'upi', '2026-01-02 00:01:00', '2026-01-02 00:01:00', '2026-01-02 00:01:00');
INSERT INTO enrollments (id, user_id, course_id, order_id, status, enrollment_date, created_at, updated_at) VALUES (1, 2, 'growth-track', 2, 'ACTIVE', '2026-01-02 00:01:00', '2026-01-02 00:01:00', '2026-01-02 00:01:00');
)";
} // namespace

bool seed(TestDatabase& db)
{
    if (!db.exec(QString::fromUtf8(seedSql))) {
        return false;
    }
    if (db.engine() == Engine::Postgres) {
        // Explicit ids above leave the sequences behind; move them past the seed.
        for (const char* table :
             {"users", "orders", "payments", "enrollments", "course_features", "course_marketplaces"}) {
            if (!db.exec(QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), 100)")
                             .arg(QLatin1String(table)))) {
                return false;
            }
        }
    }
    return true;
}

qlonglong count(const QSqlDatabase& db, const QString& table, const QString& where, const QVariantList& binds)
{
    return scalar(db,
                  QStringLiteral("SELECT COUNT(*) FROM %1%2")
                      .arg(table, where.isEmpty() ? QString() : QStringLiteral(" WHERE ") + where),
                  binds)
        .toLongLong();
}

QStringList unknownPlatformValues(const QSqlDatabase& db)
{
    QStringList bad;
    for (const PlatformValues::Kind kind : PlatformValues::allKinds()) {
        const auto column = PlatformValues::column(kind);
        QSqlQuery query(db);
        query.exec(QStringLiteral("SELECT DISTINCT %1 FROM %2 WHERE %1 IS NOT NULL").arg(column.column, column.table));
        while (query.next()) {
            if (!PlatformValues::isKnown(kind, query.value(0).toString())) {
                bad << column.table + QLatin1Char('.') + column.column + QLatin1Char('=') + query.value(0).toString();
            }
        }
    }
    QSqlQuery currencies(db);
    currencies.exec(QStringLiteral("SELECT DISTINCT currency FROM orders"));
    while (currencies.next()) {
        if (!PlatformValues::isKnownCurrency(currencies.value(0).toString())) {
            bad << QStringLiteral("orders.currency=") + currencies.value(0).toString();
        }
    }
    return bad;
}

bool injectFailure(TestDatabase& db, const QString& table, const QString& operation, const QString& condition)
{
    QSqlQuery query(db.db());
    if (db.engine() == Engine::Sqlite) {
        return query.exec(QStringLiteral("CREATE TRIGGER test_fail_%1 BEFORE %2 ON %1 WHEN %3 BEGIN "
                                         "SELECT RAISE(ABORT, 'injected failure'); END")
                              .arg(table, operation, condition));
    }
    return query.exec(QStringLiteral("CREATE FUNCTION test_fail_%1() RETURNS trigger AS $$ BEGIN IF %2 THEN RAISE "
                                     "EXCEPTION 'injected failure'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
                          .arg(table, condition)) &&
           query.exec(QStringLiteral("CREATE TRIGGER test_fail_%1 BEFORE %2 ON %1 FOR EACH ROW EXECUTE FUNCTION "
                                     "test_fail_%1()")
                          .arg(table, operation));
}

QString fingerprint(const QSqlDatabase& db)
{
    QStringList parts;
    for (const char* table : {"users", "user_business_info", "courses", "course_features", "course_marketplaces",
                              "orders", "payments", "enrollments", "coursedesk_audit_log"}) {
        const QString t = QString::fromLatin1(table);
        parts << t + QLatin1Char('=') + QString::number(count(db, t));
    }
    QSqlQuery query(db);
    query.exec(QStringLiteral("SELECT status, updated_at FROM orders ORDER BY id"));
    while (query.next()) {
        parts << query.value(0).toString() + QLatin1Char('@') + query.value(1).toString();
    }
    query.exec(QStringLiteral("SELECT status, updated_at FROM payments ORDER BY id"));
    while (query.next()) {
        parts << query.value(0).toString() + QLatin1Char('@') + query.value(1).toString();
    }
    query.exec(QStringLiteral("SELECT status, updated_at FROM enrollments ORDER BY id"));
    while (query.next()) {
        parts << query.value(0).toString() + QLatin1Char('@') + query.value(1).toString();
    }
    return parts.join(QLatin1Char(' '));
}

} // namespace WorkflowFixture
