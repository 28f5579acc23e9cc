#include "DashboardPage.h"

#include "KpiTile.h"
#include "background/BackgroundQueries.h"
#include "charts/ChartView.h"
#include "finance/ReportsDatabasePrompt.h"
#include "money/Money.h"
#include "reports/Csv.h"
#include "reports/QueryCancelSlot.h"
#include "reports/ReportOutput.h"

#include <QComboBox>
#include <QDateEdit>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeySequence>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPdfWriter>
#include <QPushButton>
#include <QScrollArea>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

using DashboardQuery::Preset;

namespace {
struct TileSpec
{
    const char* key;
    const char* caption;
};
constexpr TileSpec tileSpecs[] = {{"gross", "Gross revenue"},
                                  {"refunds", "Refunds"},
                                  {"net", "Net revenue"},
                                  {"paidOrders", "Paid orders"},
                                  {"averageOrder", "Average order"},
                                  {"enrollments", "New enrollments"},
                                  {"successRate", "Payment success"}};
} // namespace

DashboardPage::DashboardPage(QSqlDatabase db, QWidget* parent) : Page(std::move(db), parent)
{
    setObjectName(QStringLiteral("page_dashboard"));
    buildUi();
}

DashboardPage::~DashboardPage() = default;

void DashboardPage::buildUi()
{
    auto* outer = new QVBoxLayout(this);
    auto* bar = new QHBoxLayout();
    auto add = [&](QWidget* w, const char* name) {
        w->setObjectName(QLatin1String(name));
        bar->addWidget(w);
        return w;
    };
    auto label = [&](const QString& text, const char* name) { add(new QLabel(text, this), name); };

    label(tr("Period:"), "dashboardPeriodLabel");
    m_preset = new QComboBox(this);
    m_preset->addItem(tr("This month"), int(Preset::ThisMonth));
    m_preset->addItem(tr("Last 30 days"), int(Preset::Last30Days));
    m_preset->addItem(tr("This quarter"), int(Preset::ThisQuarter));
    m_preset->addItem(tr("This year"), int(Preset::ThisYear));
    m_preset->addItem(tr("All time"), int(Preset::AllTime));
    m_preset->addItem(tr("Custom"), int(Preset::Custom));
    add(m_preset, "dashboardPreset");
    m_from = new QDateEdit(this);
    m_to = new QDateEdit(this);
    for (QDateEdit* edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("d MMM yyyy"));
    }
    add(m_from, "dashboardFrom");
    label(tr("to"), "dashboardToLabel");
    add(m_to, "dashboardTo");
    label(tr("By:"), "dashboardByLabel");
    m_granularity = new QComboBox(this);
    m_granularity->addItem(tr("Day"), int(Granularity::Day));
    m_granularity->addItem(tr("Week"), int(Granularity::Week));
    m_granularity->addItem(tr("Month"), int(Granularity::Month));
    add(m_granularity, "dashboardGranularity");
    label(tr("Currency:"), "dashboardCurrencyLabel");
    m_currency = new QComboBox(this);
    add(m_currency, "dashboardCurrency");
    label(tr("Course:"), "dashboardCourseLabel");
    m_course = new QComboBox(this);
    m_course->addItem(tr("All courses"), QString());
    m_course->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    add(m_course, "dashboardCourse");
    bar->addStretch();
    auto* csv = new QPushButton(tr("Export CSV…"), this);
    add(csv, "dashboardExportCsv");
    auto* pdf = new QPushButton(tr("Export PDF…"), this);
    add(pdf, "dashboardExportPdf");
    outer->addLayout(bar);

    auto* statusBar = new QHBoxLayout();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("dashboardStatus"));
    statusBar->addWidget(m_status, 1);
    // Enabled while the figures load: a long period on a large database can take a while.
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("dashboardCancel"));
    m_cancel->setToolTip(tr("Stop the running query (Esc)"));
    m_cancel->setShortcut(QKeySequence(Qt::Key_Escape));
    m_cancel->setEnabled(false);
    statusBar->addWidget(m_cancel);
    outer->addLayout(statusBar);

    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("dashboardScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* content = new QWidget(scroll);
    content->setObjectName(QStringLiteral("dashboardContent"));
    auto* grid = new QGridLayout(content);
    auto* tiles = new QHBoxLayout();
    for (const TileSpec& spec : tileSpecs) {
        auto* tile = new KpiTile(QLatin1String(spec.key), tr(spec.caption), content);
        m_tiles << tile;
        tiles->addWidget(tile);
    }
    grid->addLayout(tiles, 0, 0, 1, 2);
    for (int c = 0; c < DashboardCharts::Count; ++c) {
        m_charts[c] = new ChartView(DashboardCharts::objectName(DashboardCharts::Chart(c)), content);
        m_charts[c]->setMinimumHeight(320);
    }
    grid->addWidget(m_charts[DashboardCharts::Revenue], 1, 0, 1, 2);
    grid->addWidget(m_charts[DashboardCharts::Courses], 2, 0);
    grid->addWidget(m_charts[DashboardCharts::Methods], 2, 1);
    grid->addWidget(m_charts[DashboardCharts::OrderStatuses], 3, 0);
    grid->addWidget(m_charts[DashboardCharts::Enrollments], 3, 1);
    scroll->setWidget(content);
    outer->addWidget(scroll, 1);

    m_debounce = new QTimer(this);
    m_debounce->setObjectName(QStringLiteral("dashboardDebounce"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(150); // coalesce quick successive filter edits into one query
    connect(m_debounce, &QTimer::timeout, this, &DashboardPage::startRefresh);
    connect(m_preset, &QComboBox::currentIndexChanged, this, &DashboardPage::presetChanged);
    for (QDateEdit* edit : {m_from, m_to}) {
        connect(edit, &QDateEdit::dateChanged, this, [this] {
            if (!m_updating) {
                m_updating = true;
                m_preset->setCurrentIndex(m_preset->findData(int(Preset::Custom)));
                m_updating = false;
                scheduleRefresh();
            }
        });
    }
    for (QComboBox* box : {m_granularity, m_currency, m_course}) {
        connect(box, &QComboBox::currentIndexChanged, this, &DashboardPage::scheduleRefresh);
    }
    connect(m_cancel, &QPushButton::clicked, this, &DashboardPage::cancel);
    connect(pdf, &QPushButton::clicked, this, &DashboardPage::exportPdfInteractive);
    connect(csv, &QPushButton::clicked, this, &DashboardPage::exportCsvInteractive);
    m_updating = true;
    m_preset->setCurrentIndex(0);
    m_updating = false;
    presetChanged();
    m_debounce->stop(); // nothing runs before activate()
}

void DashboardPage::activate()
{
    if (!m_started) {
        m_started = true;
        startRefresh();
    }
}

void DashboardPage::reload()
{
    m_listsLoaded = false;
    startRefresh();
}

void DashboardPage::setPreset(Preset preset)
{
    m_preset->setCurrentIndex(m_preset->findData(int(preset)));
}

void DashboardPage::setCustomRange(QDate from, QDate toInclusive)
{
    m_updating = true;
    m_preset->setCurrentIndex(m_preset->findData(int(Preset::Custom)));
    m_from->setDate(from);
    m_to->setDate(toInclusive);
    m_granularity->setCurrentIndex(
        m_granularity->findData(int(DashboardQuery::defaultGranularity(from, toInclusive.addDays(1)))));
    m_updating = false;
    scheduleRefresh();
}

void DashboardPage::setCurrency(const QString& currency)
{
    const int index = m_currency->findData(currency);
    if (index >= 0) {
        m_currency->setCurrentIndex(index);
    }
}

void DashboardPage::presetChanged()
{
    if (m_updating) {
        return;
    }
    const auto preset = Preset(m_preset->currentData().toInt());
    const auto range = DashboardQuery::presetRange(preset, QDate::currentDate());
    if (range.first.isValid()) {
        m_updating = true;
        m_from->setDate(range.first);
        m_to->setDate(range.second.addDays(-1)); // the boxes show the last day, inclusive
        m_granularity->setCurrentIndex(
            m_granularity->findData(int(DashboardQuery::defaultGranularity(range.first, range.second))));
        m_updating = false;
    }
    scheduleRefresh();
}

void DashboardPage::scheduleRefresh()
{
    if (!m_updating && m_started) {
        m_debounce->start();
    }
}

void DashboardPage::startRefresh()
{
    m_debounce->stop();
    DashboardQuery::Request request;
    request.generation = ++m_generation;
    request.sourceConnection = database().connectionName();
    request.wantLists = !m_listsLoaded;
    request.allTime = Preset(m_preset->currentData().toInt()) == Preset::AllTime;
    request.filter.from = m_from->date();
    request.filter.to = m_to->date().addDays(1);
    request.filter.granularity = Granularity(m_granularity->currentData().toInt());
    request.filter.currency = m_currency->currentData().toString();
    request.filter.courseId = m_course->currentData().toString();
    request.filter.topCourses = 8;
    if (m_cancelSlot) {
        m_cancelSlot->cancel(); // superseded: stop its statement instead of letting it finish unseen
    }
    m_cancelSlot = std::make_shared<QueryCancelSlot>();
    request.cancel = m_cancelSlot;
    m_cancel->setEnabled(true);
    m_status->setText(tr("Loading…"));
    auto* watcher = new QFutureWatcher<DashboardQuery::Response>(this);
    connect(watcher, &QFutureWatcher<DashboardQuery::Response>::finished, this, [this, watcher] {
        watcher->deleteLater();
        apply(watcher->result());
    });
    watcher->setFuture(QtConcurrent::run(BackgroundQueries::pool(), &DashboardQuery::run, request));
}

void DashboardPage::apply(const DashboardQuery::Response& response)
{
    // Superseded by a newer request, or the user changed a filter since (a refresh is pending):
    // showing it would also write its dates back over the ones just chosen.
    if (response.generation != m_generation || m_debounce->isActive()) {
        return;
    }
    m_cancelSlot.reset();
    m_cancel->setEnabled(false);
    if (response.cancelled) {
        m_status->setText(tr("Cancelled"));
        emit statusMessage(tr("Dashboard: cancelled; the figures shown are from before."));
        return;
    }
    if (!response.ok) {
        m_status->setText(tr("Could not load the dashboard: %1").arg(response.error));
        emit statusMessage(m_status->text());
        // The reports database stopped or fell behind: once the user takes the primary, load there.
        if (ReportsDatabasePrompt::offerPrimaryAfterFailure(this, database().connectionName())) {
            startRefresh();
        }
        return;
    }
    m_updating = true;
    if (!response.currencies.isEmpty() || !m_listsLoaded) {
        m_currency->clear();
        QStringList currencies = response.currencies;
        if (!currencies.contains(response.filter.currency)) {
            currencies.prepend(response.filter.currency);
        }
        for (const QString& c : currencies) {
            m_currency->addItem(c, c);
        }
        const QString course = m_course->currentData().toString();
        m_course->clear();
        m_course->addItem(tr("All courses"), QString());
        for (const auto& [id, name] : response.courses) {
            m_course->addItem(name, id);
        }
        m_course->setCurrentIndex(std::max(0, m_course->findData(course)));
        m_listsLoaded = true;
    }
    m_currency->setCurrentIndex(m_currency->findData(response.filter.currency));
    m_from->setDate(response.filter.from);
    m_to->setDate(response.filter.to.addDays(-1));
    m_granularity->setCurrentIndex(m_granularity->findData(int(response.filter.granularity)));
    m_updating = false;

    m_result = response.result;
    m_shownCurrency = response.filter.currency;
    const CurrencyRevenue c = m_result.currencies.value(m_shownCurrency);
    const RevenueKpis& k = c.current;
    const RevenueKpis& p = c.previous;
    auto money = [&](qint64 minor) { return Money::format(minor, m_shownCurrency); };
    auto vs = [&](qint64 current, qint64 previous, const QString& prevText) {
        return tr("%1 vs %2").arg(RevenueMath::change(current, previous), prevText);
    };
    m_tiles[0]->setValue(money(k.grossMinor), vs(k.grossMinor, p.grossMinor, money(p.grossMinor)),
                         tr("%1 captured payments (COMPLETED or later REFUNDED)").arg(k.capturedPayments));
    m_tiles[1]->setValue(money(k.refundsMinor), vs(k.refundsMinor, p.refundsMinor, money(p.refundsMinor)),
                         tr("%1 refunds recorded in the period").arg(k.refundCount));
    m_tiles[2]->setValue(money(k.netMinor()), vs(k.netMinor(), p.netMinor(), money(p.netMinor())));
    m_tiles[3]->setValue(QString::number(k.paidOrders), vs(k.paidOrders, p.paidOrders, QString::number(p.paidOrders)));
    m_tiles[4]->setValue(money(k.averageOrderMinor()),
                         vs(k.averageOrderMinor(), p.averageOrderMinor(), money(p.averageOrderMinor())),
                         tr("Gross revenue ÷ paid orders, rounded half up to the minor unit"));
    m_tiles[5]->setValue(
        QString::number(m_result.newEnrollments),
        vs(m_result.newEnrollments, m_result.previousEnrollments, QString::number(m_result.previousEnrollments)));
    m_tiles[6]->setValue(RevenueMath::percent(k.successNumerator(), k.successDenominator()),
                         tr("previous %1").arg(RevenueMath::percent(p.successNumerator(), p.successDenominator())),
                         tr("%1 succeeded of %2 attempts (completed or refunded vs failed)")
                             .arg(k.successNumerator())
                             .arg(k.successDenominator()));
    for (int chart = 0; chart < DashboardCharts::Count; ++chart) {
        m_charts[chart]->setData(DashboardCharts::build(DashboardCharts::Chart(chart), m_result, m_shownCurrency));
    }
    m_status->setText(periodText());
    const bool first = !m_ready;
    m_ready = true;
    if (first) {
        emit ready();
    }
    emit refreshed();
}

void DashboardPage::cancel()
{
    if (m_cancelSlot) {
        m_cancelSlot->cancel();
        m_cancel->setEnabled(false);
        m_status->setText(tr("Cancelling…"));
    }
}

QString DashboardPage::periodText() const
{
    const RevenueFilter& f = m_result.filter;
    QString text = tr("%1 – %2 (%3), %4, previous period %5 – %6")
                       .arg(f.from.toString(QStringLiteral("d MMM yyyy")),
                            f.to.addDays(-1).toString(QStringLiteral("d MMM yyyy")), QString::fromUtf8(f.userZone.id()),
                            m_shownCurrency, f.period().previous().from().toString(QStringLiteral("d MMM yyyy")),
                            f.from.addDays(-1).toString(QStringLiteral("d MMM yyyy")));
    if (!f.courseId.isEmpty()) {
        text += tr(", course %1").arg(f.courseId);
    }
    return text;
}

bool DashboardPage::exportCsv(const QString& path, QString* error) const
{
    QList<QStringList> rows;
    const CurrencyRevenue c = m_result.currencies.value(m_shownCurrency);
    for (const auto& [metric, value] : ReportOutput::kpiFigures(c.current)) {
        rows << QStringList{QStringLiteral("KPIs"), metric, QStringLiteral("current"), value};
    }
    for (const auto& [metric, value] : ReportOutput::kpiFigures(c.previous)) {
        rows << QStringList{QStringLiteral("KPIs"), metric, QStringLiteral("previous"), value};
    }
    for (const ChartView* chart : m_charts) {
        const Charts::ChartData& d = chart->data();
        for (int i = 0; i < d.categories.size(); ++i) {
            for (const Charts::Series& s : d.series) {
                const qint64 v = s.values.value(i);
                rows << QStringList{d.title, d.categories.at(i), s.name,
                                    d.currency.isEmpty() ? QString::number(v) : Money::toDecimalString(v)};
            }
        }
    }
    return Csv::writeFile(path,
                          Csv::table({QStringLiteral("chart"), QStringLiteral("category"), QStringLiteral("series"),
                                      QStringLiteral("value")},
                                     rows),
                          error);
}

bool DashboardPage::exportPdf(const QString& path, QString* error) const
{
    QPdfWriter writer(path);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setPageOrientation(QPageLayout::Landscape);
    writer.setResolution(120);
    writer.setTitle(tr("Coursedesk revenue dashboard"));
    QPainter painter;
    if (!painter.begin(&writer)) {
        if (error) {
            *error = tr("Could not write %1").arg(path);
        }
        return false;
    }
    const QRect page = painter.viewport();
    QFont font = painter.font();
    font.setPointSize(14);
    font.setBold(true);
    painter.setFont(font);
    painter.drawText(QRect(0, 0, page.width(), 40), Qt::AlignLeft, tr("Revenue dashboard"));
    font.setPointSize(9);
    font.setBold(false);
    painter.setFont(font);
    painter.drawText(QRect(0, 40, page.width(), 24), Qt::AlignLeft, periodText());
    int x = 0;
    const int tileWidth = page.width() / int(m_tiles.size());
    int tilesHeight = 0;
    for (KpiTile* tile : m_tiles) {
        tilesHeight = qMax(tilesHeight, tile->paintTo(&painter, QRect(x, 70, tileWidth - 8, page.height() / 4)));
        x += tileWidth;
    }
    // Charts two to a row below the tiles, continuing on new pages.
    const int chartWidth = page.width() / 2 - 10;
    const int chartHeight = chartWidth * 52 / 100;
    int y = 70 + tilesHeight + 20;
    for (int i = 0; i < DashboardCharts::Count; ++i) {
        const int column = i % 2;
        if (column == 0 && y + chartHeight > page.height()) {
            writer.newPage();
            y = 0;
        }
        const QPixmap pixmap = m_charts[i]->render(QSize(900, 468));
        painter.drawPixmap(QRect(column * (chartWidth + 20), y, chartWidth, chartHeight), pixmap);
        if (column == 1 || i == DashboardCharts::Count - 1) {
            y += chartHeight + 16;
        }
    }
    return painter.end();
}

void DashboardPage::exportPdfInteractive()
{
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Export dashboard"), QStringLiteral("dashboard.pdf"), tr("PDF (*.pdf)"));
    QString error;
    if (!path.isEmpty() && !exportPdf(path, &error)) {
        QMessageBox::warning(this, tr("Export dashboard"), error);
    }
}

void DashboardPage::exportCsvInteractive()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export dashboard data"),
                                                      QStringLiteral("dashboard.csv"), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error)) {
        QMessageBox::warning(this, tr("Export dashboard data"), error);
    }
}
