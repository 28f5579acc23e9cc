// Users and their checkout answers for the demo data set (see DemoData.h).
#include "DemoData.h"
#include "DemoNames.h"

#include "domain/PlatformValues.h"

#include <QSet>

#include <algorithm>
#include <cmath>

namespace DemoData {
namespace {
constexpr int customerCount = 1998; // plus two staff accounts: 2,000 users
constexpr qint64 dayMs = 24LL * 3600 * 1000;

template <typename T>
const T& pick(QRandomGenerator& random, const QList<T>& list)
{
    return list.at(random.bounded(int(list.size())));
}

const DemoNames::City& pickCity(QRandomGenerator& random)
{
    static const int total = [] {
        int sum = 0;
        for (const auto& city : DemoNames::cities()) {
            sum += city.weight;
        }
        return sum;
    }();
    int left = random.bounded(total);
    for (const auto& city : DemoNames::cities()) {
        if (left < city.weight) {
            return city;
        }
        left -= city.weight;
    }
    return DemoNames::cities().constFirst();
}

// A 10-digit Indian mobile number: the backend accepts ^[6-9]\d{9}$. Most numbers start 9, 8 or 7.
QString mobileNumber(QRandomGenerator& random, QSet<QString>& used)
{
    static constexpr char firstDigits[] = {'9', '9', '9', '8', '8', '7', '7', '6'};
    QString number;
    do {
        number = QLatin1Char(firstDigits[random.bounded(8)]);
        for (int i = 0; i < 9; ++i) {
            number += QLatin1Char(char('0' + random.bounded(10)));
        }
    } while (used.contains(number));
    used.insert(number);
    return number;
}

QString emailFor(QRandomGenerator& random, const QString& first, const QString& last, QSet<QString>& used)
{
    const QString f = first.toLower();
    const QString l = last.toLower();
    QString local;
    switch (random.bounded(5)) {
    case 0:
        local = f + QLatin1Char('.') + l;
        break;
    case 1:
        local = f + l + QString::number(random.bounded(1, 100));
        break;
    case 2:
        local = f + QLatin1Char('_') + l;
        break;
    case 3:
        local = f.left(1) + l + QString::number(random.bounded(1970, 2006));
        break;
    default:
        local = f + QLatin1Char('.') + l + QString::number(random.bounded(10, 1000));
        break;
    }
    const QString domain = pick(random, DemoNames::emailDomains());
    QString email = local + QLatin1Char('@') + domain;
    for (int n = 2; used.contains(email); ++n) {
        email = local + QString::number(n) + QLatin1Char('@') + domain;
    }
    used.insert(email);
    return email;
}

QString addressLine(QRandomGenerator& random)
{
    const QString street = pick(random, DemoNames::streets());
    const QString locality = pick(random, DemoNames::localities());
    if (random.bounded(3) == 0) {
        return QStringLiteral("Flat %1%2, %3, %4")
            .arg(random.bounded(1, 13))
            .arg(random.bounded(1, 9), 2, 10, QLatin1Char('0'))
            .arg(locality, street);
    }
    return QStringLiteral("%1, %2, %3").arg(random.bounded(1, 400)).arg(street, locality);
}

User person(QRandomGenerator& random, QSet<QString>& emails, QSet<QString>& phones)
{
    User user;
    user.firstName = pick(random, DemoNames::firstNames());
    user.lastName = pick(random, DemoNames::lastNames());
    user.email = emailFor(random, user.firstName, user.lastName, emails);
    user.phone = mobileNumber(random, phones);
    const int whatsapp = random.bounded(10);
    // Most give the same number for WhatsApp, some another one, some leave it blank (NULL).
    user.whatsapp = whatsapp < 7 ? user.phone : whatsapp < 8 ? mobileNumber(random, phones) : QString();
    const DemoNames::City& city = pickCity(random);
    user.address = addressLine(random);
    user.city = city.name;
    user.state = city.state;
    user.pincode = QString::number(city.pincodePrefix * 1000 + random.bounded(1, 60));
    user.role = PlatformValues::user;
    return user;
}
} // namespace

void addPeople(Set& set, QRandomGenerator& random, const Period& period, const QStringList& passwordHashes)
{
    QSet<QString> emails;
    QSet<QString> phones;
    // Staff first: they set the platform up before the first customer arrived.
    const struct
    {
        const char* first;
        const char* last;
    } staff[] = {{"Ritu", "Sharma"}, {"Karthik", "Iyer"}};
    for (const auto& member : staff) {
        User admin = person(random, emails, phones);
        admin.firstName = QString::fromLatin1(member.first);
        admin.lastName = QString::fromLatin1(member.last);
        admin.email =
            admin.firstName.toLower() + QLatin1Char('.') + admin.lastName.toLower() + QStringLiteral("@coursedesk.io");
        emails.insert(admin.email);
        admin.role = PlatformValues::admin;
        admin.password = passwordHashes.at(3);                                                   // "Coursedesk@1"
        admin.createdAt = period.startMs - (90 - set.users.size()) * dayMs + 10 * 3600 * 1000LL; // 10:00 IST
        set.users << admin;
    }

    QList<User> customers;
    customers.reserve(customerCount);
    const qint64 span = period.endMs - period.startMs - 6 * 3600 * 1000LL; // leave room for checkout
    for (int i = 0; i < customerCount; ++i) {
        User customer = person(random, emails, phones);
        customer.password = passwordHashes.at(random.bounded(int(passwordHashes.size())));
        // The business grew: sign-ups become more frequent towards the anchor (half of them with
        // a density rising linearly, half evenly spread so the first months are not empty).
        const double u = random.generateDouble();
        const double position = random.bounded(100) < 50 ? u : std::sqrt(u);
        const qint64 around = period.startMs + qint64(position * double(span));
        customer.createdAt = shopperTime(random, std::max(period.startMs, around - dayMs),
                                         std::min(period.startMs + span, around + dayMs));
        customers << customer;
    }
    std::stable_sort(customers.begin(), customers.end(),
                     [](const User& a, const User& b) { return a.createdAt < b.createdAt; });
    set.users += customers;
    for (qsizetype i = 0; i < set.users.size(); ++i) {
        set.users[i].id = i + 1;
    }
}

void addBusinessInfo(Set& set, QRandomGenerator& random)
{
    QSet<qint64> buyers;
    for (const Order& order : std::as_const(set.orders)) {
        buyers.insert(order.userId);
    }
    for (const User& user : std::as_const(set.users)) {
        // The checkout form creates it with the user; a few buyers came in before the form asked.
        if (!buyers.contains(user.id) || random.bounded(100) >= 88) {
            continue;
        }
        const DemoNames::BusinessProfile& profile = pick(random, DemoNames::businessProfiles());
        BusinessInfo info;
        info.id = set.businessInfo.size() + 1;
        info.userId = user.id;
        info.experienceLevel = profile.experienceLevel;
        info.currentBusiness = random.bounded(10) == 0 ? QString() : profile.currentBusiness;
        info.goals = random.bounded(8) == 0 ? QString() : pick(random, DemoNames::goals());
        info.createdAt = user.createdAt + random.bounded(200, 2000);
        set.businessInfo << info;
    }
}

} // namespace DemoData
