#include "ViewState.h"

#include "money/Money.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace {
using K = ColumnSpec::Kind;

QString kindName(ViewState::Filter::Kind kind)
{
    switch (kind) {
    case ViewState::Filter::Kind::Equals:
        return QStringLiteral("equals");
    case ViewState::Filter::Kind::DateRange:
        return QStringLiteral("dates");
    case ViewState::Filter::Kind::AmountRange:
        return QStringLiteral("amounts");
    }
    return QString();
}

QDateTime localMidnight(const QDate& date)
{
    return QDateTime(date, QTime(0, 0), Qt::LocalTime);
}
} // namespace

QByteArray ViewState::toJson() const
{
    QJsonObject root;
    root.insert(QStringLiteral("version"), 1);
    root.insert(QStringLiteral("search"), search);
    root.insert(QStringLiteral("searchMode"), contains ? QStringLiteral("contains") : QStringLiteral("prefix"));
    QJsonArray list;
    for (const Filter& f : filters) {
        QJsonObject o;
        o.insert(QStringLiteral("column"), f.column);
        o.insert(QStringLiteral("kind"), kindName(f.kind));
        switch (f.kind) {
        case Filter::Kind::Equals:
            o.insert(QStringLiteral("value"), f.value);
            break;
        case Filter::Kind::DateRange:
            if (f.from.isValid()) {
                o.insert(QStringLiteral("from"), f.from.toString(Qt::ISODate));
            }
            if (f.to.isValid()) {
                o.insert(QStringLiteral("to"), f.to.toString(Qt::ISODate));
            }
            break;
        case Filter::Kind::AmountRange:
            // Exact decimal text, never a JSON number (a double).
            if (f.min) {
                o.insert(QStringLiteral("min"), Money::toDecimalString(*f.min));
            }
            if (f.max) {
                o.insert(QStringLiteral("max"), Money::toDecimalString(*f.max));
            }
            break;
        }
        list.append(o);
    }
    root.insert(QStringLiteral("filters"), list);
    if (!sortColumn.isEmpty()) {
        root.insert(QStringLiteral("sort"),
                    QJsonObject{{QStringLiteral("column"), sortColumn},
                                {QStringLiteral("order"),
                                 sortOrder == Qt::AscendingOrder ? QStringLiteral("asc") : QStringLiteral("desc")}});
    }
    root.insert(QStringLiteral("columns"), QJsonArray::fromStringList(columns));
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

std::optional<ViewState> ViewState::fromJson(const QByteArray& json, const TableSpec& spec, QString* error)
{
    auto fail = [error](const QString& why) {
        if (error) {
            *error = why;
        }
        return std::nullopt;
    };
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parse);
    if (!doc.isObject()) {
        return fail(QStringLiteral("the view definition is not a JSON object (%1)").arg(parse.errorString()));
    }
    const QJsonObject root = doc.object();
    ViewState state;
    state.search = root.value(QStringLiteral("search")).toString();
    state.contains = root.value(QStringLiteral("searchMode")).toString() == QLatin1String("contains");
    auto known = [&spec](const QString& column) {
        const ColumnSpec* c = spec.column(column);
        return c && c->kind != K::Secret;
    };
    for (const QJsonValue& v : root.value(QStringLiteral("filters")).toArray()) {
        const QJsonObject o = v.toObject();
        Filter f;
        f.column = o.value(QStringLiteral("column")).toString();
        if (!known(f.column)) {
            return fail(
                QStringLiteral("filter on column \u201C%1\u201D, which %2 does not have").arg(f.column, spec.table));
        }
        const QString kind = o.value(QStringLiteral("kind")).toString();
        if (kind == QLatin1String("equals")) {
            f.kind = Filter::Kind::Equals;
            f.value = o.value(QStringLiteral("value")).toString();
        } else if (kind == QLatin1String("dates")) {
            f.kind = Filter::Kind::DateRange;
            f.from = QDate::fromString(o.value(QStringLiteral("from")).toString(), Qt::ISODate);
            f.to = QDate::fromString(o.value(QStringLiteral("to")).toString(), Qt::ISODate);
        } else if (kind == QLatin1String("amounts")) {
            f.kind = Filter::Kind::AmountRange;
            for (const char* bound : {"min", "max"}) {
                const QString text = o.value(QLatin1String(bound)).toString();
                if (text.isEmpty()) {
                    continue;
                }
                const auto minor = Money::parseMinor(text);
                if (!minor) {
                    return fail(QStringLiteral("%1 of the amount filter is not an amount: \u201C%2\u201D")
                                    .arg(QLatin1String(bound), text));
                }
                (QLatin1String(bound) == QLatin1String("min") ? f.min : f.max) = *minor;
            }
        } else {
            return fail(QStringLiteral("unknown filter kind \u201C%1\u201D").arg(kind));
        }
        state.filters << f;
    }
    const QJsonObject sort = root.value(QStringLiteral("sort")).toObject();
    state.sortColumn = sort.value(QStringLiteral("column")).toString();
    if (!state.sortColumn.isEmpty() && !known(state.sortColumn)) {
        return fail(QStringLiteral("sorted by column \u201C%1\u201D, which %2 does not have")
                        .arg(state.sortColumn, spec.table));
    }
    state.sortOrder = sort.value(QStringLiteral("order")).toString() == QLatin1String("asc") ? Qt::AscendingOrder
                                                                                             : Qt::DescendingOrder;
    for (const QJsonValue& v : root.value(QStringLiteral("columns")).toArray()) {
        const QString column = v.toString();
        // A column dropped from a later release is skipped, not an error: the rest still applies.
        if (known(column)) {
            state.columns << column;
        }
    }
    return state;
}

QList<ColumnFilter> ViewState::columnFilters(const TableSpec& spec, const SqlTime& time) const
{
    QList<ColumnFilter> out;
    for (const Filter& f : filters) {
        const ColumnSpec* c = spec.column(f.column);
        if (!c || c->kind == K::Secret) {
            continue;
        }
        switch (f.kind) {
        case Filter::Kind::Equals:
            if (!f.value.isEmpty()) {
                out << ColumnFilter{f.column, ColumnFilter::Match::Equals, f.value};
            }
            break;
        case Filter::Kind::DateRange:
            if (c->kind != K::Timestamp) {
                break;
            }
            if (f.from.isValid()) {
                out << ColumnFilter{f.column, ColumnFilter::Match::AtLeast, time.toDb(localMidnight(f.from))};
            }
            if (f.to.isValid()) {
                out << ColumnFilter{f.column, ColumnFilter::Match::Below, time.toDb(localMidnight(f.to.addDays(1)))};
            }
            break;
        case Filter::Kind::AmountRange:
            if (c->kind != K::Money) {
                break;
            }
            if (f.min) {
                out << ColumnFilter{f.column, ColumnFilter::Match::AtLeast, QVariant::fromValue<qint64>(*f.min)};
            }
            if (f.max) {
                out << ColumnFilter{f.column, ColumnFilter::Match::AtMost, QVariant::fromValue<qint64>(*f.max)};
            }
            break;
        }
    }
    return out;
}
