#pragma once

#include "RowWriter.h"
#include "ServiceResult.h"

#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <optional>

// Courses with their feature list and marketplaces, saved together in one transaction.
namespace CourseService {

struct Details
{
    QStringList features;     // in display order (the platform orders them by id)
    QStringList marketplaces; // each at most once per course (case-insensitive)
    bool operator==(const Details&) const = default;
};

// "Growth Track (2026)!" -> "growth-track-2026": a suggestion for a new course's id.
QString slugFromName(const QString& name);
Details details(const QSqlDatabase& db, const QString& courseId);
// Empty when acceptable: no blank feature, no marketplace twice.
QString detailsProblem(const Details& details, QString* column = nullptr);

RowWriter::Result create(const QSqlDatabase& db, const QHash<QString, QVariant>& values,
                         const std::optional<Details>& details);
// The id is fixed after creation: an "id" in `values` is ignored. `loadedDetails`: the lists as
// the form loaded them; unless `overwrite`, nothing is written when someone changed them since.
RowWriter::Result update(const QSqlDatabase& db, const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                         bool overwrite, const std::optional<Details>& details,
                         const std::optional<Details>& loadedDetails = std::nullopt);
// Inside a caller's transaction: makes the stored lists equal to `details` with the fewest
// writes (features keep their ids where the text is unchanged, so the order stays id order).
bool writeDetails(const QSqlDatabase& db, const QString& courseId, const Details& details, QString* error);

struct DeletionCheck
{
    QString blocked; // why the course cannot be deleted (it has orders or enrollments), or empty
    int features = 0;
    int marketplaces = 0;
    // "Delete Starter Track? Its 6 features and 1 marketplace are deleted with it."
    QString confirmation(const QString& courseName) const;
};
DeletionCheck checkDeletion(const QSqlDatabase& db, const QString& courseId);

} // namespace CourseService
