#include "DemoDatabase.h"

#include "DemoData.h"
#include "DemoPasswords.h"
#include "DemoWriter.h"

#include "db/Database.h"
#include "schema/MigrationRunner.h"

#include <QAtomicInt>
#include <QDir>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>

namespace DemoDatabase {
namespace {
QAtomicInt s_connectionSerial;

bool setError(QString* error, const QString& message)
{
    if (error) {
        *error = message;
    }
    return false;
}

std::optional<int> rowCount(const QSqlDatabase& db, const QString& sql)
{
    QSqlQuery query(db);
    if (!query.exec(sql) || !query.next()) {
        return std::nullopt;
    }
    return query.value(0).toInt();
}

bool hasData(const QSqlDatabase& db)
{
    return rowCount(db, QStringLiteral("SELECT (SELECT COUNT(*) FROM users) + (SELECT COUNT(*) FROM courses) + "
                                       "(SELECT COUNT(*) FROM orders)"))
               .value_or(1) > 0;
}

bool ensureOpen(const QSqlDatabase& db, const QString& path, QString* error)
{
    MigrationRunner runner(db);
    const MigrationRunner::Status status = runner.inspect();
    const QString cannotUse = QStringLiteral("The demo database %1 cannot be used: %2");
    switch (status.state) {
    case MigrationRunner::State::Empty:
        // The demo file is Coursedesk's own: readers need not wait for a writer.
        if (!Database::useWriteAheadLog(db, error) || !runner.createSchema(error)) {
            return false;
        }
        break;
    case MigrationRunner::State::Current:
    case MigrationRunner::State::Outdated:
    case MigrationRunner::State::Unmanaged:
        if (hasData(db)) {
            return true; // a complete demo database (fill is all or nothing): leave it alone
        }
        // Schema without data, e.g. from a build that made only the schema: bring it up to date.
        if (!(status.state == MigrationRunner::State::Unmanaged ? runner.adopt(error) : runner.applyPending(error))) {
            return false;
        }
        break;
    case MigrationRunner::State::TooNew:
    case MigrationRunner::State::Incomplete:
    case MigrationRunner::State::Foreign:
        return setError(error, cannotUse.arg(QDir::toNativeSeparators(path), status.message()));
    }
    return fill(db, error);
}
} // namespace

QString defaultPath()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)).filePath(QStringLiteral("demo.db"));
}

QByteArray keySecret()
{
    return QByteArrayLiteral("coursedesk_demo_secret");
}

const QStringList& passwords()
{
    return DemoPasswords::pool();
}

bool ensure(const QString& path, QString* error)
{
    const QString connection =
        QStringLiteral("coursedesk_demo_ensure_%1").arg(s_connectionSerial.fetchAndAddRelaxed(1));
    // The demo lives in Coursedesk's own data folder, made here on first use.
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!Database::open(DatabaseUrl::sqliteFile(path), connection, error, Database::OpenMode::CreateIfMissing)) {
        return false;
    }
    const bool ok = ensureOpen(QSqlDatabase::database(connection, false), path, error);
    Database::close(connection);
    return ok;
}

bool fill(QSqlDatabase db, QString* error, QDate anchor)
{
    if (!anchor.isValid()) {
        return setError(error, QStringLiteral("The demo data needs a valid anchor date."));
    }
    if (hasData(db)) {
        return setError(error, QStringLiteral("The demo data can only be written into empty platform tables."));
    }
    const DemoData::Set set = DemoData::generate(anchor, keySecret(), error);
    if (set.users.isEmpty()) {
        return false;
    }
    if (!db.transaction()) {
        return setError(error, QStringLiteral("Could not start a transaction: ") + db.lastError().text());
    }
    if (!DemoWriter::write(db, set, anchor, error)) {
        db.rollback();
        return false;
    }
    if (!db.commit()) {
        const QString message = db.lastError().text();
        db.rollback();
        return setError(error, QStringLiteral("Could not commit the demo data: ") + message);
    }
    return true;
}

Counts count(const QSqlDatabase& db, QString* error)
{
    QSqlQuery query(db);
    if (!query.exec(
            QStringLiteral("SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(*) FROM users WHERE role = 'ADMIN'), "
                           "(SELECT COUNT(*) FROM courses), (SELECT COUNT(*) FROM course_features), "
                           "(SELECT COUNT(*) FROM course_marketplaces), (SELECT COUNT(*) FROM orders), "
                           "(SELECT COUNT(*) FROM payments), (SELECT COUNT(*) FROM enrollments), "
                           "(SELECT COUNT(*) FROM user_business_info)")) ||
        !query.next()) {
        setError(error, query.lastError().text());
        return {};
    }
    Counts counts;
    int column = 0;
    for (int* field :
         {&counts.users, &counts.admins, &counts.courses, &counts.courseFeatures, &counts.courseMarketplaces,
          &counts.orders, &counts.payments, &counts.enrollments, &counts.businessInfo}) {
        *field = query.value(column++).toInt();
    }
    return counts;
}

} // namespace DemoDatabase
