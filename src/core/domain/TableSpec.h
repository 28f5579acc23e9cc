#pragma once

#include "domain/PlatformValues.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <QVariant>

// Everything Coursedesk knows about one platform table, stated once: its columns (with the
// platform schema's nullability), how each is shown, the rules a value must meet, which columns only
// a workflow may change, which row states are read-only, which references block a delete, and the
// words for a duplicate. The grid, the forms, the write service and the error messages all read
// this description; nothing else branches on a table's name. Identifiers here come from the
// schema, never from user input, so code may put them into SQL.
struct ColumnSpec
{
    enum class Kind {
        Text,      // plain text, editable inline
        Key,       // primary key (read-only, usually hidden)
        Money,     // DECIMAL(10,2): exact minor units, shown in the row's currency
        Timestamp, // TIMESTAMP(3) in the stored zone, shown in local time
        Enum,      // a platform value list (status / role / level)
        Relation,  // a foreign key shown by the referenced row's display column
        Secret,    // never shown, never copied, never read back (users.password)
    };
    // A format the platform's backend relies on but the database does not check.
    enum class Format {
        None,
        Email,      // something@host.tld
        Phone,      // the backend's ^[6-9]\d{9}$ (an Indian mobile number)
        Pincode,    // 6 digits
        CourseSlug, // lower-case words joined by hyphens, at most 50 characters
        Currency,   // an ISO 4217 code
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

    // The platform schema lets this column be NULL (whatsapp, description, payment_date, …). Every
    // other column is NOT NULL; keyset paging and sorting rely on that.
    bool nullable = false;
    // NOT NULL in the platform schema and without a default Coursedesk relies on: a new row must
    // give it, an edit may not empty it. (Keys and created_at/updated_at are filled by the writer.)
    bool required = false;
    // What to say when a required column is missing, when "<Header> is required" is not enough.
    QString requiredMessage;
    Format format = Format::None;
    // Unique regardless of case (users.email: the platform finds users by email at checkout, so
    // two spellings of one address would be two accounts). The message takes the value as %1.
    bool uniqueIgnoringCase = false;
    // The message for a duplicate of this single-column unique index, the value as %1.
    QString duplicateMessage;
    // Kind::Money: a column of the same row this one may not exceed (fee <= original_price).
    QString atMost;
    // Changed only by a workflow (money state): the sentence that says which one. A plain edit of
    // this column is refused with it; a plain insert may only give `initialValue` (when set).
    QString workflowOnly;
    QString initialValue;
    // Made by the writer when a new row leaves it blank ("ORD" + milliseconds for order_number).
    bool generatedOnInsert = false;
    // On a new row, picking this relation column's row fills `fills` from the referenced row:
    // {"amount", "fee"} on orders.course_id (an order costs the course's fee).
    QString fills;
    QString fillsFrom;

    bool isWorkflowOwned() const { return !workflowOnly.isEmpty(); }
    // A column a writer stamps itself: created_at / updated_at.
    bool isStamp() const
    {
        return kind == Kind::Timestamp && (name == QLatin1String("created_at") || name == QLatin1String("updated_at"));
    }
};

struct TableSpec
{
    // An ON DELETE RESTRICT reference to this table: rows there keep a row here from being deleted.
    struct Reference
    {
        QString table;    // "orders"
        QString column;   // "user_id"
        QString singular; // "order"
        QString plural;   // "orders"
    };
    // Rows in one of these states are history, not editable data (a refunded payment).
    struct ReadOnlyState
    {
        QString column;     // "status"
        QStringList values; // {"REFUNDED"}
        QString message;    // "A refunded payment is part of the records and cannot be edited"
    };
    // A unique index over several columns and how a duplicate is worded: %1, %2 … are the values
    // of `columns` in order (relation columns as the key or the display text the caller has).
    struct Unique
    {
        QStringList columns;
        QString message;
    };

    QString table;              // "orders"
    QString pageId;             // "orders" for --page
    QString title;              // "Orders"
    QString key;                // "id"
    bool keyIsGenerated = true; // false for courses (slug chosen by staff)
    QString defaultSort;        // column sorted by on opening ("created_at")
    bool defaultDescending = true;
    QList<ColumnSpec> columns;

    QString noun;                  // "user": how messages name one row of the table
    QStringList labelColumns;      // the first non-empty one names a row in messages ("email")
    QList<Reference> restrictedBy; // references that block a delete
    QList<ReadOnlyState> readOnlyStates;
    QList<Unique> uniques;     // multi-column unique indexes (single ones: ColumnSpec)
    bool hasTimestamps = true; // created_at / updated_at exist (not on features, marketplaces)

    const ColumnSpec* column(const QString& name) const;
    int indexOf(const QString& name) const;
    // The columns a form or an insert must fill: required, not a generated key, not a stamp, not a
    // secret (the password is set by its own form).
    QStringList requiredColumns() const;
    // The read-only state a row with these raw values (by column name) is in, or nullptr.
    const ReadOnlyState* readOnlyState(const QHash<QString, QVariant>& row) const;
    // The text that names a row in messages ("asha@x.in", "ORD1700000000000"), else its key.
    QString label(const QHash<QString, QVariant>& row, const QVariant& key) const;

    static const QList<TableSpec>& all();
    static const TableSpec* forTable(const QString& table);
    static const TableSpec* forPage(const QString& pageId);
};
