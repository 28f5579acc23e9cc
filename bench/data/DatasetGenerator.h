#pragma once

#include <QSqlDatabase>
#include <QString>

#include <functional>

// Builds the platform's tables at production scale, deterministically, on either engine, with
// INSERT ... SELECT over generate_series (PostgreSQL) or a recursive CTE (SQLite): no row
// travels through the client. Same formulas on both engines, so both hold the same rows.
//
// Shape (defaults): 1M users, 200 courses, 2M orders (80% PAID, 1% USD, 5% without a Razorpay
// order id), one COMPLETED payment per PAID order (~1.6M), an enrollment for 7 of 8 PAID orders
// (~1.4M, unique per user and course). Order times are a permutation of the ids (so time order
// is not id order) and come in pairs with equal created_at (so the id tie-break matters).
struct DatasetSizes
{
    qint64 users = 1'000'000;
    int courses = 200;
    qint64 orders = 2'000'000;
    bool indexes = true; // create Coursedesk's migration-003 indexes after loading
    // The database as the platform makes it: only its own SQL (migration 001: tables, primary
    // keys, the four unique indexes), no coursedesk_ table, no version table, no 003 index.
    bool platformOnly = false;
};

class DatasetGenerator
{
public:
    using Progress = std::function<void(const QString&)>;
    // `db` must hold the platform schema (created here if the database is empty) and no users.
    static bool generate(QSqlDatabase db, const DatasetSizes& sizes, QString* error, const Progress& progress = {});

    // The formulas, for tests and the benchmark: which user / order number row i has.
    static qint64 userOfOrder(qint64 order, const DatasetSizes& sizes) { return 1 + (order * 7919) % sizes.users; }
    static QString orderNumber(qint64 order) { return QStringLiteral("ORD%1").arg(1700000000000LL + order * 7); }
    static QString email(qint64 user) { return QStringLiteral("user%1@example.in").arg(user); }
};
