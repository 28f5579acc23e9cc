#include "WriteValues.h"

#include "db/SqlTime.h"

#include <algorithm>

namespace WriteValues {

using K = ColumnSpec::Kind;

bool blank(const QVariant& v)
{
    return v.isNull() || !v.isValid() || v.toString().trimmed().isEmpty();
}

QVariant bindable(const ColumnSpec& c, const QVariant& v, const SqlTime& time)
{
    if (blank(v)) {
        return QVariant(QMetaType::fromType<QString>());
    }
    if (c.kind == K::Timestamp && v.metaType().id() == QMetaType::QDateTime) {
        return time.toDb(v.toDateTime());
    }
    if (c.kind == K::Secret) {
        return v.toString(); // a hash: taken as it is
    }
    return v.toString().trimmed();
}

QString normal(const ColumnSpec& c, const QVariant& v, const SqlTime& time)
{
    const QVariant bound = bindable(c, v, time);
    return RowSnapshot::normalize(c, bound, time);
}

QVariant jsonValue(const QString& normalForm, bool isNull)
{
    return isNull ? QVariant() : QVariant(normalForm);
}

WriteResult result(WriteResult::Status status, const QString& message, const QString& column)
{
    WriteResult r;
    r.status = status;
    r.message = message;
    r.column = column;
    if (!column.isEmpty()) {
        r.violations.append({column, message});
    }
    return r;
}

WriteResult invalid(QList<RowValidator::Violation> violations)
{
    WriteResult r;
    r.status = WriteResult::Status::Invalid;
    r.message = violations.first().message;
    r.column = violations.first().column;
    r.violations = std::move(violations);
    return r;
}

InsertRow insertRow(const TableSpec& spec, const QHash<QString, QVariant>& values, const SqlTime& time)
{
    InsertRow row;
    row.columns = values.keys();
    std::sort(row.columns.begin(), row.columns.end());
    for (const QString& name : std::as_const(row.columns)) {
        const ColumnSpec& c = *spec.column(name);
        row.binds << bindable(c, values.value(name), time);
        if (c.kind == K::Secret) {
            row.changes.append({name, {}, {}, true});
        } else {
            row.changes.append({name, {}, jsonValue(normal(c, values.value(name), time), blank(values.value(name)))});
        }
    }
    return row;
}

} // namespace WriteValues
