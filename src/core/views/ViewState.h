#pragma once

#include "db/SqlTime.h"
#include "domain/TableSpec.h"
#include "models/windowed/WindowedQuery.h"

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

// What a table page shows, as a value: the search (and its mode), the per-column filters, the
// sort and the columns in their order. A saved view is one of these under a name; its JSON form
// (toJson) is what coursedesk_saved_views.definition holds, so every staff member's Coursedesk
// reads the same view. Columns are named by their database name, never by position, so a view
// survives a release that adds columns.
struct ViewState
{
    struct Filter
    {
        enum class Kind { Equals, DateRange, AmountRange };
        QString column;
        Kind kind = Kind::Equals;
        QString value;             // Equals: the platform's value ("PAID")
        QDate from, to;            // DateRange: local dates, both inclusive; either may be unset
        std::optional<qint64> min; // AmountRange: minor units, inclusive
        std::optional<qint64> max;
        bool operator==(const Filter&) const = default;
    };

    QString search;
    bool contains = false; // search mode: anywhere in the value instead of from its start
    QList<Filter> filters;
    QString sortColumn; // empty: the page's default
    Qt::SortOrder sortOrder = Qt::DescendingOrder;
    QStringList columns; // visible columns in display order; empty: the page's default
    bool operator==(const ViewState&) const = default;

    QByteArray toJson() const;
    // Checks every name against `spec`: a column the table does not have is an error naming it.
    static std::optional<ViewState> fromJson(const QByteArray& json, const TableSpec& spec, QString* error);

    // The server-side filters of the windowed query. Dates become instants at local midnight
    // converted to the stored zone ([from, to + 1 day)); amounts stay minor units.
    QList<ColumnFilter> columnFilters(const TableSpec& spec, const SqlTime& time) const;
};
