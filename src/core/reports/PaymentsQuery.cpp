#include "PaymentsQuery.h"

#include "ReportSql.h"
#include "db/Database.h"
#include "db/SqlTime.h"
#include "domain/PlatformValues.h"
#include "money/Money.h"
#include "money/MoneySql.h"

#include <QSqlQuery>

#include <functional>

namespace {
const QString paidAt = QStringLiteral("COALESCE(p.payment_date, p.created_at)");
const QString joins =
    QStringLiteral(" FROM payments p JOIN orders o ON o.id = p.order_id"
                   " LEFT JOIN users u ON u.id = o.user_id LEFT JOIN courses c ON c.id = o.course_id");

// The first string after every string starting with `prefix` (its last character plus one), so
// that "starts with" is a range an index can answer. Empty when there is no simple successor.
QString prefixEnd(const QString& prefix)
{
    if (prefix.isEmpty() || prefix.back().unicode() >= 0xD7FF) {
        return QString();
    }
    QString end = prefix;
    end.back() = QChar(static_cast<ushort>(prefix.back().unicode() + 1));
    return end;
}

// "`expression` starts with `prefix`" as a byte-order range (COLLATE "C" on PostgreSQL, where
// Coursedesk's indexes on these columns are in "C"; SQLite compares BINARY by default).
QString startsWith(Engine engine, const QString& expression, const QString& prefix, QVariantList* binds)
{
    const QString e = engine == Engine::Postgres ? QStringLiteral("(%1 COLLATE \"C\")").arg(expression) : expression;
    const QString end = prefixEnd(prefix);
    if (end.isEmpty()) {
        // No successor (the prefix ends in a surrogate, e.g. 😀): compare the first characters.
        // substr() counts code points on both engines, so the length is bound in code points.
        *binds << prefix.toUcs4().size() << prefix;
        return QStringLiteral("substr(%1, 1, ?) = ?").arg(e);
    }
    *binds << prefix << end;
    return QStringLiteral("(%1 >= ? AND %1 < ?)").arg(e);
}

} // namespace

PaymentsQuery::PaymentsQuery(QSqlDatabase db) : m_db(std::move(db)) {}

QString PaymentsQuery::where(const PaymentsFilter& f, QVariantList* binds) const
{
    using namespace PlatformValues;
    const Engine engine = Database::engine(m_db);
    const SqlTime time = SqlTime::forConnection(m_db);
    QStringList terms;
    if (!f.status.isEmpty()) {
        terms << QStringLiteral("p.status = ?");
        *binds << f.status;
    }
    if (f.method == PaymentsFilter::noMethod()) {
        terms << QStringLiteral("COALESCE(TRIM(p.payment_method), '') = ''");
    } else if (!f.method.isEmpty()) {
        terms << QStringLiteral("p.payment_method = ?");
        *binds << f.method;
    }
    if (!f.currency.isEmpty()) {
        terms << QStringLiteral("o.currency = ?");
        *binds << f.currency;
    }
    const QString param = ReportSql::timestampParam(engine);
    if (f.from.isValid()) {
        terms << QStringLiteral("%1 >= %2").arg(paidAt, param);
        *binds << ReportSql::boundText(time, QDateTime(f.from, QTime(0, 0), f.userZone));
    }
    if (f.to.isValid()) {
        terms << QStringLiteral("%1 < %2").arg(paidAt, param);
        *binds << ReportSql::boundText(time, QDateTime(f.to.addDays(1), QTime(0, 0), f.userZone));
    }
    // NULL for a damaged amount: never inside a range, and no NaN-to-bigint error on PostgreSQL.
    const QString amount = MoneySql::checkedMinorUnits(engine, QStringLiteral("p.amount"));
    if (f.minAmountMinor) {
        terms << amount + QStringLiteral(" >= ?");
        *binds << QVariant::fromValue(*f.minAmountMinor);
    }
    if (f.maxAmountMinor) {
        terms << amount + QStringLiteral(" <= ?");
        *binds << QVariant::fromValue(*f.maxAmountMinor);
    }
    const QString search = f.search.trimmed();
    if (search.contains(QChar(0))) {
        terms << QStringLiteral("1 = 0"); // no stored text holds U+0000 (PostgreSQL refuses it)
    } else if (!search.isEmpty()) {
        // Prefixes, as on the table pages: identifiers as typed, emails case-insensitively. Each
        // branch starts from an index (Razorpay payment id; order number / Razorpay order id;
        // lower(email)) instead of scanning every payment with its order and user.
        const QString sql = QStringLiteral(
            "p.id IN (SELECT p2.id FROM payments p2 WHERE %1 "
            "UNION SELECT p3.id FROM payments p3 JOIN orders o3 ON o3.id = p3.order_id WHERE %2 OR %3 "
            "UNION SELECT p4.id FROM payments p4 JOIN orders o4 ON o4.id = p4.order_id JOIN users u4 ON u4.id = "
            "o4.user_id WHERE %4)");
        const QString byPaymentId = startsWith(engine, QStringLiteral("p2.razorpay_payment_id"), search, binds);
        const QString byOrderNumber = startsWith(engine, QStringLiteral("o3.order_number"), search, binds);
        const QString byOrderId = startsWith(engine, QStringLiteral("o3.razorpay_order_id"), search, binds);
        const QString byEmail = startsWith(engine, QStringLiteral("lower(u4.email)"), search.toLower(), binds);
        terms << sql.arg(byPaymentId, byOrderNumber, byOrderId, byEmail);
    }
    if (f.onlyFailingSignatures) {
        // The same rule as SignatureChecker::check: no signature, order id or payment id = missing.
        QString failing =
            QStringLiteral("COALESCE(TRIM(p.razorpay_signature), '') = '' OR COALESCE(o.razorpay_order_id, "
                           "'') = '' OR COALESCE(p.razorpay_payment_id, '') = ''");
        if (!f.invalidSignatureIds.isEmpty()) {
            // One bound value however many ids: an array on PostgreSQL, a JSON array on SQLite.
            QStringList ids;
            for (qint64 id : f.invalidSignatureIds) {
                ids << QString::number(id);
            }
            if (engine == Engine::Postgres) {
                failing += QStringLiteral(" OR p.id = ANY(CAST(? AS bigint[]))");
                *binds << QLatin1Char('{') + ids.join(QLatin1Char(',')) + QLatin1Char('}');
            } else {
                failing += QStringLiteral(" OR p.id IN (SELECT value FROM json_each(?))");
                *binds << QLatin1Char('[') + ids.join(QLatin1Char(',')) + QLatin1Char(']');
            }
        }
        terms << QStringLiteral("p.status IN (%1) AND (%2)")
                     .arg(ReportSql::literalList({Payment::completed, Payment::refunded}), failing);
    }
    return terms.isEmpty() ? QString() : QStringLiteral(" WHERE ") + terms.join(QStringLiteral(" AND "));
}

QString PaymentsQuery::sortExpression(int column) const
{
    switch (column) {
    case OrderNumber:
        return QStringLiteral("o.order_number");
    case Email:
        return QStringLiteral("u.email");
    case Course:
        return QStringLiteral("COALESCE(c.name, o.course_id)");
    case Amount:
        // The stored decimal orders like its minor units, and a NaN cannot break the sort.
        return QStringLiteral("p.amount");
    case Currency:
        return QStringLiteral("o.currency");
    case Status:
        return QStringLiteral("p.status");
    case Method:
        return QStringLiteral("p.payment_method");
    case PaidAt:
        return paidAt;
    case RazorpayPaymentId:
        return QStringLiteral("p.razorpay_payment_id");
    case RazorpayOrderId:
        return QStringLiteral("o.razorpay_order_id");
    default:
        return QString();
    }
}

std::optional<QList<PaymentRow>> PaymentsQuery::page(const PaymentsFilter& filter, int sortColumn, Qt::SortOrder order,
                                                     qint64 offset, int limit, QString* error) const
{
    const Engine engine = Database::engine(m_db);
    const SqlTime time = SqlTime::forConnection(m_db);
    QVariantList binds;
    const QString dir = order == Qt::DescendingOrder ? QStringLiteral(" DESC") : QStringLiteral(" ASC");
    // NULLs last in both directions and on both engines (they disagree by default), then the id so
    // that every row has one position and pages neither overlap nor skip.
    // Only nullable columns get the CASE: on NOT NULL ones it would only keep PostgreSQL from
    // walking an index (ORDER BY p.id DESC LIMIT 200 is then a few index lookups, not a sort).
    QString orderBy;
    const QString expression = sortExpression(sortColumn);
    const bool nullable =
        sortColumn == Email || sortColumn == Method || sortColumn == RazorpayPaymentId || sortColumn == RazorpayOrderId;
    if (!expression.isEmpty() && nullable) {
        orderBy = QStringLiteral("CASE WHEN %1 IS NULL THEN 1 ELSE 0 END, %1%2, ").arg(expression, dir);
    } else if (!expression.isEmpty()) {
        orderBy = expression + dir + QStringLiteral(", ");
    }
    orderBy += QStringLiteral("p.id") + dir;
    const QString sql =
        QStringLiteral("SELECT p.id, o.id, o.order_number, u.email, COALESCE(c.name, o.course_id), %1, o.currency, "
                       "p.status, p.payment_method, %2, p.razorpay_payment_id, o.razorpay_order_id, "
                       "p.razorpay_signature%3%4 ORDER BY %5 LIMIT ? OFFSET ?")
            .arg(MoneySql::checkedMinorUnits(engine, QStringLiteral("p.amount")), paidAt, joins, where(filter, &binds),
                 orderBy);
    binds << limit << QVariant::fromValue(offset);
    QList<PaymentRow> rows;
    const bool ok = ReportSql::select(
        m_db, sql, binds,
        [&](const QSqlQuery& q) {
            PaymentRow r;
            r.id = q.value(0).toLongLong();
            r.orderId = q.value(1).toLongLong();
            r.orderNumber = q.value(2).toString();
            r.email = q.value(3).toString();
            r.courseName = q.value(4).toString();
            const auto amount = Money::minorFromSqlMinorUnits(q.value(5));
            r.amountMinor = amount.value_or(0);
            r.amountDamaged = !amount;
            r.currency = q.value(6).toString();
            r.status = q.value(7).toString();
            r.method = q.value(8).toString();
            r.paidAt = time.fromDb(q.value(9));
            r.razorpayPaymentId = q.value(10).toString();
            r.razorpayOrderId = q.value(11).toString();
            r.signature = q.value(12).toString();
            rows << r;
        },
        error);
    if (!ok) {
        return std::nullopt;
    }
    return rows;
}

std::optional<PaymentsTotals> PaymentsQuery::totals(const PaymentsFilter& filter, QString* error) const
{
    QVariantList binds;
    const QString sql = QStringLiteral("SELECT o.currency, COUNT(*), %1%2%3 GROUP BY o.currency ORDER BY o.currency")
                            .arg(MoneySql::sumMinorUnits(Database::engine(m_db), QStringLiteral("p.amount")), joins,
                                 where(filter, &binds));
    PaymentsTotals totals;
    bool damaged = false;
    const bool ok = ReportSql::select(
        m_db, sql, binds,
        [&](const QSqlQuery& q) {
            const auto sum = Money::minorFromSqlMinorUnits(q.value(2));
            damaged = damaged || !sum;
            CurrencyTotal t{q.value(0).toString(), q.value(1).toLongLong(), sum.value_or(0)};
            totals.count += t.count;
            totals.currencies << t;
        },
        error);
    if (!ok) {
        return std::nullopt;
    }
    if (damaged) {
        if (error) {
            *error = QStringLiteral("A payment amount among these rows is damaged (NULL, NaN, a blob or outside "
                                    "DECIMAL(10,2)), so no total is shown; the Reconciliation page names the row.");
        }
        return std::nullopt;
    }
    return totals;
}

QStringList PaymentsQuery::methods(QString* error) const
{
    QStringList list;
    bool none = false;
    ReportSql::select(
        m_db, QStringLiteral("SELECT DISTINCT payment_method FROM payments ORDER BY payment_method"), {},
        [&](const QSqlQuery& q) {
            const QString m = q.value(0).toString();
            if (m.trimmed().isEmpty()) {
                none = true;
            } else {
                list << m;
            }
        },
        error);
    if (none) {
        list << PaymentsFilter::noMethod();
    }
    return list;
}

QStringList PaymentsQuery::currencies(QString* error) const
{
    QStringList list;
    ReportSql::select(
        m_db, QStringLiteral("SELECT DISTINCT currency FROM orders ORDER BY currency"), {},
        [&](const QSqlQuery& q) { list << q.value(0).toString(); }, error);
    return list;
}

QStringList PaymentsQuery::statuses(QString* error) const
{
    // The platform's values first, then anything else found in the data (shown flagged).
    QStringList list = PlatformValues::values(PlatformValues::Kind::PaymentStatus);
    ReportSql::select(
        m_db, QStringLiteral("SELECT DISTINCT status FROM payments ORDER BY status"), {},
        [&](const QSqlQuery& q) {
            if (!list.contains(q.value(0).toString())) {
                list << q.value(0).toString();
            }
        },
        error);
    return list;
}
