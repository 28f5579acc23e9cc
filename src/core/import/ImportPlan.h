#pragma once

#include "ImportFields.h"
#include "ImportLineValidator.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QVariant>

// What an import will do once every line passed: which users to create or update and which
// complimentary enrollments to make. Built by ImportPlanner (dry run = building it), carried out
// by ImportWriter in one transaction.
struct ImportUser
{
    int line = 0;
    QVariant id;                     // update: the existing user's id
    QHash<QString, QVariant> values; // columns to write (no password)
    QHash<QString, QString> before;  // update: those columns as the preview read them
    QString password;                // from the file; wiped once hashed
    QString passwordHash;            // bcrypt, or the unusable marker for a new user without one
};

struct ImportEnrollment
{
    int line = 0;
    QVariant userId;
    QString email;
    QString courseId;
    QString courseName;
};

struct ImportOptions
{
    ImportKind kind = ImportKind::Users;
    bool updateExisting = false;
    // Users without a password in the file: a random one (bcrypt-hashed, never shown: they reset
    // it), instead of the unusable marker.
    bool generatePasswords = false;
    QString sourceName; // the file's name, for the audit reason
};

struct ImportPlan
{
    ImportOptions options;
    int lines = 0;
    QList<ImportIssue> issues; // any: nothing may be written
    QList<ImportUser> creates;
    QList<ImportUser> updates;
    QList<ImportEnrollment> enrollments;
    int unchanged = 0; // users matched by email whose values are already those of the file

    bool ok() const { return issues.isEmpty(); }
    int passwordsToHash() const;
    // "12 users to create, 3 to update" / "40 complimentary enrollments to make".
    QString summary() const;
    // Every issue on its own line, then the summary.
    QString report() const;
};
