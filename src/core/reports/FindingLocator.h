#pragma once

#include "Reconciliation.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

// Where a finding's row can be opened: the table page (TableSpec::pageId) and a text its search box
// finds the row by. Table pages search identifiers people use (order numbers, Razorpay ids,
// emails, course ids), not row ids, so each finding is translated to the closest such value.
struct FindingLink
{
    QString pageId;
    QString searchText;
    bool operator==(const FindingLink& other) const = default;
};

namespace FindingLocator {
// One link per finding, in the same order. nullopt (and `error`) if a query failed.
std::optional<QList<FindingLink>> locate(const QSqlDatabase& db, const QList<Finding>& findings,
                                         QString* error = nullptr);
} // namespace FindingLocator
