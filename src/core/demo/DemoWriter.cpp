#include "DemoWriter.h"

#include "BatchInsert.h"
#include "DemoCatalog.h"

#include "db/Database.h"
#include "db/SqlTime.h"
#include "money/Money.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTimeZone>

namespace DemoWriter {
namespace {
class Writer
{
public:
    explicit Writer(QSqlDatabase db) : m_db(std::move(db)), m_time(SqlTime::forConnection(m_db)) {}

    // Timestamps go through SqlTime like everywhere else in the app: the text of the instant in
    // the connection's stored zone.
    QVariant time(qint64 epochMillis) const
    {
        if (epochMillis == 0) {
            return QVariant(QMetaType::fromType<QString>());
        }
        return m_time.toDb(QDateTime::fromMSecsSinceEpoch(epochMillis, QTimeZone::utc()));
    }
    // Money as the decimal text bound into DECIMAL(10,2): never a double.
    static QVariant money(std::int64_t minor) { return Money::toDecimalString(minor); }
    static QVariant text(const QString& value)
    {
        return value.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(value);
    }

    bool insertAll(BatchInsert& insert, const QList<QVariantList>& rows, QString* error)
    {
        for (const QVariantList& row : rows) {
            if (!insert.add(row)) {
                return fail(insert.error(), error);
            }
        }
        return insert.finish() || fail(insert.error(), error);
    }

    static bool fail(const QString& message, QString* error)
    {
        if (error) {
            *error = message;
        }
        return false;
    }

    bool catalog(QDate anchor, QString* error)
    {
        BatchInsert courses(m_db, QStringLiteral("courses"),
                            {QStringLiteral("id"), QStringLiteral("name"), QStringLiteral("description"),
                             QStringLiteral("duration"), QStringLiteral("fee"), QStringLiteral("original_price"),
                             QStringLiteral("level"), QStringLiteral("created_at"), QStringLiteral("updated_at")});
        BatchInsert features(m_db, QStringLiteral("course_features"),
                             {QStringLiteral("id"), QStringLiteral("course_id"), QStringLiteral("feature")});
        BatchInsert marketplaces(m_db, QStringLiteral("course_marketplaces"),
                                 {QStringLiteral("id"), QStringLiteral("course_id"), QStringLiteral("marketplace")});
        QList<QVariantList> courseRows, featureRows, marketplaceRows;
        for (const DemoCatalog::Course& course : DemoCatalog::courses()) {
            const QVariant created = time(DemoData::courseCreatedAt(course.launchMonthsBeforeAnchor, anchor));
            courseRows << QVariantList{course.id,
                                       course.name,
                                       course.description,
                                       course.duration,
                                       money(course.feeMinor),
                                       money(course.originalMinor),
                                       course.level,
                                       created,
                                       created};
            for (const QString& feature : course.features) {
                featureRows << QVariantList{qint64(featureRows.size() + 1), course.id, feature};
            }
            for (const QString& marketplace : course.marketplaces) {
                marketplaceRows << QVariantList{qint64(marketplaceRows.size() + 1), course.id, marketplace};
            }
        }
        return insertAll(courses, courseRows, error) && insertAll(features, featureRows, error) &&
               insertAll(marketplaces, marketplaceRows, error);
    }

    bool users(const DemoData::Set& set, QString* error)
    {
        BatchInsert insert(m_db, QStringLiteral("users"),
                           {QStringLiteral("id"), QStringLiteral("first_name"), QStringLiteral("last_name"),
                            QStringLiteral("email"), QStringLiteral("password"), QStringLiteral("phone"),
                            QStringLiteral("whatsapp"), QStringLiteral("address"), QStringLiteral("city"),
                            QStringLiteral("state"), QStringLiteral("pincode"), QStringLiteral("role"),
                            QStringLiteral("created_at"), QStringLiteral("updated_at")});
        QList<QVariantList> rows;
        rows.reserve(set.users.size());
        for (const DemoData::User& u : set.users) {
            const QVariant created = time(u.createdAt);
            rows << QVariantList{u.id,      u.firstName, u.lastName, u.email,   u.password, u.phone, text(u.whatsapp),
                                 u.address, u.city,      u.state,    u.pincode, u.role,     created, created};
        }
        BatchInsert info(m_db, QStringLiteral("user_business_info"),
                         {QStringLiteral("id"), QStringLiteral("user_id"), QStringLiteral("experience_level"),
                          QStringLiteral("current_business"), QStringLiteral("goals"), QStringLiteral("created_at"),
                          QStringLiteral("updated_at")});
        QList<QVariantList> infoRows;
        infoRows.reserve(set.businessInfo.size());
        for (const DemoData::BusinessInfo& b : set.businessInfo) {
            const QVariant created = time(b.createdAt);
            infoRows << QVariantList{b.id,    b.userId, text(b.experienceLevel), text(b.currentBusiness), text(b.goals),
                                     created, created};
        }
        return insertAll(insert, rows, error) && insertAll(info, infoRows, error);
    }

    bool sales(const DemoData::Set& set, QString* error)
    {
        BatchInsert orders(m_db, QStringLiteral("orders"),
                           {QStringLiteral("id"), QStringLiteral("order_number"), QStringLiteral("user_id"),
                            QStringLiteral("course_id"), QStringLiteral("amount"), QStringLiteral("currency"),
                            QStringLiteral("status"), QStringLiteral("razorpay_order_id"), QStringLiteral("created_at"),
                            QStringLiteral("updated_at")});
        QList<QVariantList> orderRows;
        orderRows.reserve(set.orders.size());
        for (const DemoData::Order& o : set.orders) {
            orderRows << QVariantList{o.id,
                                      o.orderNumber,
                                      o.userId,
                                      o.courseId,
                                      money(o.amountMinor),
                                      o.currency,
                                      o.status,
                                      text(o.razorpayOrderId),
                                      time(o.createdAt),
                                      time(o.updatedAt)};
        }
        BatchInsert payments(m_db, QStringLiteral("payments"),
                             {QStringLiteral("id"), QStringLiteral("order_id"), QStringLiteral("razorpay_payment_id"),
                              QStringLiteral("razorpay_signature"), QStringLiteral("amount"), QStringLiteral("status"),
                              QStringLiteral("payment_method"), QStringLiteral("payment_date"),
                              QStringLiteral("created_at"), QStringLiteral("updated_at")});
        QList<QVariantList> paymentRows;
        paymentRows.reserve(set.payments.size());
        for (const DemoData::Payment& p : set.payments) {
            paymentRows << QVariantList{p.id,
                                        p.orderId,
                                        text(p.razorpayPaymentId),
                                        text(p.razorpaySignature),
                                        money(p.amountMinor),
                                        p.status,
                                        text(p.paymentMethod),
                                        time(p.paymentDate),
                                        time(p.createdAt),
                                        time(p.updatedAt)};
        }
        BatchInsert enrollments(m_db, QStringLiteral("enrollments"),
                                {QStringLiteral("id"), QStringLiteral("user_id"), QStringLiteral("course_id"),
                                 QStringLiteral("order_id"), QStringLiteral("status"),
                                 QStringLiteral("enrollment_date"), QStringLiteral("completion_date"),
                                 QStringLiteral("created_at"), QStringLiteral("updated_at")});
        QList<QVariantList> enrollmentRows;
        enrollmentRows.reserve(set.enrollments.size());
        for (const DemoData::Enrollment& e : set.enrollments) {
            const QVariant enrolled = time(e.enrollmentDate);
            enrollmentRows << QVariantList{
                e.id,     e.userId,         e.courseId, e.orderId, e.status, enrolled, time(e.completionDate),
                enrolled, time(e.updatedAt)};
        }
        return insertAll(orders, orderRows, error) && insertAll(payments, paymentRows, error) &&
               insertAll(enrollments, enrollmentRows, error);
    }

    // Rows were inserted with explicit ids; move PostgreSQL's BIGSERIAL sequences past them so the
    // next row the app or the platform inserts gets a fresh id. (SQLite picks MAX(id) + 1 itself.)
    bool resetSequences(QString* error)
    {
        if (!Database::isPostgres(m_db)) {
            return true;
        }
        QSqlQuery query(m_db);
        for (const char* table : {"users", "course_features", "course_marketplaces", "orders", "payments",
                                  "enrollments", "user_business_info"}) {
            const QString sql = QStringLiteral("SELECT setval(pg_get_serial_sequence('%1', 'id'), "
                                               "COALESCE((SELECT MAX(id) FROM %1), 0) + 1, false)")
                                    .arg(QLatin1String(table));
            if (!query.exec(sql)) {
                return fail(QStringLiteral("Could not advance the id sequence of %1: %2")
                                .arg(QLatin1String(table), query.lastError().text()),
                            error);
            }
        }
        return true;
    }

private:
    QSqlDatabase m_db;
    SqlTime m_time;
};
} // namespace

bool write(QSqlDatabase db, const DemoData::Set& set, QDate anchor, QString* error)
{
    Writer writer(std::move(db));
    return writer.catalog(anchor, error) && writer.users(set, error) && writer.sales(set, error) &&
           writer.resetSequences(error);
}

} // namespace DemoWriter
