#include "PaymentsReviewPage.h"

#include "ReportsDatabasePrompt.h"
#include "export/PaymentsExportSource.h"

#include "PaymentsReviewModel.h"
#include "background/BackgroundQueries.h"
#include "background/WorkerConnection.h"
#include "domain/PlatformValues.h"
#include "money/Money.h"
#include "reports/SignatureChecker.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateEdit>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {
// A date box at its minimum shows "Any": the range is open on that side.
const QDate openDate(2000, 1, 1);

struct Lists
{
    QStringList statuses;
    QStringList methods;
    QStringList currencies;
};

struct SignatureScan
{
    bool ok = false;
    QString error;
    QList<qint64> invalid;
    qint64 missing = 0;
};

QString count(qint64 n)
{
    return QLocale(QLocale::English).toString(n);
}

QString payments(qint64 n)
{
    return n == 1 ? QObject::tr("1 payment") : QObject::tr("%1 payments").arg(count(n));
}

void refill(QComboBox* box, const QString& anyText, const QStringList& values)
{
    const QString current = box->currentData().toString();
    box->clear();
    box->addItem(anyText, QString());
    for (const QString& v : values) {
        box->addItem(v, v);
    }
    box->setCurrentIndex(std::max(0, box->findData(current)));
}
} // namespace

PaymentsReviewPage::PaymentsReviewPage(QSqlDatabase db, QWidget* parent) : Page(std::move(db), parent)
{
    setObjectName(QStringLiteral("page_payments-review"));
    m_model = new PaymentsReviewModel(database().connectionName(), this);
    m_model->setObjectName(QStringLiteral("paymentsReviewModel"));
    buildUi();
}

PaymentsReviewPage::~PaymentsReviewPage() = default;

void PaymentsReviewPage::buildUi()
{
    auto* outer = new QVBoxLayout(this);
    auto* filters = new QHBoxLayout();
    auto* signatures = new QHBoxLayout();
    auto add = [this](QHBoxLayout* row, QWidget* w, const char* name) {
        w->setObjectName(QLatin1String(name));
        row->addWidget(w);
    };
    auto label = [&](QHBoxLayout* row, const QString& text, const char* name) {
        add(row, new QLabel(text, this), name);
    };

    label(filters, tr("Status:"), "paymentsStatusLabel");
    m_status = new QComboBox(this);
    add(filters, m_status, "paymentsStatus");
    label(filters, tr("Method:"), "paymentsMethodLabel");
    m_method = new QComboBox(this);
    add(filters, m_method, "paymentsMethod");
    label(filters, tr("Currency:"), "paymentsCurrencyLabel");
    m_currency = new QComboBox(this);
    add(filters, m_currency, "paymentsCurrency");
    for (QComboBox* box : {m_status, m_method, m_currency}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    }
    refill(m_status, tr("Any"), PlatformValues::values(PlatformValues::Kind::PaymentStatus));
    refill(m_method, tr("Any"), {});
    refill(m_currency, tr("Any"), {});

    label(filters, tr("Paid from:"), "paymentsFromLabel");
    m_from = new QDateEdit(this);
    add(filters, m_from, "paymentsFrom");
    label(filters, tr("to"), "paymentsToLabel");
    m_to = new QDateEdit(this);
    add(filters, m_to, "paymentsTo");
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("d MMM yyyy"));
        edit->setMinimumDate(openDate);
        edit->setSpecialValueText(tr("Any"));
        edit->setDate(openDate);
    }
    label(filters, tr("Amount:"), "paymentsAmountLabel");
    m_minAmount = new QLineEdit(this);
    m_minAmount->setPlaceholderText(tr("min"));
    add(filters, m_minAmount, "paymentsMinAmount");
    label(filters, tr("–"), "paymentsAmountDash");
    m_maxAmount = new QLineEdit(this);
    m_maxAmount->setPlaceholderText(tr("max"));
    add(filters, m_maxAmount, "paymentsMaxAmount");
    for (QLineEdit* edit : {m_minAmount, m_maxAmount}) {
        edit->setMaximumWidth(90);
        edit->setToolTip(tr("An exact amount such as 5999 or 5999.50, in the payment's currency"));
    }
    m_search = new QLineEdit(this);
    m_search->setClearButtonEnabled(true);
    m_search->setPlaceholderText(tr("Search order number, email, Razorpay id…"));
    m_search->setMinimumWidth(260);
    m_search->setToolTip(tr("Payments whose order number, Razorpay payment id or Razorpay order id starts with "
                            "the text as typed, or whose user's email starts with it in any case"));
    add(filters, m_search, "paymentsSearch");
    outer->addLayout(filters);

    label(signatures, tr("Razorpay key secret:"), "paymentsSecretLabel");
    m_secret = new QLineEdit(this);
    m_secret->setEchoMode(QLineEdit::Password);
    m_secret->setPlaceholderText(tr("kept in memory for this session only"));
    m_secret->setMinimumWidth(240);
    add(signatures, m_secret, "paymentsKeySecret");
    m_checkSignatures = new QPushButton(tr("Check signatures"), this);
    add(signatures, m_checkSignatures, "paymentsCheckSignatures");
    m_onlyFailing = new QCheckBox(tr("Show only failing"), this);
    m_onlyFailing->setEnabled(false);
    m_onlyFailing->setToolTip(tr("Completed or refunded payments whose signature is missing or does not verify"));
    add(signatures, m_onlyFailing, "paymentsOnlyFailing");
    m_signatureStatus = new QLabel(tr("Signatures not checked"), this);
    add(signatures, m_signatureStatus, "paymentsSignatureStatus");
    signatures->addStretch();
    outer->addLayout(signatures);

    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("paymentsView"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    const int widths[PaymentsQuery::ColumnCount] = {70, 140, 210, 120, 110, 70, 100, 90, 130, 160, 170, 130};
    for (int c = 0; c < PaymentsQuery::ColumnCount; ++c) {
        m_view->setColumnWidth(c, widths[c]);
    }
    m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
    m_view->horizontalHeader()->setSortIndicatorShown(true);
    m_view->horizontalHeader()->setSectionsClickable(true);
    // Sorting goes to the model (server-side). setSortingEnabled() would sort at once, before the
    // page is shown; clicking a header is what we want.
    connect(m_view->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int column, Qt::SortOrder order) {
                if (!PaymentsQuery::isSortable(column)) {
                    // The signature is computed in C++, not in SQL: keep the previous sort visible.
                    const QSignalBlocker block(m_view->horizontalHeader());
                    m_view->horizontalHeader()->setSortIndicator(m_model->sortColumn(), m_model->sortOrder());
                    return;
                }
                m_model->sort(column, order);
            });
    outer->addWidget(m_view, 1);

    m_footer = new QLabel(this);
    m_footer->setObjectName(QStringLiteral("paymentsFooter"));
    m_footer->setTextInteractionFlags(Qt::TextSelectableByMouse);
    outer->addWidget(m_footer);

    m_debounce = new QTimer(this);
    m_debounce->setObjectName(QStringLiteral("paymentsDebounce"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(250); // typing in the search box: one query after the pause, not per key
    connect(m_debounce, &QTimer::timeout, this, &PaymentsReviewPage::applyFilter);
    for (QComboBox* box : {m_status, m_method, m_currency}) {
        connect(box, &QComboBox::currentIndexChanged, this, &PaymentsReviewPage::scheduleFilter);
    }
    for (QDateEdit* edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, this, &PaymentsReviewPage::scheduleFilter);
    }
    for (QLineEdit* edit : {m_minAmount, m_maxAmount, m_search}) {
        connect(edit, &QLineEdit::textChanged, this, &PaymentsReviewPage::scheduleFilter);
    }
    connect(m_onlyFailing, &QCheckBox::toggled, this, &PaymentsReviewPage::applyFilter);
    connect(m_secret, &QLineEdit::returnPressed, this, &PaymentsReviewPage::checkSignaturesClicked);
    connect(m_checkSignatures, &QPushButton::clicked, this, &PaymentsReviewPage::checkSignaturesClicked);
    connect(m_model, &PaymentsReviewModel::totalsChanged, this, &PaymentsReviewPage::updateFooter);
    connect(m_model, &PaymentsReviewModel::fetchFailed, this, [this](const QString& error) {
        emit statusMessage(tr("Payments could not be loaded: %1").arg(error));
        // The reports database stopped or fell behind: once the user takes the primary, read there.
        if (ReportsDatabasePrompt::offerPrimaryAfterFailure(this, database().connectionName())) {
            reload();
        }
    });
}

void PaymentsReviewPage::activate()
{
    if (m_started) {
        return;
    }
    m_started = true;
    applyFilter(); // first: the first page must not queue behind the filter lists' DISTINCT scans
    loadLists();
}

void PaymentsReviewPage::reload()
{
    loadLists();
    m_model->refresh();
}

PaymentsFilter PaymentsReviewPage::currentFilter() const
{
    PaymentsFilter f;
    f.status = m_status->currentData().toString();
    f.method = m_method->currentData().toString();
    f.currency = m_currency->currentData().toString();
    f.from = m_from->date() == openDate ? QDate() : m_from->date();
    f.to = m_to->date() == openDate ? QDate() : m_to->date();
    f.minAmountMinor = Money::parseMinor(m_minAmount->text().trimmed());
    f.maxAmountMinor = Money::parseMinor(m_maxAmount->text().trimmed());
    f.search = m_search->text().trimmed();
    f.onlyFailingSignatures = m_onlyFailing->isChecked() && m_signaturesChecked;
    f.invalidSignatureIds = f.onlyFailingSignatures ? m_invalidSignatureIds : QList<qint64>();
    return f;
}

void PaymentsReviewPage::scheduleFilter()
{
    // An amount that does not parse is shown in red and ignored rather than silently matching nothing.
    for (QLineEdit* edit : {m_minAmount, m_maxAmount}) {
        const bool bad = !edit->text().trimmed().isEmpty() && !Money::parseMinor(edit->text().trimmed());
        edit->setStyleSheet(bad ? QStringLiteral("color: #c62828;") : QString());
    }
    if (m_started) {
        m_debounce->start();
    }
}

void PaymentsReviewPage::applyFilter()
{
    m_debounce->stop();
    if (!m_started) {
        return;
    }
    const PaymentsFilter f = currentFilter();
    if (m_ready && f == m_model->filter()) {
        return;
    }
    m_footer->setText(tr("Counting…"));
    m_model->setFilter(f);
}

void PaymentsReviewPage::updateFooter()
{
    m_footer->setText(footerText());
    if (!m_ready && m_model->hasTotals()) {
        m_ready = true;
        emit ready();
    }
}

QString PaymentsReviewPage::footerText() const
{
    if (!m_model->hasTotals()) {
        return tr("Counting…");
    }
    if (!m_model->lastError().isEmpty() && m_model->totals().currencies.isEmpty()) {
        return tr("Could not count: %1").arg(m_model->lastError());
    }
    const PaymentsTotals& t = m_model->totals();
    QStringList parts{payments(t.count)};
    // One sum per currency: amounts in different currencies are never added together.
    for (const CurrencyTotal& c : t.currencies) {
        parts << tr("%1: %2 in %3").arg(c.currency, Money::format(c.sumMinor, c.currency), payments(c.count));
    }
    return parts.join(QStringLiteral("   ·   "));
}

void PaymentsReviewPage::loadLists()
{
    auto* watcher = new QFutureWatcher<Lists>(this);
    connect(watcher, &QFutureWatcher<Lists>::finished, this, [this, watcher] {
        watcher->deleteLater();
        const Lists lists = watcher->result();
        const QSignalBlocker a(m_status);
        const QSignalBlocker b(m_method);
        const QSignalBlocker c(m_currency);
        refill(m_status, tr("Any"), lists.statuses);
        refill(m_method, tr("Any"), lists.methods);
        refill(m_currency, tr("Any"), lists.currencies);
        for (int i = 1; i < m_status->count(); ++i) {
            m_status->setItemText(
                i, PlatformValues::label(PlatformValues::Kind::PaymentStatus, m_status->itemData(i).toString()));
        }
        const int none = m_method->findData(PaymentsFilter::noMethod());
        if (none > 0) {
            m_method->setItemText(none, tr("(no method)"));
        }
    });
    watcher->setFuture(QtConcurrent::run(
        BackgroundQueries::pool(), [connection = BackgroundQueries::reportsConnection(database().connectionName())] {
            Lists lists;
            WorkerConnection worker(connection);
            if (worker.isOpen()) {
                const PaymentsQuery query(worker.db());
                lists.statuses = query.statuses();
                lists.methods = query.methods();
                lists.currencies = query.currencies();
            }
            return lists;
        }));
}

void PaymentsReviewPage::checkSignaturesClicked()
{
    const QByteArray secret = m_secret->text().toUtf8();
    if (secret.isEmpty()) {
        m_signatureStatus->setText(tr("Enter the key secret from the Razorpay dashboard first"));
        return;
    }
    // Out of the widget at once: the secret then lives only in the checker's memory.
    m_secret->clear();
    m_secret->setPlaceholderText(tr("entered (kept in memory for this session)"));
    setKeySecret(secret);
}

void PaymentsReviewPage::setKeySecret(const QByteArray& secret)
{
    const quint64 run = ++m_signatureRun;
    m_signaturesChecked = false;
    m_invalidSignatureIds.clear();
    m_model->setKeySecret(secret);
    if (secret.isEmpty()) {
        m_onlyFailing->setChecked(false);
        m_onlyFailing->setEnabled(false);
        m_signatureStatus->setText(tr("Signatures not checked"));
        return;
    }
    m_signatureStatus->setText(tr("Checking signatures…"));
    m_checkSignatures->setEnabled(false);
    auto* watcher = new QFutureWatcher<SignatureScan>(this);
    connect(watcher, &QFutureWatcher<SignatureScan>::finished, this, [this, watcher, run] {
        watcher->deleteLater();
        if (run != m_signatureRun) {
            return; // a newer secret was entered meanwhile
        }
        m_checkSignatures->setEnabled(true);
        const SignatureScan scan = watcher->result();
        if (!scan.ok) {
            m_signatureStatus->setText(tr("Signature check failed: %1").arg(scan.error));
            return;
        }
        m_invalidSignatureIds = scan.invalid;
        m_signaturesChecked = true;
        m_onlyFailing->setEnabled(true);
        m_signatureStatus->setText(tr("%1 do not verify, %2 missing (completed and refunded payments)")
                                       .arg(count(scan.invalid.size()), count(scan.missing)));
        if (m_onlyFailing->isChecked()) {
            applyFilter();
        }
    });
    watcher->setFuture(
        QtConcurrent::run(BackgroundQueries::pool(),
                          [connection = BackgroundQueries::reportsConnection(database().connectionName()), secret] {
                              SignatureScan scan;
                              WorkerConnection worker(connection);
                              if (!worker.isOpen()) {
                                  scan.error = worker.error();
                                  return scan;
                              }
                              const auto findings = SignatureChecker(worker.db(), secret).run({}, &scan.error);
                              if (!findings) {
                                  return scan;
                              }
                              for (const Finding& f : *findings) {
                                  if (f.kind == Finding::Kind::SignatureInvalid) {
                                      scan.invalid << f.rowId.toLongLong();
                                  } else {
                                      ++scan.missing;
                                  }
                              }
                              scan.ok = true;
                              return scan;
                          }));
}

std::unique_ptr<ExportSource> PaymentsReviewPage::exportSource() const
{
    // Its filter and sort; the signature column needs the key secret and is left out.
    return std::make_unique<PaymentsExportSource>(database().connectionName(), currentFilter(),
                                                  m_model ? m_model->sortColumn() : int(PaymentsQuery::Id),
                                                  m_model ? m_model->sortOrder() : Qt::DescendingOrder, true);
}
