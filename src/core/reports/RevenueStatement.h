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

    // Another statement's text and values, after this one's.
    RevenueStatement& append(const RevenueStatement& other)
    {
        m_sql += other.m_sql;
        m_binds += other.m_binds;
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

// A report's payments ⋈ orders rows (RevenueSource::paymentEvents) in two parts: `rows` reads each
// payment once with its order and ends with its WHERE clause, so that a caller may narrow it;
// `columns` says what each row counts for, from the columns of `rows` (named j).
struct RevenueEvents
{
    RevenueStatement columns;
    RevenueStatement rows;

    // "SELECT <columns> FROM (<rows>) j". On PostgreSQL the rows stay a subquery (OFFSET 0), so
    // that their expressions (the payment's report date above all) are computed once per row
    // instead of once per column that uses them.
    RevenueStatement statement() const
    {
        RevenueStatement s = columns;
        s.append(rows).sql(s.engine() == Engine::Postgres ? QStringLiteral(" OFFSET 0) j") : QStringLiteral(") j"));
        return s;
    }
};
