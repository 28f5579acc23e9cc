#pragma once

#include <QRandomGenerator>
#include <QString>
#include <QStringList>

// The demo database's passwords. Hashing 2,000 passwords at bcrypt cost 10 would take minutes,
// so a small pool is hashed once per fill and each user gets one of the pool's hashes.
namespace DemoPasswords {

// The plain-text pool (documented in DemoDatabase.h so people can sign in to a demo backend).
const QStringList& pool();
// "$2a$10$..." for each pool entry, in pool order. The salts come from `random`, so the same seed
// gives the same hashes: the whole demo data set is reproducible. Empty on failure.
QStringList hashPool(QRandomGenerator& random);

} // namespace DemoPasswords
