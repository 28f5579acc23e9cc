#pragma once

#include "domain/TableSpec.h"
#include "views/ViewState.h"

#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QTimer;
class QToolButton;

// The per-column filters of a table page beside its status filter: a date range on one of the
// table's timestamp columns (Created, Paid at, Enrolled, ...) and an amount range on one of its
// money columns. Both run on the server as bound values (ViewState::columnFilters). Dates are
// local days, both ends inclusive; amounts are exact decimals in the row's currency.
class FilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit FilterBar(const TableSpec& spec, QWidget* parent = nullptr);

    // The date and amount filters as ViewState filters (an invalid amount leaves its bound out).
    QList<ViewState::Filter> filters() const;
    // Shows `filters` (those this bar has widgets for; the rest are ignored) without emitting changed().
    void setFilters(const QList<ViewState::Filter>& filters);
    void clear();
    bool isActive() const { return !filters().isEmpty(); }
    // "" or why an amount cannot be used ("Amount from: “12.345” is not an amount").
    QString problem() const { return m_problem; }

    QComboBox* dateColumnCombo() const { return m_dateColumn; }
    QDateEdit* fromDateEdit() const { return m_from; }
    QDateEdit* toDateEdit() const { return m_to; }
    QLineEdit* minAmountEdit() const { return m_min; }
    QLineEdit* maxAmountEdit() const { return m_max; }

signals:
    void changed();
    void problemChanged(const QString& problem);

private:
    void onDateColumnChanged();
    void checkAmounts();
    void emitChanged();

    TableSpec m_spec;
    QComboBox* m_dateColumn = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_amountColumn = nullptr;
    QLineEdit* m_min = nullptr;
    QLineEdit* m_max = nullptr;
    QToolButton* m_clear = nullptr;
    QTimer* m_amountTimer = nullptr;
    QString m_problem;
    bool m_quiet = false;
};
