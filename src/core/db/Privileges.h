#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

// What the connection's role may do, read once at connect so the GUI can disable what would only
// fail on save, and say why. PostgreSQL: has_table_privilege / has_any_column_privilege /
// has_column_privilege on the tables of the current schema (a staff role without SELECT on
// users.password, a SELECT-only role). SQLite: everything, or nothing but reading when the file is
// opened read-only (mode=ro, a read-only file or folder: Database::readOnlyReason()).
class Privileges
{
public:
    enum class Action { Select, Insert, Update, Delete };

    // One thing a user action needs: "update payments".
    struct Need
    {
        QString table;
        Action action;
        QString column = QString(); // a single column (users.password), or the table as a whole
    };

    // Reads the privileges of `db`'s role now.
    static Privileges read(const QSqlDatabase& db);
    // The privileges of `db`'s connection, read on first use and kept until the connection closes.
    static Privileges of(const QSqlDatabase& db);
    static void forget(const QString& connectionName);
    // Everything allowed (no connection, or a writable SQLite file).
    static Privileges all() { return Privileges(); }

    // On a table as a whole: Select/Insert/Update when the role has it on at least one column.
    bool may(const QString& table, Action action) const;
    bool mayColumn(const QString& table, const QString& column, Action action) const;
    // True when every need is met. A need on a table the database does not have is met (an absent
    // audit log is not a privilege problem).
    bool mayAll(const QList<Need>& needs) const;
    // "Read-only: your role may not update payments" for the first need not met; empty when all are.
    QString refusal(const QList<Need>& needs) const;
    QString refusal(const QString& table, Action action) const { return refusal(QList<Need>{{table, action}}); }
    // True when the connection may change nothing at all.
    bool readOnly() const;
    // SQLite: why the whole file is read-only ("the file x.db is read-only"), else empty.
    QString readOnlyReason() const { return m_readOnlyReason; }

    // What a workflow (its audit action name: record_payment, refund, enroll, suspend, reactivate,
    // cancel, complete, reset_password) writes, so it can be disabled when the role may not.
    static QList<Need> workflowNeeds(const QString& workflow);
    // "update payments"
    static QString describe(const Need& need);

private:
    struct Table
    {
        bool select = true, insert = true, update = true, del = true; // on at least one column
        QHash<QString, bool> columnSelect, columnInsert, columnUpdate;
    };
    static bool allowed(const Table& table, const Need& need);
    bool m_everything = true;
    QString m_readOnlyReason;
    QHash<QString, Table> m_tables;
};
