#include "RoleGrants.h"

#include "db/Database.h"
#include "schema/PlatformSchema.h"
#include "schema/SchemaInspector.h"

#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>

namespace {
QString ident(const QString& name)
{
    return QLatin1Char('"') + QString(name).replace(QLatin1Char('"'), QStringLiteral("\"\"")) + QLatin1Char('"');
}

QString list(const QStringList& names)
{
    QStringList quoted;
    for (const QString& n : names) {
        quoted << ident(n);
    }
    return quoted.join(QStringLiteral(", "));
}

class Script
{
public:
    Script(QStringList present, QStringList sequences)
        : m_present(std::move(present)), m_sequences(std::move(sequences))
    {
    }
    QStringList existing(const QStringList& tables) const
    {
        QStringList out;
        for (const QString& t : tables) {
            if (m_present.contains(t)) {
                out << t;
            }
        }
        return out;
    }
    void grant(const QString& privileges, const QStringList& tables, const QString& role)
    {
        const QStringList have = existing(tables);
        if (!have.isEmpty()) {
            m_lines << QStringLiteral("GRANT %1 ON %2 TO %3;").arg(privileges, list(have), ident(role));
        }
    }
    void columns(const QString& privilege, const QStringList& columns, const QString& table, const QString& role)
    {
        if (m_present.contains(table) && !columns.isEmpty()) {
            m_lines << QStringLiteral("GRANT %1 (%2) ON %3 TO %4;")
                           .arg(privilege, list(columns), ident(table), ident(role));
        }
    }
    // Inserting into a table with a serial id takes its sequence.
    void sequencesOf(const QStringList& tables, const QString& role)
    {
        QStringList names;
        for (const QString& t : existing(tables)) {
            const int i = m_present.indexOf(t);
            if (!m_sequences.value(i).isEmpty()) {
                names << m_sequences.value(i);
            }
        }
        if (!names.isEmpty()) {
            m_lines << QStringLiteral("GRANT USAGE ON SEQUENCE %1 TO %2;")
                           .arg(names.join(QStringLiteral(", ")), ident(role));
        }
    }
    void line(const QString& text) { m_lines << text; }
    QString text() const { return m_lines.join(QLatin1Char('\n')) + QLatin1Char('\n'); }

private:
    QStringList m_present;
    QStringList m_sequences; // parallel to m_present: the id sequence, already quoted, or empty
    QStringList m_lines;
};
} // namespace

QString RoleGrants::sql(const QSqlDatabase& db, const QString& prefix, QString* error)
{
    static const QRegularExpression validPrefix(QStringLiteral("^[a-z_][a-z0-9_]{0,39}$"));
    if (!validPrefix.match(prefix).hasMatch()) {
        *error =
            QStringLiteral("The role prefix \"%1\" must be lower-case letters, digits and _ (at most 40).").arg(prefix);
        return QString();
    }
    if (!Database::isPostgres(db)) {
        *error = QStringLiteral("Roles exist on PostgreSQL only. A SQLite file is read-only for whoever may not write "
                                "it (chmod, or open it with ?mode=ro).");
        return QString();
    }
    const SchemaInspector inspector(db);
    const QStringList present = inspector.tables();
    if (!present.contains(QStringLiteral("users"))) {
        *error = QStringLiteral("This database has no platform tables: nothing to grant.");
        return QString();
    }
    QStringList sequences;
    QString schema;
    {
        QSqlQuery query(db);
        if (query.exec(QStringLiteral("SELECT current_schema(), current_database()")) && query.next()) {
            schema = query.value(0).toString();
        }
        for (const QString& table : present) {
            query.prepare(QStringLiteral("SELECT pg_get_serial_sequence(quote_ident(current_schema()) || '.' || "
                                         "quote_ident(?), 'id')"));
            query.addBindValue(table);
            // Tables without an id column make the call fail: no sequence to grant.
            sequences << ((query.exec() && query.next()) ? query.value(0).toString() : QString());
        }
    }
    const QString readonly = prefix + QStringLiteral("readonly");
    const QString staff = prefix + QStringLiteral("staff");
    const QString finance = prefix + QStringLiteral("finance");
    QStringList userColumns;
    for (const SchemaInspector::ColumnInfo& c : inspector.columns(QStringLiteral("users"))) {
        if (c.name != QLatin1String("password")) {
            userColumns << c.name;
        }
    }
    QStringList userUpdatable = userColumns;
    userUpdatable.removeAll(QStringLiteral("id"));
    QStringList platform = PlatformSchema::tableNames();
    platform.removeAll(QStringLiteral("users"));
    QStringList own;
    for (const QString& t : present) {
        if (t.startsWith(QLatin1String("coursedesk_"))) {
            own << t;
        }
    }
    const QStringList catalog = {QStringLiteral("courses"), QStringLiteral("course_features"),
                                 QStringLiteral("course_marketplaces")};
    const QString audit = QStringLiteral("coursedesk_audit_log");
    const QString views = QStringLiteral("coursedesk_saved_views");
    // The daily revenue rollup (migration 006): a report brings it up to date before reading it.
    QStringList rollup;
    for (const QString& t : std::as_const(own)) {
        if (t.startsWith(QLatin1String("coursedesk_revenue_"))) {
            rollup << t;
        }
    }

    Script s(present, sequences);
    s.line(QStringLiteral("-- Coursedesk's least-privilege roles for this database (schema %1).").arg(schema));
    s.line(QStringLiteral("-- Review, then run as the owner of the tables. Coursedesk never runs this itself."));
    s.line(QStringLiteral("-- The roles cannot log in: grant one to each login role, e.g. GRANT %1 TO asha;")
               .arg(ident(staff)));
    s.line(QStringLiteral("-- Nobody but the platform reads users.password: no role gets SELECT on it."));
    s.line(QString());
    s.line(QStringLiteral("BEGIN;"));
    for (const QString& role : {readonly, staff, finance}) {
        s.line(QStringLiteral("DO $$ BEGIN CREATE ROLE %1 NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$;")
                   .arg(ident(role)));
    }
    s.line(QStringLiteral("GRANT USAGE ON SCHEMA %1 TO %2, %3, %4;")
               .arg(ident(schema), ident(readonly), ident(staff), ident(finance)));
    s.line(QString());
    s.line(QStringLiteral("-- readonly: every platform table, users without the password; Coursedesk's own tables."));
    s.grant(QStringLiteral("SELECT"), platform + own, readonly);
    s.columns(QStringLiteral("SELECT"), userColumns, QStringLiteral("users"), readonly);
    s.line(QString());
    s.line(
        QStringLiteral("-- staff and finance also keep the daily revenue rollup (coursedesk_revenue_*) up to date;"));
    s.line(QStringLiteral("-- readonly reads the platform's tables for reports instead."));
    s.line(QString());
    s.line(QStringLiteral("-- staff: the catalog, users (a new user's password hash is written on insert only),"));
    s.line(QStringLiteral(
        "-- business info, enrollments and their workflows (a complimentary enrollment makes its order)."));
    s.line(QStringLiteral("GRANT %1 TO %2;").arg(ident(readonly), ident(staff)));
    s.grant(QStringLiteral("INSERT, UPDATE, DELETE"), catalog + QStringList{QStringLiteral("user_business_info")},
            staff);
    s.grant(QStringLiteral("INSERT"), {QStringLiteral("users"), QStringLiteral("orders")}, staff);
    s.columns(QStringLiteral("UPDATE"), userUpdatable, QStringLiteral("users"), staff);
    s.grant(QStringLiteral("INSERT, UPDATE"), {QStringLiteral("enrollments")}, staff);
    s.grant(QStringLiteral("INSERT"), {audit}, staff);
    s.grant(QStringLiteral("INSERT, UPDATE, DELETE"), QStringList{views} + rollup, staff);
    s.sequencesOf(catalog + QStringList{QStringLiteral("user_business_info"), QStringLiteral("users"),
                                        QStringLiteral("orders"), QStringLiteral("enrollments"), audit, views},
                  staff);
    s.line(QString());
    s.line(QStringLiteral("-- finance: reads everything but the password; records payments and refunds (the payment,"));
    s.line(QStringLiteral("-- its order's status, the enrollment a payment makes or a refund cancels)."));
    s.line(QStringLiteral("GRANT %1 TO %2;").arg(ident(readonly), ident(finance)));
    s.grant(QStringLiteral("INSERT, UPDATE"), {QStringLiteral("payments"), QStringLiteral("enrollments")}, finance);
    s.columns(QStringLiteral("UPDATE"), {QStringLiteral("status"), QStringLiteral("updated_at")},
              QStringLiteral("orders"), finance);
    s.grant(QStringLiteral("INSERT"), {audit}, finance);
    s.grant(QStringLiteral("INSERT, UPDATE, DELETE"), QStringList{views} + rollup, finance);
    s.sequencesOf({QStringLiteral("payments"), QStringLiteral("enrollments"), audit, views}, finance);
    s.line(QStringLiteral("COMMIT;"));
    return s.text();
}
