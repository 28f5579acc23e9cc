#include "AuditLog.h"

#include "ServiceSql.h"
#include "db/Database.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace AuditLog {

bool available(const QSqlDatabase& db)
{
    return ServiceSql::hasTable(db, QStringLiteral("coursedesk_audit_log"));
}

QString actor(const QSqlDatabase& db)
{
    QString osUser = qEnvironmentVariable("USER");
    if (osUser.isEmpty()) {
        osUser = qEnvironmentVariable("USERNAME", QStringLiteral("unknown"));
    }
    QString dbUser = QStringLiteral("sqlite");
    if (Database::isPostgres(db)) {
        // The role the server checks privileges against (a SET ROLE shows), not the URL's user.
        dbUser = ServiceSql::scalar(db, QStringLiteral("SELECT current_user"), {}).value_or(db.userName()).toString();
    }
    return QStringLiteral("%1 (%2)").arg(dbUser, osUser).left(100);
}

QString details(const QList<ColumnChange>& changes)
{
    QJsonArray list;
    for (const ColumnChange& c : changes) {
        QJsonObject entry{{QStringLiteral("column"), c.column}};
        if (c.secret) {
            entry.insert(QStringLiteral("note"), QStringLiteral("password changed"));
        } else {
            entry.insert(QStringLiteral("before"), c.before.isNull() ? QJsonValue() : QJsonValue(c.before.toString()));
            entry.insert(QStringLiteral("after"), c.after.isNull() ? QJsonValue() : QJsonValue(c.after.toString()));
        }
        list.append(entry);
    }
    return QString::fromUtf8(
        QJsonDocument(QJsonObject{{QStringLiteral("changes"), list}}).toJson(QJsonDocument::Compact));
}

bool record(const QSqlDatabase& db, const QString& action, const QString& table, const QVariant& key,
            const QString& reason, const QString& details, const QString& actorText)
{
    if (!available(db)) {
        return true;
    }
    return insertRow(db, action, table, key, reason, details, actorText.isEmpty() ? actor(db) : actorText);
}

bool insertRow(const QSqlDatabase& db, const QString& action, const QString& table, const QVariant& key,
               const QString& reason, const QString& details, const QString& actorText)
{
    return ServiceSql::exec(db,
                            QStringLiteral("INSERT INTO coursedesk_audit_log (occurred_at, actor, action, table_name, "
                                           "row_key, reason, details) VALUES (?, ?, ?, ?, ?, ?, ?)"),
                            {ServiceSql::now(db), actorText, action.left(50), table, key.toString(),
                             reason.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(reason),
                             details.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(details)});
}

bool insertRows(const QSqlDatabase& db, const QString& action, const QString& table, const QVariantList& keys,
                const QString& reason, const QStringList& details, const QString& actorText)
{
    if (keys.isEmpty()) {
        return true;
    }
    const QString now = ServiceSql::now(db);
    const QVariant reasonValue = reason.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(reason);
    QStringList rows;
    QVariantList binds;
    for (qsizetype i = 0; i < keys.size(); ++i) {
        rows << QStringLiteral("(?, ?, ?, ?, ?, ?, ?)");
        const QString& d = details.at(i);
        binds << now << actorText << action.left(50) << table << keys.at(i).toString() << reasonValue
              << (d.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(d));
    }
    return ServiceSql::exec(db,
                            QStringLiteral("INSERT INTO coursedesk_audit_log (occurred_at, actor, action, table_name, "
                                           "row_key, reason, details) VALUES ") +
                                rows.join(QStringLiteral(", ")),
                            binds);
}

} // namespace AuditLog
