#include "Bcrypt.h"

#include <QByteArray>
#include <QRegularExpression>

#include <crypt.h>

#include <cstring>
#include <memory>

namespace {
// crypt_rn() keeps all of its state in a caller-owned struct crypt_data (about 32 KB), so it is
// thread-safe as long as each call has its own. The struct is too big for a worker thread's stack
// to hold comfortably, hence the heap; it is zeroed before use as libxcrypt asks and wiped after,
// because it held the password.
struct CryptData
{
    CryptData() : data(std::make_unique<crypt_data>()) { std::memset(data.get(), 0, sizeof(crypt_data)); }
    ~CryptData() { explicit_bzero(data.get(), sizeof(crypt_data)); }
    CryptData(const CryptData&) = delete;
    CryptData& operator=(const CryptData&) = delete;
    std::unique_ptr<crypt_data> data;
};

// Runs bcrypt with `setting` (a salt from crypt_gensalt_rn, or a stored hash). Returns "" when
// libxcrypt refuses: it signals failure with a result starting with '*', never a usable hash.
QByteArray cryptWith(const QString& password, const QByteArray& setting)
{
    QByteArray phrase = password.toUtf8();
    CryptData state;
    const char* result = crypt_rn(phrase.constData(), setting.constData(), state.data.get(), sizeof(crypt_data));
    explicit_bzero(phrase.data(), static_cast<size_t>(phrase.size()));
    if (result == nullptr || result[0] == '*') {
        return QByteArray();
    }
    return QByteArray(result);
}

bool constantTimeEquals(const QByteArray& a, const QByteArray& b)
{
    if (a.size() != b.size()) {
        return false;
    }
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i) {
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    }
    return diff == 0;
}
} // namespace

namespace Bcrypt {

QString hash(const QString& password, int cost)
{
    char salt[CRYPT_GENSALT_OUTPUT_SIZE];
    // nullptr / 0: libxcrypt draws the salt from the OS entropy source itself.
    if (crypt_gensalt_rn("$2a$", static_cast<unsigned long>(cost), nullptr, 0, salt, sizeof(salt)) == nullptr) {
        return QString();
    }
    return QString::fromLatin1(cryptWith(password, QByteArray(salt)));
}

bool verify(const QString& password, const QString& hash)
{
    if (!looksLikeHash(hash)) {
        return false;
    }
    const QByteArray stored = hash.toLatin1();
    const QByteArray computed = cryptWith(password, stored);
    return !computed.isEmpty() && constantTimeEquals(computed, stored);
}

bool looksLikeHash(const QString& text)
{
    // $2a$ / $2b$ / $2y$ (all read by Spring's encoder), two-digit cost, 22 salt + 31 hash characters
    // in bcrypt's own base64 alphabet.
    static const QRegularExpression pattern(
        QStringLiteral("^\\$2[aby]\\$(0[4-9]|[12][0-9]|3[01])\\$[./A-Za-z0-9]{53}$"));
    return pattern.match(text).hasMatch();
}

} // namespace Bcrypt
