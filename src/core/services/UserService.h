#pragma once

#include "RowWriter.h"
#include "ServiceResult.h"

#include <QHash>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <optional>

// Users and their single business-info row. Passwords enter here in plain text and leave only as
// a bcrypt hash ($2a$, cost 10): the hash is never returned to the GUI.
namespace UserService {

struct BusinessInfo
{
    QString experienceLevel; // one of PlatformValues::Kind::ExperienceLevel, or empty
    QString currentBusiness;
    QString goals;
    bool isEmpty() const { return experienceLevel.isEmpty() && currentBusiness.isEmpty() && goals.isEmpty(); }
    bool operator==(const BusinessInfo&) const = default;
};

// Rules for a new password (the platform's checkout accepts anything non-empty; staff-made
// passwords are held to a minimum length). Empty when acceptable.
QString passwordProblem(const QString& password);

// A new user (role USER unless given) with a bcrypt hash of `password`, and their business info
// when any is given, in one transaction.
RowWriter::Result create(const QSqlDatabase& db, const QHash<QString, QVariant>& values, const QString& password,
                         const std::optional<BusinessInfo>& business = std::nullopt);
// Saves the user's edited fields (see RowWriter::update) and their business info together.
// `loadedBusiness`: the business info as the form loaded it (empty when there was none); unless
// `overwrite`, nothing is written when someone else changed it since.
RowWriter::Result update(const QSqlDatabase& db, const RowSnapshot& loaded, const QHash<QString, QVariant>& values,
                         bool overwrite, const std::optional<BusinessInfo>& business = std::nullopt,
                         const std::optional<BusinessInfo>& loadedBusiness = std::nullopt);
// Replaces the user's password hash.
ServiceResult resetPassword(const QSqlDatabase& db, const QVariant& userId, const QString& password);

// Type-ahead for user pickers: users whose email, first name, last name or full name starts with
// `text` (case-insensitive), at most `limit`, never the whole table. Emails first (the indexed
// lookup of RelationLookup), then names.
struct UserMatch
{
    QVariant id;
    QString email;
    QString name;
    QString display() const; // "Asha Rao <asha@example.in>"
};
QList<UserMatch> findUsers(const QSqlDatabase& db, const QString& text, int limit = 20);

std::optional<BusinessInfo> businessInfo(const QSqlDatabase& db, const QVariant& userId);
// Inside a caller's transaction: updates the user's row, or creates it the first time (never a
// second one: user_id is unique and looked up first).
bool writeBusinessInfo(const QSqlDatabase& db, const QVariant& userId, const BusinessInfo& info, QString* error);

} // namespace UserService
