#pragma once

#include <QByteArray>
#include <QDate>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// The demo database: the platform schema filled with a realistic, reproducible shop. The
// platform's own catalog (Starter, Growth and Pro Track) plus ten more courses; 2,000 users with
// Indian names, addresses and mobile numbers, two of them ADMIN; about 6,000 orders over the 18
// months before the anchor date with Razorpay-style payments (completed, failed, pending, a few
// refunded), enrollments and checkout answers. Deterministic: the same anchor gives the same rows.
//
// Passwords are real bcrypt ($2a$, cost 10) hashes of a pool of eight demo passwords:
//   Demo@1234, Welcome@123, Seller#2024, Coursedesk@1, Amazon@123, Flipkart#99, Meesho@2025,
//   Password1!
// Both ADMIN users (ritu.sharma@coursedesk.io, karthik.iyer@coursedesk.io) use Coursedesk@1.
// Payment signatures verify under keySecret().
namespace DemoDatabase {

// <AppDataLocation>/demo.db
QString defaultPath();

// Makes `path` a ready demo database: creates the file with the schema (through MigrationRunner)
// and the data when the file is absent or has no data yet. An existing filled demo database is
// left exactly as it is (no writes at all). False, with `error`, for a file that is not a usable
// Coursedesk database.
bool ensure(const QString& path, QString* error);

// Writes the demo data into `db`, whose platform tables must exist and be empty. One transaction:
// on failure nothing is left behind. Works on SQLite and PostgreSQL.
bool fill(QSqlDatabase db, QString* error, QDate anchor = QDate::currentDate());

// The Razorpay key secret the demo signatures are made with (for the signature checker).
QByteArray keySecret();
// The plain-text password pool listed above.
const QStringList& passwords();

struct Counts
{
    int users = 0;
    int admins = 0;
    int courses = 0;
    int courseFeatures = 0;
    int courseMarketplaces = 0;
    int orders = 0;
    int payments = 0;
    int enrollments = 0;
    int businessInfo = 0;
};
// What the platform tables of `db` hold now (all zero, and `error`, if a query fails).
Counts count(const QSqlDatabase& db, QString* error = nullptr);

} // namespace DemoDatabase
