#pragma once

#include "TableSpec.h"

#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <QVariant>

// The rules Coursedesk enforces before anything is written: the ones the platform's backend
// relies on but the database does not check (no CHECK constraints exist). Used by the table
// model before a save and by the edit forms, so both refuse the same things with the same words.
class RowValidator
{
public:
    struct Violation
    {
        QString column;  // the table column that broke the rule
        QString message; // a sentence for the user: "Fee ₹9,000.00 is above the original price ₹7,999.00"
    };

    // `values`: the row's raw values by column name (money as decimal text, enums as codes).
    // `changed`: the columns the user set; single-column rules only look at those (an unknown
    // status already in the data is shown flagged, not forced to change when another field is
    // edited), rules across columns run when any of their columns changed. New rows: every column.
    static QList<Violation> validate(const TableSpec& spec, const QHash<QString, QVariant>& values,
                                     const QSet<QString>& changed);

    static bool isValidEmail(const QString& email);
    static bool isValidPhone(const QString& phone); // the backend's ^[6-9]\d{9}$
    static bool isValidPincode(const QString& pincode);
    static bool isValidCourseSlug(const QString& slug); // "starter-track"
};
