#include "FilterBar.h"

#include "forms/OptionalDateEdit.h"
#include "money/Money.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimer>
#include <QToolButton>

namespace {
using K = ColumnSpec::Kind;
const QDate unset = OptionalDateEdit::noBound();

QDateEdit* dateEdit(const QString& name, const QString& tip, QWidget* parent)
{
    auto* edit = new OptionalDateEdit(name, tip, parent);
    edit->setEnabled(false); // until a date column is chosen
    return edit;
}

QDate boundOf(const QDateEdit* edit)
{
    return edit->isEnabled() && edit->date() != unset ? edit->date() : QDate();
}

// "₹5,999.00", "5999", "$12.5" -> minor units; the currency is the row's, so its sign is only decoration.
std::optional<qint64> amountOf(const QString& text)
{
    QString plain = text.trimmed();
    plain.remove(QChar(0x20B9)).remove(QLatin1Char('$')).remove(QLatin1Char(' '));
    return Money::parseMinor(plain);
}
} // namespace

FilterBar::FilterBar(const TableSpec& spec, QWidget* parent) : QWidget(parent), m_spec(spec)
{
    setObjectName(QStringLiteral("filterBar"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    QList<int> dates;
    QList<int> amounts;
    for (int c = 0; c < m_spec.columns.size(); ++c) {
        const ColumnSpec& column = m_spec.columns.at(c);
        if (column.kind == K::Timestamp) {
            dates << c;
        } else if (column.kind == K::Money) {
            amounts << c;
        }
    }
    if (!dates.isEmpty()) {
        m_dateColumn = new QComboBox(this);
        m_dateColumn->setObjectName(QStringLiteral("dateColumnCombo"));
        m_dateColumn->setToolTip(tr("Show only rows whose date is in a range (local days, both ends included)"));
        m_dateColumn->addItem(tr("Any date"), QString());
        for (int c : std::as_const(dates)) {
            m_dateColumn->addItem(tr("%1 date").arg(m_spec.columns.at(c).header), m_spec.columns.at(c).name);
        }
        m_dateColumn->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        m_from = dateEdit(QStringLiteral("fromDateEdit"), tr("First day shown (\u201Cany\u201D: no limit)"), this);
        m_to = dateEdit(QStringLiteral("toDateEdit"), tr("Last day shown (\u201Cany\u201D: no limit)"), this);
        auto* dash = new QLabel(QStringLiteral("\u2013"), this);
        dash->setObjectName(QStringLiteral("dateRangeDash"));
        layout->addWidget(m_dateColumn);
        layout->addWidget(m_from);
        layout->addWidget(dash);
        layout->addWidget(m_to);
        connect(m_dateColumn, &QComboBox::currentIndexChanged, this, &FilterBar::onDateColumnChanged);
        connect(m_from, &QDateEdit::dateChanged, this, &FilterBar::emitChanged);
        connect(m_to, &QDateEdit::dateChanged, this, &FilterBar::emitChanged);
    }
    if (!amounts.isEmpty()) {
        m_amountColumn = new QComboBox(this);
        m_amountColumn->setObjectName(QStringLiteral("amountColumnCombo"));
        m_amountColumn->setToolTip(tr("Show only rows whose amount is in a range (exact, both ends included)"));
        for (int c : std::as_const(amounts)) {
            m_amountColumn->addItem(m_spec.columns.at(c).header, m_spec.columns.at(c).name);
        }
        m_amountColumn->setSizeAdjustPolicy(QComboBox::AdjustToContents);
        m_min = new QLineEdit(this);
        m_min->setObjectName(QStringLiteral("minAmountEdit"));
        m_min->setPlaceholderText(tr("from"));
        m_min->setToolTip(tr("Smallest amount shown, e.g. 999 or 5999.50"));
        m_max = new QLineEdit(this);
        m_max->setObjectName(QStringLiteral("maxAmountEdit"));
        m_max->setPlaceholderText(tr("to"));
        m_max->setToolTip(tr("Largest amount shown"));
        for (QLineEdit* edit : {m_min, m_max}) {
            edit->setClearButtonEnabled(true);
            edit->setMaximumWidth(fontMetrics().horizontalAdvance(QStringLiteral("9,99,999.00")) + 24);
        }
        layout->addWidget(m_amountColumn);
        layout->addWidget(m_min);
        auto* dash = new QLabel(QStringLiteral("\u2013"), this);
        dash->setObjectName(QStringLiteral("amountRangeDash"));
        layout->addWidget(dash);
        layout->addWidget(m_max);
        m_amountTimer = new QTimer(this);
        m_amountTimer->setObjectName(QStringLiteral("amountTimer"));
        m_amountTimer->setSingleShot(true);
        m_amountTimer->setInterval(400);
        connect(m_min, &QLineEdit::textChanged, m_amountTimer, qOverload<>(&QTimer::start));
        connect(m_max, &QLineEdit::textChanged, m_amountTimer, qOverload<>(&QTimer::start));
        connect(m_min, &QLineEdit::editingFinished, this, &FilterBar::checkAmounts);
        connect(m_max, &QLineEdit::editingFinished, this, &FilterBar::checkAmounts);
        connect(m_amountTimer, &QTimer::timeout, this, &FilterBar::checkAmounts);
        connect(m_amountColumn, &QComboBox::currentIndexChanged, this, &FilterBar::emitChanged);
    }
    m_clear = new QToolButton(this);
    m_clear->setObjectName(QStringLiteral("clearFiltersButton"));
    m_clear->setText(tr("Clear filters"));
    m_clear->setToolTip(tr("Show every row again (dates and amounts)"));
    m_clear->setVisible(m_dateColumn || m_amountColumn);
    layout->addWidget(m_clear);
    connect(m_clear, &QToolButton::clicked, this, [this] {
        clear();
        emit changed();
    });
}

void FilterBar::onDateColumnChanged()
{
    const bool on = m_dateColumn->currentIndex() > 0;
    m_from->setEnabled(on);
    m_to->setEnabled(on);
    emitChanged();
}

void FilterBar::checkAmounts()
{
    if (m_amountTimer) {
        m_amountTimer->stop();
    }
    QString problem;
    for (auto [edit, what] : {std::pair{m_min, tr("from")}, std::pair{m_max, tr("to")}}) {
        const QString text = edit->text().trimmed();
        const bool bad = !text.isEmpty() && !amountOf(text);
        edit->setStyleSheet(bad ? QStringLiteral("QLineEdit { background: #fde2e2; }") : QString());
        if (bad && problem.isEmpty()) {
            problem = tr("%1 %2: \u201C%3\u201D is not an amount (digits, at most two decimals)")
                          .arg(m_amountColumn->currentText(), what, text);
        }
    }
    if (problem != m_problem) {
        m_problem = problem;
        emit problemChanged(problem);
    }
    emitChanged();
}

void FilterBar::emitChanged()
{
    if (!m_quiet) {
        emit changed();
    }
}

QList<ViewState::Filter> FilterBar::filters() const
{
    QList<ViewState::Filter> out;
    if (m_dateColumn && m_dateColumn->currentIndex() > 0) {
        ViewState::Filter f;
        f.column = m_dateColumn->currentData().toString();
        f.kind = ViewState::Filter::Kind::DateRange;
        f.from = boundOf(m_from);
        f.to = boundOf(m_to);
        if (f.from.isValid() || f.to.isValid()) {
            out << f;
        }
    }
    if (m_amountColumn) {
        ViewState::Filter f;
        f.column = m_amountColumn->currentData().toString();
        f.kind = ViewState::Filter::Kind::AmountRange;
        f.min = amountOf(m_min->text());
        f.max = amountOf(m_max->text());
        if (f.min || f.max) {
            out << f;
        }
    }
    return out;
}

void FilterBar::setFilters(const QList<ViewState::Filter>& filters)
{
    m_quiet = true;
    clear();
    for (const ViewState::Filter& f : filters) {
        if (f.kind == ViewState::Filter::Kind::DateRange && m_dateColumn) {
            const int index = m_dateColumn->findData(f.column);
            if (index > 0) {
                m_dateColumn->setCurrentIndex(index);
                m_from->setDate(f.from.isValid() ? f.from : unset);
                m_to->setDate(f.to.isValid() ? f.to : unset);
            }
        } else if (f.kind == ViewState::Filter::Kind::AmountRange && m_amountColumn) {
            const int index = m_amountColumn->findData(f.column);
            if (index >= 0) {
                m_amountColumn->setCurrentIndex(index);
                m_min->setText(f.min ? Money::toDecimalString(*f.min) : QString());
                m_max->setText(f.max ? Money::toDecimalString(*f.max) : QString());
            }
        }
    }
    if (m_amountTimer) {
        m_amountTimer->stop();
    }
    m_quiet = false;
}

void FilterBar::clear()
{
    const bool quiet = std::exchange(m_quiet, true);
    if (m_dateColumn) {
        m_dateColumn->setCurrentIndex(0);
        m_from->setDate(unset);
        m_to->setDate(unset);
    }
    if (m_amountColumn) {
        m_min->clear();
        m_max->clear();
        m_amountTimer->stop();
        m_min->setStyleSheet(QString());
        m_max->setStyleSheet(QString());
    }
    m_problem.clear();
    m_quiet = quiet;
}
