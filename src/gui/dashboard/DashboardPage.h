#pragma once

#include "DashboardCharts.h"
#include "pages/Page.h"
#include "reports/DashboardQuery.h"

#include <array>
#include <memory>

class QPushButton;
class QueryCancelSlot;

class ChartView;
class KpiTile;
class QComboBox;
class QDateEdit;
class QLabel;
class QTimer;

// Revenue KPIs and five charts for a period, currency and course. Every filter change re-runs the
// report on a worker thread with its own connection; each request carries a generation number and
// only the newest one's answer is shown, so a slow old query can never overwrite a newer one.
class DashboardPage : public Page
{
    Q_OBJECT
public:
    explicit DashboardPage(QSqlDatabase db, QWidget* parent = nullptr);
    ~DashboardPage() override;

    QString pageId() const override { return QStringLiteral("dashboard"); }
    QString title() const override { return tr("Dashboard"); }
    void activate() override;
    void reload() override;
    bool isReady() const override { return m_ready; }

    // For tests and exports.
    ChartView* chart(DashboardCharts::Chart chart) const { return m_charts.at(chart); }
    const RevenueResult& result() const { return m_result; }
    QString currency() const { return m_shownCurrency; }
    quint64 generation() const { return m_generation; }
    void setPreset(DashboardQuery::Preset preset);
    void setCustomRange(QDate from, QDate toInclusive);
    void setCurrency(const QString& currency);
    bool exportPdf(const QString& path, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const; // KPIs + every chart's data
    bool isRunning() const { return m_cancelSlot != nullptr; }
    // Stops the running query on the server; the page then says "Cancelled" and keeps what it showed.
    void cancel();

signals:
    void refreshed();

private:
    void buildUi();
    void scheduleRefresh();
    void startRefresh();
    void apply(const DashboardQuery::Response& response);
    void presetChanged();
    void exportPdfInteractive();
    void exportCsvInteractive();
    QString periodText() const;

    QComboBox* m_preset = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QComboBox* m_granularity = nullptr;
    QComboBox* m_currency = nullptr;
    QComboBox* m_course = nullptr;
    QLabel* m_status = nullptr;
    QPushButton* m_cancel = nullptr;
    std::shared_ptr<QueryCancelSlot> m_cancelSlot; // the running request's, while it runs
    QTimer* m_debounce = nullptr;
    QList<KpiTile*> m_tiles;
    std::array<ChartView*, DashboardCharts::Count> m_charts{};

    quint64 m_generation = 0;
    bool m_ready = false;
    bool m_started = false;
    bool m_listsLoaded = false;
    bool m_updating = false; // filling filter boxes programmatically
    RevenueResult m_result;
    QString m_shownCurrency;
};
