#include "RevenueReportFacts.h"

#include "ReportSql.h"
#include "RevenueStatement.h"
#include "db/Database.h"
#include "domain/PlatformValues.h"

#include <QSet>
#include <QSqlQuery>

// A short period read by index: "refunded in the period" has no column of its own (a refund is
// dated by its audit row, else by the payment's updated_at), so without Coursedesk's objects every
// payment is read once. With them the period's payments are the union of three index ranges, and
// the one-pass statement then applies the same exact filter to those rows only.
namespace {
using namespace PlatformValues;

const QString paidAtIndex = QStringLiteral("coursedesk_payments_paid_at");               // migration 004
const QString refundedIndex = QStringLiteral("coursedesk_payments_refunded_updated_at"); // migration 005
const QString auditIndex = QStringLiteral("coursedesk_audit_log_action");                // migration 005

// A period longer than this (both periods together) holds so many payments that one read of the
// table beats looking each one up (the same bound as the report's "few rows").
constexpr qint64 maxIndexDays = 93;

// The valid indexes among `names`, read now inside the report's snapshot (a connection's cached
// IndexCatalog may predate objects built later in the session). A stale answer would only cost
// speed: both paths give the same figures.
QSet<QString> existing(const QSqlDatabase& db, const QStringList& names)
{
    const bool pg = Database::isPostgres(db);
    const QString sql =
        pg ? QStringLiteral("SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid WHERE "
                            "i.indisvalid AND c.relname IN (?, ?, ?) AND pg_table_is_visible(c.oid)")
           : QStringLiteral("SELECT name FROM sqlite_master WHERE type = 'index' AND name IN (?, ?, ?)");
    QSet<QString> found;
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (!query.prepare(sql)) {
        return found;
    }
    for (const QString& name : names) {
        query.addBindValue(name);
    }
    if (query.exec()) {
        while (query.next()) {
            found.insert(query.value(0).toString());
        }
    }
    return found;
}
} // namespace

namespace RevenueSource {
bool readsByIndex(const QSqlDatabase& db, bool auditLog, qint64 days)
{
    if (days > maxIndexDays) {
        return false;
    }
    const QSet<QString> found = existing(db, {paidAtIndex, refundedIndex, auditIndex});
    return found.contains(paidAtIndex) && found.contains(refundedIndex) && (!auditLog || found.contains(auditIndex));
}

void candidatePayments(RevenueStatement* s, const QDateTime& start, const QDateTime& end, bool auditLog)
{
    const bool pg = s->engine() == Engine::Postgres;
    const QString columns = QStringLiteral(
        "SELECT id, order_id, amount, status, payment_method, payment_date, created_at, updated_at FROM payments");
    // The report-date expression exactly as the indexes of migrations 004 and 005 are written.
    const QString paidAt = QStringLiteral("COALESCE(payment_date, created_at)");
    // Captured in the range: a range scan of the report-date index (with migration 005's covering
    // index, of the index alone).
    s->sql(columns + QStringLiteral(" WHERE 1 = 1")).range(paidAt, start, end);
    // The others that may have been refunded in the range, so that the two arms never share a row:
    // refunded by the platform (the partial index's predicate is repeated so that it applies) or by
    // Coursedesk (its audit rows). On PostgreSQL only digits are cast (a damaged row_key must not
    // fail the report); SQLite casts anything else to 0, which is no payment id.
    s->sql(QStringLiteral(" UNION ALL ") + columns + QStringLiteral(" WHERE (%1 IS NULL OR NOT (1 = 1").arg(paidAt))
        .range(paidAt, start, end);
    s->sql(QStringLiteral(")) AND id IN (SELECT id FROM payments WHERE status = '%1'").arg(Payment::refunded))
        .range(QStringLiteral("updated_at"), start, end);
    if (auditLog) {
        s->sql(pg ? QStringLiteral(" UNION SELECT CAST(row_key AS bigint) FROM coursedesk_audit_log WHERE action = "
                                   "'refund' AND table_name = 'payments' AND row_key ~ '^[0-9]{1,18}$'")
                  : QStringLiteral(" UNION SELECT CAST(row_key AS INTEGER) FROM coursedesk_audit_log WHERE action = "
                                   "'refund' AND table_name = 'payments'"))
            .range(QStringLiteral("occurred_at"), start, end);
    }
    s->sql(QStringLiteral(")"));
}
} // namespace RevenueSource
