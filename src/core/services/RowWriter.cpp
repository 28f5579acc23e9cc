#include "RowWriter.h"
#include "AuditLog.h"

#include "ServiceSql.h"
#include "models/SqlErrorTranslator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlError>

namespace {
bool blank(const QVariant& v)
{
    return v.isNull() || v.toString().trimmed().isEmpty();
}

RowWriter::Result invalid(QList<RowValidator::Violation> violations)
{
    RowWriter::Result r;
    r.status = RowWriter::Status::Invalid;
    r.message = violations.first().message;
    r.violations = std::move(violations);
    return r;
}

RowWriter::Result failed(const QString& message, const QString& column = QString())
{
    RowWriter::Result r;
    r.status = RowWriter::Status::Failed;
    r.message = message;
    if (!column.isEmpty()) {
        r.violations.append({column, message});
    }
    return r;
}

RowWriter::Result translated(const QSqlDatabase& db, const TableSpec& spec, const QSqlError& error,
                             const QHash<QString, QVariant>& values, SqlErrorTranslator::Operation op,
                             const QVariant& key)
{
    const auto t = SqlErrorTranslator::translate(db, spec, error, values, op, key);
    return failed(t.message, t.column);
}
} // namespace

QStringList RowWriter::requiredColumns(const QString& table)
{
    if (table == QLatin1String("users")) {
        return {QStringLiteral("first_name"), QStringLiteral("last_name"), QStringLiteral("email"),
                QStringLiteral("phone"),      QStringLiteral("address"),   QStringLiteral("city"),
                QStringLiteral("state"),      QStringLiteral("pincode"),   QStringLiteral("role")};
    }
    if (table == QLatin1String("courses")) {
        return {QStringLiteral("id"),  QStringLiteral("name"),           QStringLiteral("duration"),
                QStringLiteral("fee"), QStringLiteral("original_price"), QStringLiteral("level")};
    }
    if (table == QLatin1String("orders")) {
        return {QStringLiteral("order_number"), QStringLiteral("user_id"),  QStringLiteral("course_id"),
                QStringLiteral("amount"),       QStringLiteral("currency"), QStringLiteral("status")};
    }
    if (table == QLatin1String("payments")) {
        return {QStringLiteral("order_id"), QStringLiteral("amount"), QStringLiteral("status")};
    }
    if (table == QLatin1String("enrollments")) {
        return {QStringLiteral("user_id"), QStringLiteral("course_id"), QStringLiteral("order_id"),
                QStringLiteral("status")};
    }
    return {};
}

QList<RowValidator::Violation> RowWriter::validate(const QSqlDatabase& db, const TableSpec& spec, const QVariant& key,
                                                   const QHash<QString, QVariant>& values, const QSet<QString>& changed)
{
    QList<RowValidator::Violation> out;
    for (const QString& column : requiredColumns(spec.table)) {
        if ((changed.contains(column) || !key.isValid()) && blank(values.value(column))) {
            const ColumnSpec* c = spec.column(column);
            out.append({column, QStringLiteral("%1 is required").arg(c ? c->header : column)});
        }
    }
    for (const auto& v : RowValidator::validate(spec, values, changed)) {
        const bool already = std::any_of(out.cbegin(), out.cend(), [&](const auto& o) { return o.column == v.column; });
        if (!already) {
            out.append(v);
        }
    }
    const auto hasViolation = [&](const QString& column) {
        return std::any_of(out.cbegin(), out.cend(), [&](const auto& o) { return o.column == column; });
    };
    const QString email = values.value(QStringLiteral("email")).toString().trimmed();
    if (spec.table == QLatin1String("users") && changed.contains(QStringLiteral("email")) &&
        !hasViolation(QStringLiteral("email"))) {
        // The unique index is case-sensitive; the platform finds users by email at checkout, so
        // two spellings of one address would be two accounts.
        QString sql = QStringLiteral("SELECT email FROM users WHERE lower(email) = lower(?)");
        QVariantList binds{email};
        if (key.isValid()) {
            sql += QStringLiteral(" AND id <> ?");
            binds << key;
        }
        if (const auto other = ServiceSql::scalar(db, sql, binds)) {
            out.append({QStringLiteral("email"),
                        QStringLiteral("Email %1 is already used by another user (%2)").arg(email, other->toString())});
        }
    }
    if (spec.table == QLatin1String("courses") && !key.isValid() && !hasViolation(QStringLiteral("id"))) {
        const QString id = values.value(QStringLiteral("id")).toString();
        if (ServiceSql::scalar(db, QStringLiteral("SELECT id FROM courses WHERE id = ?"), {id})) {
            out.append(
                {QStringLiteral("id"), QStringLiteral("Course ID %1 is already used by another course").arg(id)});
        }
    }
    return out;
}

RowWriter::Result RowWriter::insert(const QSqlDatabase& db, const TableSpec& spec, const QHash<QString, QVariant>& in,
                                    const AlsoWrite& also)
{
    QHash<QString, QVariant> values;
    for (auto it = in.cbegin(); it != in.cend(); ++it) {
        const ColumnSpec* c = spec.column(it.key());
        if (c && c->kind != ColumnSpec::Kind::Timestamp && !(c->kind == ColumnSpec::Kind::Key && spec.keyIsGenerated)) {
            values.insert(it.key(), it.value());
        }
    }
    QSet<QString> changed;
    for (const ColumnSpec& c : spec.columns) {
        changed.insert(c.name);
    }
    if (auto violations = validate(db, spec, QVariant(), values, changed); !violations.isEmpty()) {
        return invalid(violations);
    }
    ServiceSql::Transaction tx(db);
    if (!tx.isActive()) {
        return failed(QStringLiteral("Could not start a transaction: ") + tx.error());
    }
    QStringList columns = values.keys();
    std::sort(columns.begin(), columns.end());
    QVariantList binds;
    for (const QString& c : columns) {
        const QVariant v = values.value(c);
        binds << (blank(v) ? QVariant(QMetaType::fromType<QString>()) : QVariant(v.toString().trimmed()));
    }
    const QString now = ServiceSql::now(db);
    columns << QStringLiteral("created_at") << QStringLiteral("updated_at");
    binds << now << now;
    QSqlError error;
    const QVariant key = ServiceSql::insert(db, spec.table, columns, binds, &error);
    if (!key.isValid()) {
        return translated(db, spec, error, values, SqlErrorTranslator::Operation::Insert, QVariant());
    }
    QString alsoError;
    if (also && !also(db, key, &alsoError)) {
        return failed(alsoError);
    }
    if (!tx.commit()) {
        return failed(QStringLiteral("Could not commit: ") + tx.error());
    }
    Result r;
    r.status = Status::Saved;
    r.key = key;
    r.message = QStringLiteral("Saved");
    return r;
}

RowWriter::Result RowWriter::update(const QSqlDatabase& db, const TableSpec& spec, const RowSnapshot& loaded,
                                    const QHash<QString, QVariant>& in, bool overwrite, const AlsoWrite& also,
                                    const QString& reason)
{
    const SqlTime time = SqlTime::forConnection(db);
    QHash<QString, QVariant> values;
    QSet<QString> changed;
    for (auto it = in.cbegin(); it != in.cend(); ++it) {
        const ColumnSpec* c = spec.column(it.key());
        // Keys, secrets and timestamps the platform keeps are never rewritten from a form.
        if (!c || c->kind == ColumnSpec::Kind::Key || c->kind == ColumnSpec::Kind::Secret || it.key() == spec.key ||
            it.key() == QLatin1String("created_at") || it.key() == QLatin1String("updated_at")) {
            continue;
        }
        values.insert(it.key(), it.value());
        if (!loaded.has(it.key()) || RowSnapshot::normalize(*c, it.value(), time) != loaded.value(it.key())) {
            changed.insert(it.key());
        }
    }
    // Rules across columns (fee <= original price) need the fields the form did not change too.
    QHash<QString, QVariant> whole = loaded.values();
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        whole.insert(it.key(), it.value());
    }
    if (auto violations = validate(db, spec, loaded.key(), whole, changed); !violations.isEmpty()) {
        return invalid(violations);
    }
    ServiceSql::Transaction tx(db);
    if (!tx.isActive()) {
        return failed(QStringLiteral("Could not start a transaction: ") + tx.error());
    }
    QString readError;
    const RowSnapshot current = RowSnapshot::load(db, spec, loaded.key(), true, &readError);
    if (!readError.isEmpty()) {
        return failed(readError);
    }
    if (!current.exists()) {
        Result r;
        r.status = Status::Missing;
        r.message = QStringLiteral("This row was deleted by someone else since it was opened.");
        return r;
    }
    const auto changes = loaded.changesTo(current);
    if (!changes.isEmpty() && !overwrite) {
        Result r;
        r.status = Status::Conflict;
        r.changes = changes;
        r.message =
            QStringLiteral("Someone else changed this row since it was opened:\n") + RowSnapshot::describe(changes);
        return r;
    }
    if (!changed.isEmpty()) {
        QStringList sets;
        QVariantList binds;
        QStringList columns = changed.values();
        std::sort(columns.begin(), columns.end());
        for (const QString& c : columns) {
            sets << c + QStringLiteral(" = ?");
            const QVariant v = values.value(c);
            binds << (blank(v) ? QVariant(QMetaType::fromType<QString>()) : QVariant(v.toString().trimmed()));
        }
        sets << QStringLiteral("updated_at = ?");
        binds << ServiceSql::now(db) << loaded.key();
        QSqlError error;
        if (!ServiceSql::exec(db,
                              QStringLiteral("UPDATE %1 SET %2 WHERE %3 = ?")
                                  .arg(spec.table, sets.join(QStringLiteral(", ")), spec.key),
                              binds, &error)) {
            return translated(db, spec, error, values, SqlErrorTranslator::Operation::Update, loaded.key());
        }
        // A change made for a stated reason (a restore from History) is logged with it, before and
        // after in normal form, in the same transaction.
        if (!reason.isEmpty()) {
            QJsonArray list;
            for (const QString& c : columns) {
                const QString after = RowSnapshot::normalize(*spec.column(c), values.value(c), time);
                const QString before = current.value(c);
                list.append(
                    QJsonObject{{QStringLiteral("column"), c},
                                {QStringLiteral("before"), before.isEmpty() ? QJsonValue() : QJsonValue(before)},
                                {QStringLiteral("after"), after.isEmpty() ? QJsonValue() : QJsonValue(after)}});
            }
            const QString details = QString::fromUtf8(
                QJsonDocument(QJsonObject{{QStringLiteral("changes"), list}}).toJson(QJsonDocument::Compact));
            if (!AuditLog::record(db, QStringLiteral("update"), spec.table, loaded.key(), reason, details)) {
                return failed(QStringLiteral("Could not write the audit log."));
            }
        }
    }
    QString alsoError;
    if (also && !also(db, loaded.key(), &alsoError)) {
        return failed(alsoError);
    }
    if (!tx.commit()) {
        return failed(QStringLiteral("Could not commit: ") + tx.error());
    }
    Result r;
    r.status = Status::Saved;
    r.key = loaded.key();
    r.message = QStringLiteral("Saved");
    return r;
}
