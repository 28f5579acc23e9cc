#include "CellText.h"

#include "domain/RowValidator.h"
#include "money/Money.h"
#include "services/ServiceSql.h"

#include <QSqlError>
#include <QSqlQuery>

namespace {
using K = ColumnSpec::Kind;

QString quoteField(const QString& value)
{
    if (!value.contains(QLatin1Char('\t')) && !value.contains(QLatin1Char('\n')) && !value.contains(QLatin1Char('"')) &&
        !value.contains(QLatin1Char('\r'))) {
        return value;
    }
    QString quoted = value;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

CellText::Parsed error(const QString& message)
{
    CellText::Parsed p;
    p.error = message;
    return p;
}
} // namespace

namespace CellText {

QString toTsv(const QList<QStringList>& rows)
{
    QString out;
    for (const QStringList& row : rows) {
        QStringList fields;
        for (const QString& value : row) {
            fields << quoteField(value);
        }
        out += fields.join(QLatin1Char('\t')) + QLatin1Char('\n');
    }
    return out;
}

QList<QStringList> fromTsv(const QString& text)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false;
    bool fieldStarted = false;
    for (int i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (quoted) {
            if (ch == QLatin1Char('"')) {
                if (i + 1 < text.size() && text.at(i + 1) == QLatin1Char('"')) {
                    field += ch;
                    ++i;
                } else {
                    quoted = false;
                }
            } else {
                field += ch;
            }
            continue;
        }
        if (ch == QLatin1Char('"') && !fieldStarted) {
            quoted = true;
            fieldStarted = true;
        } else if (ch == QLatin1Char('\t')) {
            row << field;
            field.clear();
            fieldStarted = false;
        } else if (ch == QLatin1Char('\n') || ch == QLatin1Char('\r')) {
            if (ch == QLatin1Char('\r') && i + 1 < text.size() && text.at(i + 1) == QLatin1Char('\n')) {
                ++i;
            }
            row << field;
            rows << row;
            row.clear();
            field.clear();
            fieldStarted = false;
        } else {
            field += ch;
            fieldStarted = true;
        }
    }
    if (fieldStarted || !row.isEmpty() || !field.isEmpty()) {
        row << field;
        rows << row;
    }
    return rows;
}

Parsed parse(const QSqlDatabase& db, const TableSpec& spec, const ColumnSpec& column, const QString& raw)
{
    const QString text = raw.trimmed();
    Parsed p;
    switch (column.kind) {
    case K::Key:
    case K::Secret:
        return error(QStringLiteral("this column cannot be edited"));
    case K::Money: {
        QString plain = text;
        plain.remove(QChar(0x20B9)).remove(QLatin1Char('$')).remove(QLatin1Char(' '));
        const auto minor = Money::parseMinor(plain);
        if (!minor || *minor < 0 || *minor > Money::maxColumnMinor) {
            return error(QStringLiteral("\u201C%1\u201D is not an amount (digits, at most two decimals)").arg(text));
        }
        p.value = Money::toDecimalString(*minor);
        break;
    }
    case K::Enum: {
        for (const QString& value : PlatformValues::values(column.enumKind)) {
            if (text.compare(value, Qt::CaseInsensitive) == 0 ||
                text.compare(PlatformValues::label(column.enumKind, value), Qt::CaseInsensitive) == 0) {
                p.value = value;
                break;
            }
        }
        if (!p.value.isValid()) {
            QStringList labels;
            for (const QString& value : PlatformValues::values(column.enumKind)) {
                labels << PlatformValues::label(column.enumKind, value);
            }
            return error(
                QStringLiteral("\u201C%1\u201D is not one of %2").arg(text, labels.join(QStringLiteral(", "))));
        }
        break;
    }
    case K::Timestamp: {
        if (text.isEmpty()) {
            p.value = QVariant(QMetaType::fromType<QDateTime>());
            break;
        }
        QDateTime local = QDateTime::fromString(text, QStringLiteral("yyyy-MM-dd HH:mm"));
        if (!local.isValid()) {
            local = QDateTime::fromString(text, Qt::ISODate);
        }
        if (!local.isValid()) {
            return error(QStringLiteral("\u201C%1\u201D is not a time like 2026-11-30 18:56").arg(text));
        }
        p.value = local;
        break;
    }
    case K::Relation: {
        const bool email = column.relationDisplay == QLatin1String("email");
        const QString sql = QStringLiteral("SELECT %1 FROM %2 WHERE %3 LIMIT 2")
                                .arg(column.relationKey, column.relationTable,
                                     email ? QStringLiteral("lower(%1) = lower(?)").arg(column.relationDisplay)
                                           : column.relationDisplay + QStringLiteral(" = ?"));
        QSqlQuery query(db);
        query.prepare(sql);
        query.addBindValue(text);
        if (!query.exec()) {
            return error(query.lastError().text());
        }
        QVariantList keys;
        while (query.next()) {
            keys << query.value(0);
        }
        if (keys.isEmpty()) {
            return error(QStringLiteral("no %1 \u201C%2\u201D exists").arg(column.header.toLower(), text));
        }
        if (keys.size() > 1) {
            return error(QStringLiteral("\u201C%1\u201D names more than one %2").arg(text, column.header.toLower()));
        }
        p.value = keys.constFirst();
        p.relationDisplay = text;
        break;
    }
    case K::Text:
        p.value = text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
        break;
    }
    const auto violations = RowValidator::validate(spec, {{column.name, p.value}}, {column.name});
    for (const auto& v : violations) {
        if (v.column == column.name) {
            return error(v.message);
        }
    }
    return p;
}

} // namespace CellText
