#pragma once

#include "pages/Page.h"
#include "reports/FindingLocator.h"
#include "reports/Reconciliation.h"

#include <QMutex>

#include <memory>

class QueryCancel;
class QLabel;
class QPushButton;
class QStandardItemModel;
class QTreeView;

// Runs Reconciliation on a pool thread (its own connection) and lists the findings grouped by kind,
// one group per kind with its count. Exports them as CSV (Csv::findings, the same file as
// `coursedesk report reconcile --format csv`).
//
// Opening a finding's rows: double-clicking (or Enter on) a finding emits
//     showRows(pageId, searchText)
// where pageId is the table page's id (TableSpec::pageId: "orders", "payments", "enrollments",
// "users", "courses", "business") and searchText a value that page's search box finds the row by
// (order number, Razorpay payment id, email or course id; see FindingLocator). The main window
// routes it: switch to that page and put searchText into its search box.
class ReconciliationPage : public Page
{
    Q_OBJECT
public:
    enum Role {
        PageIdRole = Qt::UserRole + 1,
        SearchTextRole,
        FindingIndexRole, // index into findings(); -1 on group rows
    };

    explicit ReconciliationPage(QSqlDatabase db, QWidget* parent = nullptr);
    ~ReconciliationPage() override;

    QString pageId() const override { return QStringLiteral("reconciliation"); }
    QString title() const override { return tr("Reconciliation"); }
    void activate() override;
    void reload() override;
    bool isReady() const override { return m_ready; }
    std::unique_ptr<ExportSource> exportSource() const override;

    const QList<Finding>& findings() const { return m_findings; }
    const QList<FindingLink>& links() const { return m_links; }
    QStandardItemModel* model() const { return m_model; }
    QTreeView* view() const { return m_view; }
    bool isRunning() const { return m_running; }
    // Starts a run (a newer run supersedes one still going, and cancels its statement).
    void run();
    // Stops the running check (Cancel button): its statement is cancelled on the server.
    void cancel();
    bool exportCsv(const QString& path, QString* error = nullptr) const;

signals:
    // See the class comment. The main window switches to `pageId` and searches for `searchText`.
    void showRows(const QString& pageId, const QString& searchText);
    // Emitted after every completed run (also when it failed).
    void finished();

private:
    void buildUi();
    void showFindings(const QList<Finding>& findings, const QList<FindingLink>& links);
    void open(const QModelIndex& index);
    void exportCsvInteractive();

    // Hands the Cancel button the worker's QueryCancel while a run has one; a cancel that comes
    // first is applied as soon as the worker attaches.
    struct CancelSlot
    {
        QMutex mutex;
        QueryCancel* current = nullptr;
        bool requested = false;
        void attach(QueryCancel* cancel);
        void cancel();
    };

    QStandardItemModel* m_model = nullptr;
    QTreeView* m_view = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_run = nullptr;
    QPushButton* m_export = nullptr;
    QPushButton* m_cancel = nullptr;
    std::shared_ptr<CancelSlot> m_cancelSlot;
    QList<Finding> m_findings;
    QList<FindingLink> m_links;
    quint64 m_generation = 0;
    bool m_running = false;
    bool m_started = false;
    bool m_ready = false;
};
