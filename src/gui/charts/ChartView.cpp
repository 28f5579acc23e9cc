#include "ChartView.h"

#include "ChartAxes.h"
#include "reports/Csv.h"

#include <QAction>
#include <QCursor>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QStackedWidget>
#include <QToolTip>
#include <QVBoxLayout>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QBarSeries>
#include <QtCharts/QBarSet>
#include <QtCharts/QCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QHorizontalBarSeries>
#include <QtCharts/QLineSeries>
#include <QtCharts/QPieSeries>

#include <algorithm>

namespace {
// The chart library positions points in qreal: amounts are converted for drawing only; labels and
// tooltips are formatted from the exact integers.
qreal plot(qint64 value)
{
    return static_cast<qreal>(value);
}

const QList<QColor>& seriesColors()
{
    static const QList<QColor> colors = {QColor(0x2f, 0x6f, 0xb5), QColor(0xd9, 0x53, 0x4f), QColor(0x3f, 0xa3, 0x6b),
                                         QColor(0xf0, 0xad, 0x4e), QColor(0x7e, 0x57, 0xc2), QColor(0x26, 0xa6, 0x9a),
                                         QColor(0x8d, 0x6e, 0x63), QColor(0x9e, 0x9e, 0x9e)};
    return colors;
}
} // namespace

ChartView::ChartView(const QString& name, QWidget* parent) : QWidget(parent)
{
    setObjectName(name);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(name + QStringLiteral("Stack"));
    auto* chart = new QChart();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 28, 4)); // room for the last value label
    m_view = new QChartView(chart, m_stack);
    m_view->setObjectName(name + QStringLiteral("View"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_empty = new QLabel(m_stack);
    m_empty->setObjectName(name + QStringLiteral("EmptyMessage"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setStyleSheet(QStringLiteral("color: palette(mid); font-size: 14px;"));
    m_stack->addWidget(m_view);
    m_stack->addWidget(m_empty);
    layout->addWidget(m_stack);
    setMinimumHeight(260);

    auto* png = new QAction(tr("Export chart as PNG…"), this);
    png->setObjectName(name + QStringLiteral("ExportPng"));
    connect(png, &QAction::triggered, this, &ChartView::exportPngInteractive);
    auto* csv = new QAction(tr("Export chart data as CSV…"), this);
    csv->setObjectName(name + QStringLiteral("ExportCsv"));
    connect(csv, &QAction::triggered, this, &ChartView::exportCsvInteractive);
    addAction(png);
    addAction(csv);
    setContextMenuPolicy(Qt::ActionsContextMenu);
    rebuild();
}

ChartView::~ChartView() = default;

void ChartView::setData(const Charts::ChartData& data)
{
    m_data = data;
    rebuild();
}

bool ChartView::isShowingEmptyMessage() const
{
    return m_stack->currentWidget() == m_empty;
}

void ChartView::showTip(const QString& category, const QString& series, qint64 value)
{
    QToolTip::showText(
        QCursor::pos(),
        QStringLiteral("<b>%1</b><br>%2: %3")
            .arg(category.toHtmlEscaped(), series.toHtmlEscaped(), m_data.formatValue(value).toHtmlEscaped()),
        this);
}

void ChartView::rebuild()
{
    QChart* chart = m_view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
    chart->setTitle(m_data.title);
    m_empty->setText(
        QStringLiteral("<b>%1</b><br><br>%2").arg(m_data.title.toHtmlEscaped(), m_data.emptyMessage.toHtmlEscaped()));
    if (m_data.categories.isEmpty() || m_data.series.isEmpty() || m_data.isEmpty()) {
        m_stack->setCurrentWidget(m_empty);
        return;
    }
    m_stack->setCurrentWidget(m_view);
    const QStringList& categories = m_data.categories;

    if (m_data.kind == Charts::Kind::Pie) {
        auto* pie = new QPieSeries(chart);
        const Charts::Series& s = m_data.series.first();
        qint64 total = 0;
        for (qint64 v : s.values) {
            total += std::max<qint64>(v, 0);
        }
        for (int i = 0; i < categories.size() && i < s.values.size(); ++i) {
            const qint64 v = s.values.at(i);
            if (v <= 0) {
                continue;
            }
            // Percent for the label from integers, tenths rounded half up.
            const qint64 tenths = (2000 * v + total) / (2 * total);
            auto* slice = pie->append(
                QStringLiteral("%1 %2.%3%").arg(categories.at(i)).arg(tenths / 10).arg(tenths % 10), plot(v));
            slice->setColor(seriesColors().at(i % seriesColors().size()));
            const QString category = categories.at(i);
            connect(slice, &QPieSlice::hovered, this, [this, slice, category, v, name = s.name](bool on) {
                slice->setExploded(on);
                if (on) {
                    showTip(category, name, v);
                }
            });
        }
        pie->setPieSize(0.7);
        chart->addSeries(pie);
        chart->legend()->setAlignment(Qt::AlignRight);
        return;
    }
    chart->legend()->setAlignment(Qt::AlignBottom);
    qint64 lo = 0;
    qint64 hi = 0;
    for (const Charts::Series& s : m_data.series) {
        for (qint64 v : s.values) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
    }
    const QList<qint64> ticks = ChartAxes::ticks(lo, hi);
    auto* valueAxis = new QCategoryAxis();
    valueAxis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    valueAxis->setRange(plot(ticks.first()), plot(ticks.last()));
    for (qint64 t : ticks) {
        valueAxis->append(m_data.axisLabel(t), plot(t));
    }
    valueAxis->setStartValue(plot(ticks.first()));
    auto* categoryAxis = new QBarCategoryAxis();
    categoryAxis->append(categories);
    const bool horizontal = m_data.kind == Charts::Kind::HorizontalBars;
    if (!horizontal && categories.size() > 8) {
        categoryAxis->setLabelsAngle(-90); // upright labels would overlap; slanted ones get elided
    }
    chart->addAxis(categoryAxis, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    chart->addAxis(valueAxis, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    chart->legend()->setVisible(m_data.series.size() > 1);

    if (m_data.kind == Charts::Kind::Line) {
        // A line over many days: a label on every step-th point only. Bar-category labels for all
        // 30+ points would be elided to nothing in a half-width chart.
        QAbstractAxis* xAxis = categoryAxis;
        if (categories.size() > 8) {
            chart->removeAxis(categoryAxis);
            delete categoryAxis;
            auto* sparse = new QCategoryAxis();
            sparse->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
            sparse->setRange(0, categories.size() - 1);
            const int step = int((categories.size() + 7) / 8);
            for (int i = 0; i < categories.size(); i += step) {
                sparse->append(categories.at(i), i);
            }
            chart->addAxis(sparse, Qt::AlignBottom);
            xAxis = sparse;
        }
        for (int si = 0; si < m_data.series.size(); ++si) {
            const Charts::Series& s = m_data.series.at(si);
            auto* line = new QLineSeries(chart);
            line->setName(s.name);
            line->setColor(seriesColors().at(si % seriesColors().size()));
            line->setPointsVisible(categories.size() <= 60);
            QList<QPointF> points;
            for (int i = 0; i < s.values.size(); ++i) {
                points << QPointF(i, plot(s.values.at(i)));
            }
            line->replace(points); // one call, not point by point
            chart->addSeries(line);
            line->attachAxis(xAxis);
            line->attachAxis(valueAxis);
            connect(line, &QLineSeries::hovered, this, [this, s](const QPointF& point, bool on) {
                const int i = qBound(0, qRound(point.x()), int(s.values.size()) - 1);
                if (on && i < m_data.categories.size()) {
                    showTip(m_data.categories.at(i), s.name, s.values.at(i));
                }
            });
        }
        return;
    }
    QAbstractBarSeries* bars = horizontal ? static_cast<QAbstractBarSeries*>(new QHorizontalBarSeries(chart))
                                          : static_cast<QAbstractBarSeries*>(new QBarSeries(chart));
    for (int si = 0; si < m_data.series.size(); ++si) {
        const Charts::Series& s = m_data.series.at(si);
        auto* set = new QBarSet(s.name);
        set->setColor(seriesColors().at(si % seriesColors().size()));
        QList<qreal> values;
        for (qint64 v : s.values) {
            values << plot(v);
        }
        set->append(values);
        connect(set, &QBarSet::hovered, this, [this, s](bool on, int index) {
            if (on && index >= 0 && index < s.values.size() && index < m_data.categories.size()) {
                showTip(m_data.categories.at(index), s.name, s.values.at(index));
            }
        });
        bars->append(set);
    }
    chart->addSeries(bars);
    bars->attachAxis(categoryAxis);
    bars->attachAxis(valueAxis);
}

QPixmap ChartView::render(const QSize& size) const
{
    QPixmap pixmap(size);
    pixmap.fill(Qt::white);
    QWidget* shown = m_stack->currentWidget();
    const QSize old = shown->size();
    // Grab at the requested size so exports do not depend on the window's current layout.
    shown->resize(size);
    shown->render(&pixmap);
    shown->resize(old);
    return pixmap;
}

bool ChartView::exportPng(const QString& path, QString* error) const
{
    const QSize size = m_stack->currentWidget()->size().expandedTo(QSize(900, 500));
    if (!render(size).save(path, "PNG")) {
        if (error) {
            *error = tr("Could not write %1").arg(path);
        }
        return false;
    }
    return true;
}

bool ChartView::exportCsv(const QString& path, QString* error) const
{
    return Csv::writeFile(path, m_data.csv(), error);
}

void ChartView::exportPngInteractive()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart"), m_data.title + QStringLiteral(".png"),
                                                      tr("PNG image (*.png)"));
    QString error;
    if (!path.isEmpty() && !exportPng(path, &error)) {
        QMessageBox::warning(this, tr("Export chart"), error);
    }
}

void ChartView::exportCsvInteractive()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export chart data"),
                                                      m_data.title + QStringLiteral(".csv"), tr("CSV (*.csv)"));
    QString error;
    if (!path.isEmpty() && !exportCsv(path, &error)) {
        QMessageBox::warning(this, tr("Export chart data"), error);
    }
}
