#pragma once

#include <QString>

// bcrypt through libxcrypt: "$2a$" hashes at cost 10, what the platform's Spring Security
// BCryptPasswordEncoder writes and reads. Passwords are never stored or logged in plain text.
namespace Bcrypt {
// Returns "" if hashing failed (no entropy, libxcrypt refused the setting).
QString hash(const QString& password, int cost = 10);
bool verify(const QString& password, const QString& hash);
// "$2a$10$..." with 53 characters after the cost: a well-formed bcrypt hash.
bool looksLikeHash(const QString& text);
} // namespace Bcrypt
