#include "PaymentsReviewModel.h"

#include "background/BackgroundQueries.h"
#include "background/WorkerConnection.h"
#include "domain/PlatformValues.h"
#include "models/windowed/WindowedQuery.h"
#include "money/Money.h"

#include <QApplication>
#include <QBrush>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPalette>
#include <QStyle>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <climits>

namespace {
struct PageResult
{
    std::optional<QList<PaymentRow>> rows;
    QString error;
};
struct TotalsResult
{
    std::optional<PaymentsTotals> totals;
    QString error;
};

QString signatureText(PaymentsReviewModel::SignatureState state)
{
    using S = PaymentsReviewModel::SignatureState;
    switch (state) {
    case S::NotChecked:
    case S::NotCaptured:
        return QString();
    case S::Valid:
        return QObject::tr("Valid");
    case S::Missing:
        return QObject::tr("Missing");
    case S::Invalid:
        return QObject::tr("Does not verify");
    }
    return QString();
}
} // namespace

PaymentsReviewModel::PaymentsReviewModel(QString connectionName, QObject* parent)
    : QAbstractTableModel(parent), m_connection(std::move(connectionName))
{
}

PaymentsReviewModel::~PaymentsReviewModel() = default;

int PaymentsReviewModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : m_rowCount;
}

int PaymentsReviewModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : PaymentsQuery::ColumnCount;
}

QVariant PaymentsReviewModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) {
        return QAbstractTableModel::headerData(section, orientation, role);
    }
    switch (section) {
    case PaymentsQuery::Id:
        return tr("ID");
    case PaymentsQuery::OrderNumber:
        return tr("Order");
    case PaymentsQuery::Email:
        return tr("User");
    case PaymentsQuery::Course:
        return tr("Course");
    case PaymentsQuery::Amount:
        return tr("Amount");
    case PaymentsQuery::Currency:
        return tr("Currency");
    case PaymentsQuery::Status:
        return tr("Status");
    case PaymentsQuery::Method:
        return tr("Method");
    case PaymentsQuery::PaidAt:
        return tr("Paid at");
    case PaymentsQuery::RazorpayPaymentId:
        return tr("Razorpay payment");
    case PaymentsQuery::RazorpayOrderId:
        return tr("Razorpay order");
    case PaymentsQuery::Signature:
        return tr("Signature");
    default:
        return QVariant();
    }
}

bool PaymentsReviewModel::isRowLoaded(int row) const
{
    return rowAt(row) != nullptr;
}

const PaymentRow* PaymentsReviewModel::rowAt(int row) const
{
    const auto it = m_pages.constFind(row / pageSize);
    if (it == m_pages.constEnd() || row % pageSize >= it->rows.size()) {
        return nullptr;
    }
    return &it->rows.at(row % pageSize);
}

PaymentsReviewModel::SignatureState PaymentsReviewModel::signatureState(int row) const
{
    const auto it = m_pages.constFind(row / pageSize);
    if (it == m_pages.constEnd() || row % pageSize >= it->signatures.size()) {
        return SignatureState::NotChecked;
    }
    return it->signatures.at(row % pageSize);
}

QVariant PaymentsReviewModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) {
        return QVariant();
    }
    const int page = index.row() / pageSize;
    auto it = m_pages.find(page);
    if (it == m_pages.end() || index.row() % pageSize >= it->rows.size()) {
        if (it == m_pages.end()) {
            requestPage(page);
        }
        if (role == LoadedRole) {
            return false;
        }
        return role == Qt::DisplayRole && index.column() == 0 ? QVariant(QStringLiteral("…")) : QVariant();
    }
    it->lastUse = ++m_useClock;
    const PaymentRow& r = it->rows.at(index.row() % pageSize);
    const SignatureState sig = it->signatures.at(index.row() % pageSize);
    using PV = PlatformValues::Kind;
    switch (role) {
    case LoadedRole:
        return true;
    case PaymentIdRole:
        return r.id;
    case SignatureStateRole:
        return int(sig);
    case Qt::TextAlignmentRole:
        if (index.column() == PaymentsQuery::Amount || index.column() == PaymentsQuery::Id) {
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        }
        return QVariant();
    case Qt::ForegroundRole:
        if (index.column() == PaymentsQuery::Signature &&
            (sig == SignatureState::Invalid || sig == SignatureState::Missing)) {
            return QBrush(QColor(0xc6, 0x28, 0x28));
        }
        if (index.column() == PaymentsQuery::Status && !PlatformValues::isKnown(PV::PaymentStatus, r.status)) {
            return QBrush(QColor(0xc6, 0x28, 0x28));
        }
        return QVariant();
    case Qt::DecorationRole:
        if (index.column() == PaymentsQuery::Signature) {
            if (sig == SignatureState::Invalid) {
                return qApp->style()->standardIcon(QStyle::SP_MessageBoxCritical);
            }
            if (sig == SignatureState::Missing) {
                return qApp->style()->standardIcon(QStyle::SP_MessageBoxWarning);
            }
        }
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == PaymentsQuery::Signature) {
            switch (sig) {
            case SignatureState::NotChecked:
                return tr("Enter the Razorpay key secret to check signatures");
            case SignatureState::NotCaptured:
                return tr("Only completed and refunded payments carry a verified signature");
            case SignatureState::Valid:
                return tr("HMAC-SHA256 of \"%1|%2\" matches").arg(r.razorpayOrderId, r.razorpayPaymentId);
            case SignatureState::Missing:
                return tr("No signature, Razorpay order id or Razorpay payment id");
            case SignatureState::Invalid:
                return tr("The stored signature is not the HMAC of \"%1|%2\" under this key secret")
                    .arg(r.razorpayOrderId, r.razorpayPaymentId);
            }
        }
        if (index.column() == PaymentsQuery::Amount) {
            return r.amountDamaged ? tr("Damaged amount: the Reconciliation page names what is wrong with it")
                                   : Money::format(r.amountMinor, r.currency);
        }
        return QVariant();
    case Qt::DisplayRole:
        break;
    default:
        return QVariant();
    }
    switch (index.column()) {
    case PaymentsQuery::Id:
        return r.id;
    case PaymentsQuery::OrderNumber:
        return r.orderNumber;
    case PaymentsQuery::Email:
        return r.email;
    case PaymentsQuery::Course:
        return r.courseName;
    case PaymentsQuery::Amount:
        return r.amountDamaged ? tr("(damaged)") : Money::format(r.amountMinor, r.currency);
    case PaymentsQuery::Currency:
        return r.currency;
    case PaymentsQuery::Status:
        return PlatformValues::label(PV::PaymentStatus, r.status);
    case PaymentsQuery::Method:
        return r.method;
    case PaymentsQuery::PaidAt:
        return WindowedQuery::formatTimestamp(r.paidAt);
    case PaymentsQuery::RazorpayPaymentId:
        return r.razorpayPaymentId;
    case PaymentsQuery::RazorpayOrderId:
        return r.razorpayOrderId;
    case PaymentsQuery::Signature:
        return signatureText(sig);
    default:
        return QVariant();
    }
}

void PaymentsReviewModel::sort(int column, Qt::SortOrder order)
{
    if (!PaymentsQuery::isSortable(column) || (column == m_sortColumn && order == m_sortOrder)) {
        return;
    }
    m_sortColumn = column;
    m_sortOrder = order;
    reselect();
}

void PaymentsReviewModel::setFilter(const PaymentsFilter& filter)
{
    m_filter = filter;
    reselect();
}

void PaymentsReviewModel::refresh()
{
    reselect();
}

void PaymentsReviewModel::setKeySecret(const QByteArray& secret)
{
    m_checker.reset();
    if (!secret.isEmpty()) {
        // The checker needs no connection for check(): it only computes HMACs.
        m_checker = std::make_unique<SignatureChecker>(QSqlDatabase(), secret);
    }
    for (CachedPage& page : m_pages) {
        for (int i = 0; i < page.rows.size(); ++i) {
            page.signatures[i] = check(page.rows.at(i));
        }
    }
    if (m_rowCount > 0) {
        emit dataChanged(index(0, PaymentsQuery::Signature), index(m_rowCount - 1, PaymentsQuery::Signature));
    }
}

PaymentsReviewModel::SignatureState PaymentsReviewModel::check(const PaymentRow& row) const
{
    using namespace PlatformValues;
    if (!m_checker) {
        return SignatureState::NotChecked;
    }
    if (row.status != Payment::completed && row.status != Payment::refunded) {
        return SignatureState::NotCaptured;
    }
    switch (m_checker->check(row.razorpayOrderId, row.razorpayPaymentId, row.signature)) {
    case SignatureChecker::Result::Valid:
        return SignatureState::Valid;
    case SignatureChecker::Result::Missing:
        return SignatureState::Missing;
    case SignatureChecker::Result::Invalid:
        return SignatureState::Invalid;
    }
    return SignatureState::NotChecked;
}

void PaymentsReviewModel::reselect()
{
    beginResetModel();
    ++m_generation;
    m_pages.clear();
    m_pending.clear();
    m_rowCount = 0;
    m_hasTotals = false;
    m_totals = {};
    endResetModel();
    const quint64 generation = m_generation;
    requestPage(0);
    auto* watcher = new QFutureWatcher<TotalsResult>(this);
    connect(watcher, &QFutureWatcher<TotalsResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const TotalsResult result = watcher->result();
        onTotals(generation, result.totals, result.error);
    });
    watcher->setFuture(
        QtConcurrent::run(BackgroundQueries::pool(),
                          [connection = BackgroundQueries::reportsConnection(m_connection), filter = m_filter] {
                              TotalsResult result;
                              WorkerConnection worker(connection);
                              if (!worker.isOpen()) {
                                  result.error = worker.error();
                                  return result;
                              }
                              result.totals = PaymentsQuery(worker.db()).totals(filter, &result.error);
                              return result;
                          }));
}

void PaymentsReviewModel::onTotals(quint64 generation, const std::optional<PaymentsTotals>& totals,
                                   const QString& error)
{
    if (generation != m_generation) {
        return; // superseded
    }
    if (!totals) {
        m_lastError = error;
        m_hasTotals = true;
        emit fetchFailed(error);
        emit totalsChanged();
        return;
    }
    m_totals = *totals;
    m_hasTotals = true;
    const int rows = int(std::min<qint64>(totals->count, INT_MAX));
    if (rows > m_rowCount) {
        beginInsertRows(QModelIndex(), m_rowCount, rows - 1);
        m_rowCount = rows;
        endInsertRows();
    } else if (rows < m_rowCount) {
        // Rows were deleted between the first page and the count.
        beginRemoveRows(QModelIndex(), rows, m_rowCount - 1);
        m_rowCount = rows;
        endRemoveRows();
    }
    emit totalsChanged();
}

void PaymentsReviewModel::requestPage(int page) const
{
    if (m_pending.contains(page)) {
        return;
    }
    m_pending.insert(page);
    const quint64 generation = m_generation;
    auto* self = const_cast<PaymentsReviewModel*>(this); // a fetch changes the cache, not the model's state
    auto* watcher = new QFutureWatcher<PageResult>(self);
    connect(watcher, &QFutureWatcher<PageResult>::finished, self, [self, watcher, generation, page] {
        watcher->deleteLater();
        const PageResult result = watcher->result();
        self->onPage(generation, page, result.rows, result.error);
    });
    watcher->setFuture(QtConcurrent::run(BackgroundQueries::pool(), [connection = BackgroundQueries::reportsConnection(
                                                                         m_connection),
                                                                     filter = m_filter, column = m_sortColumn,
                                                                     order = m_sortOrder, page] {
        PageResult result;
        WorkerConnection worker(connection);
        if (!worker.isOpen()) {
            result.error = worker.error();
            return result;
        }
        result.rows =
            PaymentsQuery(worker.db()).page(filter, column, order, qint64(page) * pageSize, pageSize, &result.error);
        return result;
    }));
}

void PaymentsReviewModel::onPage(quint64 generation, int page, const std::optional<QList<PaymentRow>>& rows,
                                 const QString& error)
{
    if (generation != m_generation) {
        return;
    }
    m_pending.remove(page);
    if (!rows) {
        m_lastError = error;
        emit fetchFailed(error);
        return;
    }
    CachedPage cached;
    cached.rows = *rows;
    cached.lastUse = ++m_useClock;
    for (const PaymentRow& r : cached.rows) {
        cached.signatures << check(r);
    }
    m_pages.insert(page, cached);
    evict();
    if (!m_hasTotals && page == 0 && m_rowCount == 0 && !cached.rows.isEmpty()) {
        // The first page before the count: show it now, the rest appears with the count.
        beginInsertRows(QModelIndex(), 0, int(cached.rows.size()) - 1);
        m_rowCount = int(cached.rows.size());
        endInsertRows();
        return;
    }
    const int first = page * pageSize;
    const int last = std::min(m_rowCount, first + pageSize) - 1;
    if (last >= first) {
        emit dataChanged(index(first, 0), index(last, PaymentsQuery::ColumnCount - 1));
    }
}

void PaymentsReviewModel::evict() const
{
    while (m_pages.size() > maxCachedPages) {
        auto oldest = std::min_element(m_pages.begin(), m_pages.end(),
                                       [](const CachedPage& a, const CachedPage& b) { return a.lastUse < b.lastUse; });
        m_pages.erase(oldest);
    }
}
