#include "PlatformSchema.h"

namespace PlatformSchema {
namespace {
Column id()
{
    return {QStringLiteral("id"), Type::Id, 0, true};
}
Column varchar(const char* name, int length, bool notNull)
{
    return {QString::fromLatin1(name), Type::Varchar, length, notNull};
}
Column text(const char* name, bool notNull)
{
    return {QString::fromLatin1(name), Type::Text, 0, notNull};
}
Column bigint(const char* name)
{
    return {QString::fromLatin1(name), Type::BigInt, 0, true};
}
Column decimal(const char* name)
{
    return {QString::fromLatin1(name), Type::Decimal, 0, true};
}
Column timestamp(const char* name, bool notNull = true)
{
    return {QString::fromLatin1(name), Type::Timestamp, 0, notNull};
}
} // namespace

const Column* Table::column(const QString& columnName) const
{
    for (const Column& c : columns) {
        if (c.name == columnName) {
            return &c;
        }
    }
    return nullptr;
}

const QList<Table>& tables()
{
    static const QList<Table> list = {
        {QStringLiteral("users"),
         {id(), varchar("first_name", 50, true), varchar("last_name", 50, true), varchar("email", 100, true),
          varchar("password", 100, true), varchar("phone", 15, true), varchar("whatsapp", 15, false),
          text("address", true), varchar("city", 50, true), varchar("state", 50, true), varchar("pincode", 10, true),
          varchar("role", 20, true), timestamp("created_at"), timestamp("updated_at")}},
        {QStringLiteral("courses"),
         {varchar("id", 50, true), varchar("name", 100, true), text("description", false),
          varchar("duration", 50, true), decimal("fee"), decimal("original_price"), varchar("level", 20, true),
          timestamp("created_at"), timestamp("updated_at")}},
        {QStringLiteral("course_features"), {id(), varchar("course_id", 50, true), text("feature", true)}},
        {QStringLiteral("course_marketplaces"),
         {id(), varchar("course_id", 50, true), varchar("marketplace", 50, true)}},
        {QStringLiteral("orders"),
         {id(), varchar("order_number", 50, true), bigint("user_id"), varchar("course_id", 50, true), decimal("amount"),
          varchar("currency", 3, true), varchar("status", 20, true), varchar("razorpay_order_id", 100, false),
          timestamp("created_at"), timestamp("updated_at")}},
        {QStringLiteral("payments"),
         {id(), bigint("order_id"), varchar("razorpay_payment_id", 100, false),
          varchar("razorpay_signature", 255, false), decimal("amount"), varchar("status", 20, true),
          varchar("payment_method", 50, false), timestamp("payment_date", false), timestamp("created_at"),
          timestamp("updated_at")}},
        {QStringLiteral("enrollments"),
         {id(), bigint("user_id"), varchar("course_id", 50, true), bigint("order_id"), varchar("status", 20, true),
          timestamp("enrollment_date"), timestamp("completion_date", false), timestamp("created_at"),
          timestamp("updated_at")}},
        {QStringLiteral("user_business_info"),
         {id(), bigint("user_id"), varchar("experience_level", 50, false), text("current_business", false),
          text("goals", false), timestamp("created_at"), timestamp("updated_at")}},
    };
    return list;
}

const Table* table(const QString& name)
{
    for (const Table& t : tables()) {
        if (t.name == name) {
            return &t;
        }
    }
    return nullptr;
}

QStringList tableNames()
{
    QStringList names;
    for (const Table& t : tables()) {
        names << t.name;
    }
    return names;
}

const QList<UniqueIndex>& uniqueIndexes()
{
    static const QList<UniqueIndex> list = {
        {QStringLiteral("users_email_key"), QStringLiteral("users"), {QStringLiteral("email")}},
        {QStringLiteral("orders_order_number_key"), QStringLiteral("orders"), {QStringLiteral("order_number")}},
        {QStringLiteral("enrollments_user_id_course_id_key"),
         QStringLiteral("enrollments"),
         {QStringLiteral("user_id"), QStringLiteral("course_id")}},
        {QStringLiteral("user_business_info_user_id_key"),
         QStringLiteral("user_business_info"),
         {QStringLiteral("user_id")}},
    };
    return list;
}

QString engineType(Engine engine, const Column& column)
{
    if (engine == Engine::Postgres) {
        switch (column.type) {
        case Type::Id:
        case Type::BigInt:
            return QStringLiteral("bigint");
        case Type::Varchar:
            return QStringLiteral("character varying(%1)").arg(column.length);
        case Type::Text:
            return QStringLiteral("text");
        case Type::Decimal:
            return QStringLiteral("numeric(10,2)");
        case Type::Timestamp:
            return QStringLiteral("timestamp(3) without time zone");
        }
    }
    switch (column.type) {
    case Type::Id:
        return QStringLiteral("INTEGER");
    case Type::BigInt:
        return QStringLiteral("BIGINT");
    case Type::Varchar:
        return QStringLiteral("VARCHAR(%1)").arg(column.length);
    case Type::Text:
    case Type::Timestamp:
        return QStringLiteral("TEXT");
    case Type::Decimal:
        return QStringLiteral("DECIMAL(10,2)");
    }
    Q_UNREACHABLE();
}
} // namespace PlatformSchema
