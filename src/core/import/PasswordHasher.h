#pragma once

#include "ImportPlan.h"

#include <QFuture>
#include <QList>

// bcrypt ($2a$, cost 10) for every user of a plan, on all cores (QtConcurrent's global pool): a
// password from the file, a random one for a new user without one when the plan asks for it, and
// the unusable marker otherwise. Each plain password is wiped once hashed. Cost 10 takes ~80 ms per
// password per core, so thousands of passwords take minutes: the future reports progress (one
// step per user) and can be cancelled. The plan must outlive the future.
class PasswordHasher
{
public:
    explicit PasswordHasher(ImportPlan* plan);
    QFuture<void> start();
    int total() const { return m_users.size(); }
    // True once every user has a hash (after the future finished without being cancelled).
    bool complete() const;

private:
    ImportPlan* m_plan;
    bool m_generate = false;
    QList<ImportUser*> m_users;
};
