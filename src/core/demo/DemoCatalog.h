#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <cstdint>

// The demo catalog: the platform's own three tracks exactly as its initial data has them
// (docs/platform-schema.md), then ten further e-commerce courses of the kind it sells.
namespace DemoCatalog {

struct Course
{
    QString id; // slug
    QString name;
    QString description;
    QString duration; // "45 Days", as the platform writes it
    int durationDays;
    std::int64_t feeMinor;      // paise
    std::int64_t originalMinor; // paise, >= feeMinor
    QString level;              // PlatformValues CourseLevel
    QStringList features;       // in id order
    QStringList marketplaces;
    int launchMonthsBeforeAnchor; // created_at; no order predates it
    int popularity;               // relative share of purchases
};

const QList<Course>& courses();
// The fee in US dollar cents for the few customers who pay from abroad.
std::int64_t usdMinor(const Course& course);

} // namespace DemoCatalog
