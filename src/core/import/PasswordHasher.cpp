#include "PasswordHasher.h"

#include "ImportPlanner.h"
#include "crypto/Bcrypt.h"

#include <QRandomGenerator>
#include <QtConcurrent>

namespace {
QString randomPassword()
{
    static const QString alphabet = QStringLiteral("abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789");
    QString out;
    for (int i = 0; i < 20; ++i) {
        out += alphabet.at(QRandomGenerator::system()->bounded(alphabet.size()));
    }
    return out;
}

void wipe(QString* text)
{
    text->fill(QLatin1Char('\0'));
    text->clear();
}
} // namespace

PasswordHasher::PasswordHasher(ImportPlan* plan) : m_plan(plan), m_generate(plan->options.generatePasswords)
{
    for (ImportUser& u : m_plan->creates) {
        if (!u.password.isEmpty() || m_generate) {
            m_users << &u;
        } else {
            u.passwordHash = ImportPlanner::unusablePasswordMarker();
        }
    }
    // Existing users keep their password unless the file gives a new one.
    for (ImportUser& u : m_plan->updates) {
        if (!u.password.isEmpty()) {
            m_users << &u;
        }
    }
}

QFuture<void> PasswordHasher::start()
{
    const bool generate = m_generate;
    return QtConcurrent::map(m_users, [generate](ImportUser* user) {
        QString password = user->password.isEmpty() && generate ? randomPassword() : user->password;
        user->passwordHash = Bcrypt::hash(password);
        wipe(&password);
        wipe(&user->password);
    });
}

bool PasswordHasher::complete() const
{
    return std::all_of(m_users.cbegin(), m_users.cend(),
                       [](const ImportUser* u) { return Bcrypt::looksLikeHash(u->passwordHash); });
}
