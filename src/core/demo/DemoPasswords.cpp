#include "DemoPasswords.h"

#include <QByteArray>

#include <crypt.h>

#include <cstring>
#include <memory>

namespace DemoPasswords {

const QStringList& pool()
{
    static const QStringList list = {QStringLiteral("Demo@1234"),   QStringLiteral("Welcome@123"),
                                     QStringLiteral("Seller#2024"), QStringLiteral("Coursedesk@1"),
                                     QStringLiteral("Amazon@123"),  QStringLiteral("Flipkart#99"),
                                     QStringLiteral("Meesho@2025"), QStringLiteral("Password1!")};
    return list;
}

QStringList hashPool(QRandomGenerator& random)
{
    // Bcrypt::hash() takes its salt from the OS on purpose; only here, for reproducible demo data,
    // is the salt drawn from the seeded generator instead. These are demo passwords, not secrets.
    QStringList hashes;
    auto data = std::make_unique<crypt_data>();
    for (const QString& password : pool()) {
        char rbytes[16];
        for (char& byte : rbytes) {
            byte = static_cast<char>(random.bounded(256));
        }
        char salt[CRYPT_GENSALT_OUTPUT_SIZE];
        if (crypt_gensalt_rn("$2a$", 10, rbytes, sizeof(rbytes), salt, sizeof(salt)) == nullptr) {
            return {};
        }
        std::memset(data.get(), 0, sizeof(crypt_data));
        const QByteArray phrase = password.toUtf8();
        const char* result = crypt_rn(phrase.constData(), salt, data.get(), sizeof(crypt_data));
        if (result == nullptr || result[0] == '*') {
            return {};
        }
        hashes << QString::fromLatin1(result);
    }
    return hashes;
}

} // namespace DemoPasswords
