#pragma once

#include "domain/TableSpec.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

// Type-ahead for relation pickers: the first N referenced rows whose display value starts with
// what the user typed, never the whole referenced table (1M users). Uses the lower(email) and
// order-number indexes of migration 003 when present.
class RelationLookup
{
public:
    struct Match
    {
        QVariant key;
        QString display;
    };

    static constexpr int defaultLimit = 20;

    // `column` must be a Relation column of a TableSpec. Case-insensitive prefix match, in the
    // order of the (lower-cased) display value. Empty `prefix`: the first rows in that order.
    static QList<Match> firstMatches(const QSqlDatabase& db, const ColumnSpec& column, const QString& prefix,
                                     int limit = defaultLimit, QString* error = nullptr);
    // The display value of one key (to show a picked or pasted foreign key).
    static QString displayFor(const QSqlDatabase& db, const ColumnSpec& column, const QVariant& key);
};
