#pragma once

#include "ImportPlan.h"
#include "ImportSheet.h"

#include <QSqlDatabase>

// Checks a whole file against itself and the database and says what importing it would do:
// every line through ImportLineValidator, duplicates within the file (the same email twice, the
// same user and course twice), and against the database (an existing email unless updating
// existing users; unknown users and courses, enrollments that already exist). Reads only.
namespace ImportPlanner {
ImportPlan plan(const QSqlDatabase& db, const ImportSheet& sheet, const ImportFields::Mapping& mapping,
                const ImportOptions& options);
// The password a user without one gets: not a bcrypt hash, so the platform's login (Spring's
// BCryptPasswordEncoder.matches) refuses every password for it ("Encoded password does not look
// like BCrypt") until the user sets one through "forgot password".
QString unusablePasswordMarker();
} // namespace ImportPlanner
