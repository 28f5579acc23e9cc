#pragma once

#include "reports/PaymentsQuery.h"
#include "reports/SignatureChecker.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QSet>
#include <QVector>

#include <memory>

// The payments review table: one PaymentsQuery page of 200 rows at a time, fetched on a pool thread
// with its own connection, at most maxCachedPages kept. The row count and the footer totals come
// from one grouped query per filter; it runs alongside the first page, which is shown as soon as it
// arrives (on a big table the exact count and sums take seconds, the first page milliseconds). Every filter or sort
// change starts a new generation; answers of older generations are dropped, so a slow old query never lands in a newer
// view.
//
// OFFSET paging, not keyset: the review sorts by any of eleven expressions over a four-table join,
// and the deep pages of a filtered review are rarely visited; the table page's WindowedTableModel
// covers jumping through the whole unfiltered table.
class PaymentsReviewModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    static constexpr int pageSize = 200;
    static constexpr int maxCachedPages = 20;
    enum Role {
        PaymentIdRole = Qt::UserRole + 1,
        SignatureStateRole, // int(SignatureState)
        LoadedRole,
    };
    enum class SignatureState {
        NotChecked,  // no key secret entered yet
        NotCaptured, // PENDING / FAILED: the backend never verified these
        Valid,
        Missing,
        Invalid,
    };

    explicit PaymentsReviewModel(QString connectionName, QObject* parent = nullptr);
    ~PaymentsReviewModel() override;

    int rowCount(const QModelIndex& parent = QModelIndex()) const override;
    int columnCount(const QModelIndex& parent = QModelIndex()) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

    void setFilter(const PaymentsFilter& filter);
    const PaymentsFilter& filter() const { return m_filter; }
    int sortColumn() const { return m_sortColumn; }
    Qt::SortOrder sortOrder() const { return m_sortOrder; }
    // The Razorpay key secret for the signature column; memory only. Empty: forget it.
    void setKeySecret(const QByteArray& secret);
    bool hasKeySecret() const { return m_checker != nullptr; }
    // Forgets every row and queries again with the same filter.
    void refresh();

    // The totals of the filtered set (valid once hasTotals()).
    bool hasTotals() const { return m_hasTotals; }
    const PaymentsTotals& totals() const { return m_totals; }
    bool isLoading() const { return !m_hasTotals || !m_pending.isEmpty(); }
    bool isRowLoaded(int row) const;
    const PaymentRow* rowAt(int row) const;
    SignatureState signatureState(int row) const;
    QString lastError() const { return m_lastError; }

signals:
    void totalsChanged();
    void fetchFailed(const QString& error);

private:
    struct CachedPage
    {
        QList<PaymentRow> rows;
        QVector<SignatureState> signatures;
        quint64 lastUse = 0;
    };

    void reselect();
    void requestPage(int page) const;
    void onPage(quint64 generation, int page, const std::optional<QList<PaymentRow>>& rows, const QString& error);
    void onTotals(quint64 generation, const std::optional<PaymentsTotals>& totals, const QString& error);
    SignatureState check(const PaymentRow& row) const;
    void evict() const;

    QString m_connection;
    PaymentsFilter m_filter;
    // Newest first by id: ids grow with time and the primary key orders them without a sort, so
    // the first page of 1.6M payments is immediate (by "Paid at" PostgreSQL must sort them all).
    int m_sortColumn = PaymentsQuery::Id;
    Qt::SortOrder m_sortOrder = Qt::DescendingOrder;
    std::unique_ptr<SignatureChecker> m_checker;
    quint64 m_generation = 0;
    int m_rowCount = 0;
    bool m_hasTotals = false;
    PaymentsTotals m_totals;
    QString m_lastError;
    mutable QHash<int, CachedPage> m_pages;
    mutable QSet<int> m_pending;
    mutable quint64 m_useClock = 0;
};
