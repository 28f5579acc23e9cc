#pragma once

#include "ChartData.h"

#include <QWidget>

class QLabel;
class QStackedWidget;

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
QT_END_NAMESPACE

// Our one chart widget. Pages describe a chart with Charts::ChartData and call setData(); only this
// folder knows QtCharts (deprecated from Qt 6.10; the move to Qt Graphs should touch nothing else).
// Shows "No data in this period" instead of an empty plot, exact amounts in tooltips, and value
// axes labelled with currency at round integer steps.
class ChartView : public QWidget
{
    Q_OBJECT
public:
    explicit ChartView(const QString& name, QWidget* parent = nullptr);
    ~ChartView() override;

    void setData(const Charts::ChartData& data);
    const Charts::ChartData& data() const { return m_data; }
    bool isShowingEmptyMessage() const;

    // The chart (or the empty message) drawn at `size`, for PNG and PDF export.
    QPixmap render(const QSize& size) const;
    bool exportPng(const QString& path, QString* error = nullptr) const;
    bool exportCsv(const QString& path, QString* error = nullptr) const;

private:
    void rebuild();
    void showTip(const QString& category, const QString& series, qint64 value);
    void exportPngInteractive();
    void exportCsvInteractive();

    Charts::ChartData m_data;
    QStackedWidget* m_stack = nullptr;
    QChartView* m_view = nullptr;
    QLabel* m_empty = nullptr;
};
