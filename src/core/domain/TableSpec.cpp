#include "TableSpec.h"

namespace {
using K = ColumnSpec::Kind;
using F = ColumnSpec::Format;
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
    c.required = true; // every foreign key of the platform is NOT NULL
    return c;
}
ColumnSpec secret(const char* name)
{
    ColumnSpec c = text(name, name);
    c.kind = K::Secret;
    c.editable = false;
    return c;
}
ColumnSpec nullable(ColumnSpec c)
{
    c.nullable = true;
    return c;
}
ColumnSpec required(ColumnSpec c)
{
    c.required = true;
    return c;
}
ColumnSpec formatted(ColumnSpec c, F format)
{
    c.format = format;
    return c;
}
ColumnSpec owned(ColumnSpec c, const char* workflowOnly, const char* initialValue = "")
{
    c.workflowOnly = QString::fromUtf8(workflowOnly);
    c.initialValue = QString::fromLatin1(initialValue);
    return c;
}
QList<ColumnSpec> stamps()
{
    return {time("created_at", "Created"), time("updated_at", "Updated")};
}

TableSpec table(const char* name, const char* pageId, const char* title, const char* defaultSort,
                bool defaultDescending, const char* noun)
{
    TableSpec t;
    t.table = QString::fromLatin1(name);
    t.pageId = QString::fromLatin1(pageId);
    t.title = QString::fromUtf8(title);
    t.key = QStringLiteral("id");
    t.defaultSort = QString::fromLatin1(defaultSort);
    t.defaultDescending = defaultDescending;
    t.noun = QString::fromLatin1(noun);
    return t;
}

TableSpec users()
{
    TableSpec t = table("users", "users", "Users", "created_at", true, "user");
    ColumnSpec email = formatted(required(text("email", "Email", 220, true)), F::Email);
    email.uniqueIgnoringCase = true;
    email.duplicateMessage = QStringLiteral("Email %1 is already used by another user");
    ColumnSpec password = required(secret("password"));
    password.requiredMessage = QStringLiteral("A new user needs a password: create users with the New user form");
    ColumnSpec role = required(enumeration("role", "Role", PV::UserRole));
    t.columns = {keyColumn(),
                 required(text("first_name", "First name", 110, true)),
                 required(text("last_name", "Last name", 110, true)),
                 email,
                 password,
                 formatted(required(text("phone", "Phone", 105, true)), F::Phone),
                 nullable(formatted(text("whatsapp", "WhatsApp", 105), F::Phone)),
                 required(text("address", "Address", 200)),
                 required(text("city", "City", 110, true)),
                 required(text("state", "State", 120)),
                 formatted(required(text("pincode", "Pincode", 70)), F::Pincode),
                 role};
    t.columns << stamps();
    t.labelColumns = {QStringLiteral("email")};
    t.restrictedBy = {
        {QStringLiteral("orders"), QStringLiteral("user_id"), QStringLiteral("order"), QStringLiteral("orders")},
        {QStringLiteral("enrollments"), QStringLiteral("user_id"), QStringLiteral("enrollment"),
         QStringLiteral("enrollments")}};
    return t;
}

TableSpec courses()
{
    TableSpec t = table("courses", "courses", "Courses", "name", false, "course");
    t.keyIsGenerated = false;
    ColumnSpec slug = formatted(required(text("id", "Course ID", 150, true)), F::CourseSlug);
    slug.editable = false;
    slug.duplicateMessage = QStringLiteral("Course ID %1 is already used by another course");
    ColumnSpec fee = required(money("fee", "Fee"));
    fee.atMost = QStringLiteral("original_price");
    t.columns = {slug,
                 required(text("name", "Name", 180, true)),
                 nullable(text("description", "Description", 260)),
                 required(text("duration", "Duration", 80)),
                 fee,
                 required(money("original_price", "Original price")),
                 required(enumeration("level", "Level", PV::CourseLevel))};
    t.columns << stamps();
    t.labelColumns = {QStringLiteral("name")};
    t.restrictedBy = {
        {QStringLiteral("orders"), QStringLiteral("course_id"), QStringLiteral("order"), QStringLiteral("orders")},
        {QStringLiteral("enrollments"), QStringLiteral("course_id"), QStringLiteral("enrollment"),
         QStringLiteral("enrollments")}};
    return t;
}

TableSpec detailList(const char* name, const char* pageId, const char* title, const char* noun, const char* column,
                     const char* header, int width)
{
    TableSpec t = table(name, pageId, title, "id", false, noun);
    t.columns = {keyColumn(), relation("course_id", "Course", "courses", "name", 180),
                 required(text(column, header, width, true))};
    t.labelColumns = {QString::fromLatin1(column)};
    t.hasTimestamps = false;
    return t;
}

TableSpec orders()
{
    TableSpec t = table("orders", "orders", "Orders", "created_at", true, "order");
    ColumnSpec number = required(text("order_number", "Order number", 150, true));
    number.duplicateMessage = QStringLiteral("Order number %1 is already used by another order");
    number.generatedOnInsert = true;
    ColumnSpec course = relation("course_id", "Course", "courses", "name", 210);
    course.fills = QStringLiteral("amount");
    course.fillsFrom = QStringLiteral("fee");
    t.columns = {keyColumn(),
                 number,
                 relation("user_id", "User", "users", "email", 220),
                 course,
                 owned(required(money("amount", "Amount", "currency")),
                       "The amount of an order is set when it is created; a payment is recorded with Record payment"),
                 formatted(required(text("currency", "Currency", 70)), F::Currency),
                 owned(required(enumeration("status", "Status", PV::OrderStatus)),
                       "Status of an order changes only through Record payment or Refund", "CREATED"),
                 nullable(text("razorpay_order_id", "Razorpay order", 165, true))};
    t.columns << stamps();
    t.labelColumns = {QStringLiteral("order_number")};
    t.restrictedBy = {
        {QStringLiteral("payments"), QStringLiteral("order_id"), QStringLiteral("payment"), QStringLiteral("payments")},
        {QStringLiteral("enrollments"), QStringLiteral("order_id"), QStringLiteral("enrollment"),
         QStringLiteral("enrollments")}};
    t.readOnlyStates = {{QStringLiteral("status"),
                         {QStringLiteral("CANCELLED")},
                         QStringLiteral("A cancelled order is part of the records and cannot be edited")}};
    return t;
}

TableSpec payments()
{
    TableSpec t = table("payments", "payments", "Payments", "created_at", true, "payment");
    t.columns = {keyColumn(),
                 relation("order_id", "Order", "orders", "order_number", 150),
                 nullable(text("razorpay_payment_id", "Razorpay payment", 170, true)),
                 nullable(text("razorpay_signature", "Signature", 120)),
                 owned(required(money("amount", "Amount", "orders.currency")),
                       "The amount of a payment changes only through Record payment"),
                 owned(required(enumeration("status", "Status", PV::PaymentStatus)),
                       "Status of a payment changes only through Refund or Record payment", "PENDING"),
                 nullable(text("payment_method", "Method", 90)),
                 nullable(time("payment_date", "Paid at", true))};
    t.columns << stamps();
    t.labelColumns = {QStringLiteral("razorpay_payment_id")};
    t.readOnlyStates = {{QStringLiteral("status"),
                         {QStringLiteral("REFUNDED")},
                         QStringLiteral("A refunded payment is part of the records and cannot be edited")}};
    return t;
}

TableSpec enrollments()
{
    TableSpec t = table("enrollments", "enrollments", "Enrollments", "enrollment_date", true, "enrollment");
    t.columns = {keyColumn(),
                 relation("user_id", "User", "users", "email", 220),
                 relation("course_id", "Course", "courses", "name", 210),
                 relation("order_id", "Order", "orders", "order_number", 150),
                 owned(required(enumeration("status", "Status", PV::EnrollmentStatus)),
                       "Status of an enrollment changes only through Suspend, Reactivate, Cancel or Complete",
                       "ACTIVE"),
                 time("enrollment_date", "Enrolled", true),
                 nullable(time("completion_date", "Completed", true))};
    t.columns << stamps();
    t.uniques = {
        {{QStringLiteral("user_id"), QStringLiteral("course_id")}, QStringLiteral("%1 is already enrolled in %2")}};
    return t;
}

TableSpec businessInfo()
{
    TableSpec t = table("user_business_info", "business", "Business info", "created_at", true, "business info row");
    t.columns = {
        keyColumn(), relation("user_id", "User", "users", "email", 220),
        nullable(enumeration("experience_level", "Experience", PV::ExperienceLevel, 150)), // "Complete beginner"
        nullable(text("current_business", "Current business", 220, true)), nullable(text("goals", "Goals", 260, true))};
    t.columns << stamps();
    t.uniques = {{{QStringLiteral("user_id")}, QStringLiteral("%1 already has business info")}};
    return t;
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

QStringList TableSpec::requiredColumns() const
{
    QStringList out;
    for (const ColumnSpec& c : columns) {
        const bool generatedKey = c.name == key && keyIsGenerated;
        if (c.required && !generatedKey && !c.isStamp() && c.kind != ColumnSpec::Kind::Secret) {
            out << c.name;
        }
    }
    return out;
}

const TableSpec::ReadOnlyState* TableSpec::readOnlyState(const QHash<QString, QVariant>& row) const
{
    for (const ReadOnlyState& state : readOnlyStates) {
        if (state.values.contains(row.value(state.column).toString())) {
            return &state;
        }
    }
    return nullptr;
}

QString TableSpec::label(const QHash<QString, QVariant>& row, const QVariant& rowKey) const
{
    for (const QString& c : labelColumns) {
        const QString text = row.value(c).toString();
        if (!text.isEmpty()) {
            return text;
        }
    }
    return rowKey.isValid() ? rowKey.toString() : QStringLiteral("new row");
}

const QList<TableSpec>& TableSpec::all()
{
    static const QList<TableSpec> specs = {
        users(),
        courses(),
        detailList("course_features", "features", "Course features", "feature", "feature", "Feature", 320),
        detailList("course_marketplaces", "marketplaces", "Course marketplaces", "marketplace", "marketplace",
                   "Marketplace", 160),
        orders(),
        payments(),
        enrollments(),
        businessInfo(),
    };
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
