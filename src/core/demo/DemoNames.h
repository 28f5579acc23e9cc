#pragma once

#include <QList>
#include <QString>
#include <QStringList>

// The word lists the demo generator draws people from: Indian given names and surnames, cities
// with their state and postal region, street names, and what checkout customers write about
// their business. Plain data, no logic, so the lists can grow without touching the generator.
namespace DemoNames {

struct City
{
    QString name;
    QString state;     // one of PlatformValues::indianStates()
    int pincodePrefix; // first three digits of the city's real PIN codes (411 for Pune)
    int weight;        // relative share of customers
};

const QStringList& firstNames();
const QStringList& lastNames();
const QList<City>& cities();
const QStringList& streets();
const QStringList& localities();
const QStringList& emailDomains();

struct BusinessProfile
{
    QString experienceLevel; // one of PlatformValues ExperienceLevel
    QString currentBusiness;
};
const QList<BusinessProfile>& businessProfiles();
const QStringList& goals();

} // namespace DemoNames
