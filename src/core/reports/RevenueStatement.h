#pragma once

#include "ReportPeriod.h"
#include "ReportSql.h"
#include "db/DatabaseUrl.h"
#include "db/SqlTime.h"

#include <QString>
#include <QVariantList>

// Builds one statement and its bound values side by side, so each `?` gets its value in order.
class RevenueStatement
{
public:
    RevenueStatement(Engine engine, const SqlTime& time) : m_engine(engine), m_time(time) {}

    Engine engine() const { return m_engine; }
    RevenueStatement& sql(const QString& text)
    {
        m_sql += text;
        return *this;
    }
    RevenueStatement& bind(const QVariant& value)
    {
        m_binds << value;
        return *this;
    }
    // " AND ts >= ? AND ts < ?"
    RevenueStatement& range(const QString& ts, const QDateTime& start, const QDateTime& end)
    {
        const QString param = ReportSql::timestampParam(m_engine);
        m_sql += QStringLiteral(" AND %1 >= %2 AND %1 < %2").arg(ts, param);
        m_binds << ReportSql::boundText(m_time, start) << ReportSql::boundText(m_time, end);
        return *this;
    }
    // The local day of `ts` inside one zone segment.
    RevenueStatement& day(const QString& ts, const ZoneSegment& segment)
    {
        m_sql += ReportSql::shiftedDay(m_engine, ts);
        m_binds << ReportSql::shiftValue(m_engine, segment.shiftSeconds);
        return *this;
    }
    // "CASE WHEN ts in segment 1 THEN its local day WHEN ... END": NULL outside every segment.
    RevenueStatement& dayIn(const QString& ts, const QList<ZoneSegment>& segments)
    {
        if (segments.isEmpty()) {
            m_sql += QStringLiteral("NULL"); // an empty period
            return *this;
        }
        m_sql += QStringLiteral("CASE");
        for (const ZoneSegment& segment : segments) {
            m_sql += QStringLiteral(" WHEN 1 = 1");
            range(ts, segment.start, segment.end);
            m_sql += QStringLiteral(" THEN ");
            day(ts, segment);
        }
        m_sql += QStringLiteral(" END");
        return *this;
    }

    const QString& text() const { return m_sql; }
    const QVariantList& binds() const { return m_binds; }

private:
    Engine m_engine;
    const SqlTime& m_time;
    QString m_sql;
    QVariantList m_binds;
};
