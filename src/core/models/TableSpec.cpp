#include "TableSpec.h"

namespace {
using K = ColumnSpec::Kind;
using PV = PlatformValues::Kind;

ColumnSpec keyColumn(const char* header = "ID")
{
    ColumnSpec c;
    c.name = QStringLiteral("id");
    c.header = QString::fromUtf8(header);
    c.kind = K::Key;
    c.editable = false;
    c.width = 60;
    return c;
}
ColumnSpec text(const char* name, const char* header, int width = 140, bool searchable = false)
{
    ColumnSpec c;
    c.name = QString::fromLatin1(name);
    c.header = QString::fromUtf8(header);
    c.width = width;
    c.searchable = searchable;
    return c;
}
ColumnSpec money(const char* name, const char* header, const char* currencySource = "")
{
    ColumnSpec c = text(name, header, 110);
    c.kind = K::Money;
    c.currencySource = QString::fromLatin1(currencySource);
    return c;
}
ColumnSpec time(const char* name, const char* header, bool editable = false)
{
    ColumnSpec c = text(name, header, 150);
    c.kind = K::Timestamp;
    c.editable = editable;
    return c;
}
ColumnSpec enumeration(const char* name, const char* header, PV kind, int width = 100)
{
    ColumnSpec c = text(name, header, width);
    c.kind = K::Enum;
    c.enumKind = kind;
    return c;
}
ColumnSpec relation(const char* name, const char* header, const char* table, const char* display, int width = 200)
{
    ColumnSpec c = text(name, header, width, true);
    c.kind = K::Relation;
    c.relationTable = QString::fromLatin1(table);
    c.relationKey = QStringLiteral("id");
    c.relationDisplay = QString::fromLatin1(display);
    return c;
}
ColumnSpec secret(const char* name)
{
    ColumnSpec c = text(name, name);
    c.kind = K::Secret;
    c.editable = false;
    return c;
}
} // namespace

const ColumnSpec* TableSpec::column(const QString& name) const
{
    const int i = indexOf(name);
    return i < 0 ? nullptr : &columns.at(i);
}

int TableSpec::indexOf(const QString& name) const
{
    for (int i = 0; i < columns.size(); ++i) {
        if (columns.at(i).name == name) {
            return i;
        }
    }
    return -1;
}

const QList<TableSpec>& TableSpec::all()
{
    static const QList<TableSpec> specs = [] {
        QList<TableSpec> list;
        {
            TableSpec t{QStringLiteral("users"),
                        QStringLiteral("users"),
                        QStringLiteral("Users"),
                        QStringLiteral("id"),
                        true,
                        QStringLiteral("created_at"),
                        true,
                        {}};
            t.columns = {keyColumn(),
                         text("first_name", "First name", 110, true),
                         text("last_name", "Last name", 110, true),
                         text("email", "Email", 220, true),
                         secret("password"),
                         text("phone", "Phone", 105, true),
                         text("whatsapp", "WhatsApp", 105),
                         text("address", "Address", 200),
                         text("city", "City", 110, true),
                         text("state", "State", 120),
                         text("pincode", "Pincode", 70),
                         enumeration("role", "Role", PV::UserRole),
                         time("created_at", "Created"),
                         time("updated_at", "Updated")};
            list << t;
        }
        {
            TableSpec t{QStringLiteral("courses"),
                        QStringLiteral("courses"),
                        QStringLiteral("Courses"),
                        QStringLiteral("id"),
                        false,
                        QStringLiteral("name"),
                        false,
                        {}};
            ColumnSpec slug = text("id", "Course ID", 150, true);
            slug.editable = false;
            t.columns = {slug,
                         text("name", "Name", 180, true),
                         text("description", "Description", 260),
                         text("duration", "Duration", 80),
                         money("fee", "Fee"),
                         money("original_price", "Original price"),
                         enumeration("level", "Level", PV::CourseLevel),
                         time("created_at", "Created"),
                         time("updated_at", "Updated")};
            list << t;
        }
        {
            TableSpec t{QStringLiteral("course_features"),
                        QStringLiteral("features"),
                        QStringLiteral("Course features"),
                        QStringLiteral("id"),
                        true,
                        QStringLiteral("id"),
                        false,
                        {}};
            t.columns = {keyColumn(), relation("course_id", "Course", "courses", "name", 180),
                         text("feature", "Feature", 320, true)};
            list << t;
        }
        {
            TableSpec t{QStringLiteral("course_marketplaces"),
                        QStringLiteral("marketplaces"),
                        QStringLiteral("Course marketplaces"),
                        QStringLiteral("id"),
                        true,
                        QStringLiteral("id"),
                        false,
                        {}};
            t.columns = {keyColumn(), relation("course_id", "Course", "courses", "name", 180),
                         text("marketplace", "Marketplace", 160, true)};
            list << t;
        }
        {
            TableSpec t{QStringLiteral("orders"),
                        QStringLiteral("orders"),
                        QStringLiteral("Orders"),
                        QStringLiteral("id"),
                        true,
                        QStringLiteral("created_at"),
                        true,
                        {}};
            t.columns = {keyColumn(),
                         text("order_number", "Order number", 150, true),
                         relation("user_id", "User", "users", "email", 220),
                         relation("course_id", "Course", "courses", "name", 210),
                         money("amount", "Amount", "currency"),
                         text("currency", "Currency", 70),
                         enumeration("status", "Status", PV::OrderStatus),
                         text("razorpay_order_id", "Razorpay order", 165, true),
                         time("created_at", "Created"),
                         time("updated_at", "Updated")};
            list << t;
        }
        {
            TableSpec t{QStringLiteral("payments"),
                        QStringLiteral("payments"),
                        QStringLiteral("Payments"),
                        QStringLiteral("id"),
                        true,
                        QStringLiteral("created_at"),
                        true,
                        {}};
            t.columns = {keyColumn(),
                         relation("order_id", "Order", "orders", "order_number", 150),
                         text("razorpay_payment_id", "Razorpay payment", 170, true),
                         text("razorpay_signature", "Signature", 120),
                         money("amount", "Amount", "orders.currency"),
                         enumeration("status", "Status", PV::PaymentStatus),
                         text("payment_method", "Method", 90),
                         time("payment_date", "Paid at", true),
                         time("created_at", "Created"),
                         time("updated_at", "Updated")};
            list << t;
        }
        {
            TableSpec t{QStringLiteral("enrollments"),
                        QStringLiteral("enrollments"),
                        QStringLiteral("Enrollments"),
                        QStringLiteral("id"),
                        true,
                        QStringLiteral("enrollment_date"),
                        true,
                        {}};
            t.columns = {keyColumn(),
                         relation("user_id", "User", "users", "email", 220),
                         relation("course_id", "Course", "courses", "name", 210),
                         relation("order_id", "Order", "orders", "order_number", 150),
                         enumeration("status", "Status", PV::EnrollmentStatus),
                         time("enrollment_date", "Enrolled", true),
                         time("completion_date", "Completed", true),
                         time("created_at", "Created"),
                         time("updated_at", "Updated")};
            list << t;
        }
        {
            TableSpec t{QStringLiteral("user_business_info"),
                        QStringLiteral("business"),
                        QStringLiteral("Business info"),
                        QStringLiteral("id"),
                        true,
                        QStringLiteral("created_at"),
                        true,
                        {}};
            t.columns = {keyColumn(),
                         relation("user_id", "User", "users", "email", 220),
                         enumeration("experience_level", "Experience", PV::ExperienceLevel, 150), // "Complete beginner"
                         text("current_business", "Current business", 220, true),
                         text("goals", "Goals", 260, true),
                         time("created_at", "Created"),
                         time("updated_at", "Updated")};
            list << t;
        }
        return list;
    }();
    return specs;
}

const TableSpec* TableSpec::forTable(const QString& table)
{
    for (const TableSpec& spec : all()) {
        if (spec.table == table) {
            return &spec;
        }
    }
    return nullptr;
}

const TableSpec* TableSpec::forPage(const QString& pageId)
{
    for (const TableSpec& spec : all()) {
        if (spec.pageId == pageId) {
            return &spec;
        }
    }
    return nullptr;
}
