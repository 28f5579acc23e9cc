#pragma once

#include "domain/PlatformValues.h"

#include <QList>
#include <QString>

// How each platform table is shown: which columns, in what order, under which header, how each
// value is rendered, and which relation replaces a raw id by a name. Identifiers here come from
// the schema, never from user input, so models may put them into SQL.
struct ColumnSpec
{
    enum class Kind {
        Text,      // plain text, editable inline
        Key,       // primary key (read-only, usually hidden)
        Money,     // DECIMAL(10,2): exact minor units, shown in the row's currency
        Timestamp, // TIMESTAMP(3) in the stored zone, shown in local time
        Enum,      // a platform value list (status / role / level)
        Relation,  // a foreign key shown by the referenced row's display column
        Secret,    // never shown, never copied (users.password)
    };

    QString name;   // column of the table
    QString header; // column header shown to the user
    Kind kind = Kind::Text;
    PlatformValues::Kind enumKind = PlatformValues::Kind::OrderStatus; // Kind::Enum
    QString relationTable;                                             // Kind::Relation: referenced table ("users")
    QString relationKey;                                               // referenced key ("id")
    QString relationDisplay;                                           // referenced display column ("email")
    // Kind::Money: where the row's currency is. A column of the same table ("currency"), or
    // "orders.currency" through the row's order_id for payments. Empty means INR.
    QString currencySource;
    bool editable = true;
    bool searchable = false; // included in the page's search box (server-side, bound values)
    int width = 120;         // initial width in pixels
};

struct TableSpec
{
    QString table;              // "orders"
    QString pageId;             // "orders" for --page
    QString title;              // "Orders"
    QString key;                // "id"
    bool keyIsGenerated = true; // false for courses (slug chosen by staff)
    QString defaultSort;        // column sorted by on opening ("created_at")
    bool defaultDescending = true;
    QList<ColumnSpec> columns;

    const ColumnSpec* column(const QString& name) const;
    int indexOf(const QString& name) const;

    static const QList<TableSpec>& all();
    static const TableSpec* forTable(const QString& table);
    static const TableSpec* forPage(const QString& pageId);
};
