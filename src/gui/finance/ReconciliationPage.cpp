#include "ReconciliationPage.h"

#include "ReportsDatabasePrompt.h"
#include "export/FindingsExport.h"

#include "background/BackgroundQueries.h"
#include "background/WorkerConnection.h"
#include "domain/TableSpec.h"
#include "reports/Csv.h"
#include "reports/QueryCancel.h"

#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace {
struct RunResult
{
    bool ok = false;
    QString error;
    QList<Finding> findings;
    QList<FindingLink> links;
    bool cancelled = false;
};

// Every kind Reconciliation reports, in its order; each is listed even when empty, so "none"
// is visible as a result rather than as a missing line.
const QList<Finding::Kind>& reconciliationKinds()
{
    using K = Finding::Kind;
    static const QList<K> kinds = {K::PaidOrderWithoutPayment,
                                   K::CompletedPaymentOrderNotPaid,
                                   K::PaymentAmountMismatch,
                                   K::ActiveEnrollmentOrderNotPaid,
                                   K::PaidOrderWithoutEnrollment,
                                   K::DuplicateRazorpayPaymentId,
                                   K::UnknownValue,
                                   K::PendingPaymentOnSettledOrder,
                                   K::DamagedValue};
    return kinds;
}

QString rowTitle(const Finding& f)
{
    const TableSpec* spec = TableSpec::forTable(f.table);
    return QStringLiteral("%1 %2").arg(spec ? spec->title : f.table, f.rowId);
}
} // namespace

ReconciliationPage::ReconciliationPage(QSqlDatabase db, QWidget* parent) : Page(std::move(db), parent)
{
    setObjectName(QStringLiteral("page_reconciliation"));
    buildUi();
}

ReconciliationPage::~ReconciliationPage() = default;

void ReconciliationPage::buildUi()
{
    auto* outer = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout();
    m_run = new QPushButton(tr("Run again"), this);
    m_run->setObjectName(QStringLiteral("reconciliationRun"));
    m_export = new QPushButton(tr("Export CSV…"), this);
    m_export->setObjectName(QStringLiteral("reconciliationExportCsv"));
    m_export->setEnabled(false);
    m_status = new QLabel(tr("Not run yet"), this);
    m_status->setObjectName(QStringLiteral("reconciliationStatus"));
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("reconciliationCancel"));
    m_cancel->setEnabled(false);
    bar->addWidget(m_run);
    bar->addWidget(m_cancel);
    bar->addWidget(m_export);
    bar->addWidget(m_status, 1);
    outer->addLayout(bar);

    auto* hint = new QLabel(tr("Double-click a finding to open its rows."), this);
    hint->setObjectName(QStringLiteral("reconciliationHint"));
    outer->addWidget(hint);

    m_model = new QStandardItemModel(0, 3, this);
    m_model->setObjectName(QStringLiteral("reconciliationModel"));
    m_model->setHorizontalHeaderLabels({tr("Finding"), tr("Opens"), tr("Details")});
    m_view = new QTreeView(this);
    m_view->setObjectName(QStringLiteral("reconciliationView"));
    m_view->setModel(m_model);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->resizeSection(0, 340);
    m_view->header()->resizeSection(1, 260);
    m_view->header()->setStretchLastSection(true);
    outer->addWidget(m_view, 1);

    connect(m_run, &QPushButton::clicked, this, &ReconciliationPage::run);
    connect(m_cancel, &QPushButton::clicked, this, &ReconciliationPage::cancel);
    connect(m_export, &QPushButton::clicked, this, &ReconciliationPage::exportCsvInteractive);
    // activated: a double-click (or a single click where the platform activates on one) and Enter.
    connect(m_view, &QTreeView::activated, this, &ReconciliationPage::open);
}

void ReconciliationPage::activate()
{
    if (!m_started) {
        m_started = true;
        run();
    }
}

void ReconciliationPage::reload()
{
    run();
}

void ReconciliationPage::run()
{
    cancel(); // a run still going is superseded: stop its statement too
    const quint64 generation = ++m_generation;
    m_running = true;
    m_cancel->setEnabled(true);
    auto slot = std::make_shared<CancelSlot>();
    m_cancelSlot = slot;
    m_status->setText(tr("Checking orders, payments and enrollments…"));
    auto* watcher = new QFutureWatcher<RunResult>(this);
    connect(watcher, &QFutureWatcher<RunResult>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        if (generation != m_generation) {
            return; // a newer run is under way
        }
        m_running = false;
        m_cancel->setEnabled(false);
        m_cancelSlot.reset();
        const RunResult result = watcher->result();
        if (result.cancelled) {
            m_status->setText(tr("Reconciliation cancelled; nothing was written. Run again to check."));
            emit statusMessage(m_status->text());
        } else if (!result.ok) {
            m_status->setText(tr("Reconciliation failed: %1").arg(result.error));
            emit statusMessage(m_status->text());
            // The reports database stopped or fell behind: once the user takes the primary, run there.
            if (ReportsDatabasePrompt::offerPrimaryAfterFailure(this, database().connectionName())) {
                run();
                return;
            }
        } else {
            showFindings(result.findings, result.links);
        }
        if (!m_ready) {
            m_ready = true;
            emit ready();
        }
        emit finished();
    });
    watcher->setFuture(
        QtConcurrent::run(BackgroundQueries::pool(),
                          [connection = BackgroundQueries::reportsConnection(database().connectionName()), slot] {
                              RunResult result;
                              WorkerConnection worker(connection);
                              if (!worker.isOpen()) {
                                  result.error = worker.error();
                                  return result;
                              }
                              QueryCancel cancel(worker.db());
                              slot->attach(&cancel);
                              const auto findings = Reconciliation(worker.db()).run(&result.error);
                              slot->attach(nullptr);
                              result.cancelled = cancel.isCancelled();
                              if (!findings || result.cancelled) {
                                  return result;
                              }
                              const auto links = FindingLocator::locate(worker.db(), *findings, &result.error);
                              if (!links) {
                                  return result;
                              }
                              result.findings = *findings;
                              result.links = *links;
                              result.ok = true;
                              return result;
                          }));
}

void ReconciliationPage::cancel()
{
    if (m_cancelSlot) {
        m_cancelSlot->cancel();
        m_status->setText(tr("Cancelling…"));
    }
}

void ReconciliationPage::CancelSlot::attach(QueryCancel* cancel)
{
    QMutexLocker lock(&mutex);
    current = cancel;
    if (current && requested) {
        current->cancel();
    }
}

void ReconciliationPage::CancelSlot::cancel()
{
    QMutexLocker lock(&mutex);
    requested = true;
    if (current) {
        current->cancel();
    }
}

void ReconciliationPage::showFindings(const QList<Finding>& findings, const QList<FindingLink>& links)
{
    m_findings = findings;
    m_links = links;
    m_model->removeRows(0, m_model->rowCount());
    for (Finding::Kind kind : reconciliationKinds()) {
        QList<QList<QStandardItem*>> children;
        for (int i = 0; i < findings.size(); ++i) {
            const Finding& f = findings.at(i);
            if (f.kind != kind) {
                continue;
            }
            const FindingLink link = links.value(i);
            const TableSpec* spec = TableSpec::forPage(link.pageId);
            auto* row = new QStandardItem(rowTitle(f));
            auto* opens = new QStandardItem(
                link.searchText.isEmpty()
                    ? (spec ? spec->title : link.pageId)
                    : tr("%1: \u201C%2\u201D").arg(spec ? spec->title : link.pageId, link.searchText));
            auto* details = new QStandardItem(f.description);
            details->setToolTip(f.description);
            for (QStandardItem* item : {row, opens, details}) {
                item->setData(link.pageId, PageIdRole);
                item->setData(link.searchText, SearchTextRole);
                item->setData(i, FindingIndexRole);
            }
            children << QList<QStandardItem*>{row, opens, details};
        }
        auto* group = new QStandardItem(QStringLiteral("%1 (%2)").arg(Finding::kindLabel(kind)).arg(children.size()));
        QFont font = group->font();
        font.setBold(!children.isEmpty());
        group->setFont(font);
        if (children.isEmpty()) {
            group->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
        }
        group->setData(-1, FindingIndexRole);
        for (const auto& child : children) {
            group->appendRow(child);
        }
        auto* groupOpens = new QStandardItem();
        auto* groupDetails = new QStandardItem(children.isEmpty() ? tr("None") : QString());
        for (QStandardItem* item : {groupOpens, groupDetails}) {
            item->setData(-1, FindingIndexRole);
        }
        m_model->appendRow({group, groupOpens, groupDetails});
    }
    m_view->expandAll();
    m_export->setEnabled(true);
    m_status->setText(findings.isEmpty()     ? tr("No findings: orders, payments and enrollments agree")
                      : findings.size() == 1 ? tr("1 finding")
                                             : tr("%1 findings").arg(findings.size()));
}

void ReconciliationPage::open(const QModelIndex& index)
{
    if (!index.isValid() || index.data(FindingIndexRole).toInt() < 0) {
        return;
    }
    emit showRows(index.data(PageIdRole).toString(), index.data(SearchTextRole).toString());
}

bool ReconciliationPage::exportCsv(const QString& path, QString* error) const
{
    return Csv::writeFile(path, Csv::findings(m_findings), error);
}

void ReconciliationPage::exportCsvInteractive()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export findings"), QStringLiteral("reconciliation.csv"),
                                                      tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error)) {
        QMessageBox::warning(this, tr("Export findings"), error);
    }
}

std::unique_ptr<ExportSource> ReconciliationPage::exportSource() const
{
    return FindingsExport::source(m_findings);
}
