#pragma once

#include <QFrame>

class QLabel;
class QPainter;
class KpiValueLabel;

// One figure on the dashboard: a caption, the value and its change against the previous period.
// The value's font shrinks as far as needed for the whole figure to show in the tile's width
// ("₹2,70,49,720.00" is never cut), on screen and in the PDF export.
class KpiTile : public QFrame
{
public:
    KpiTile(const QString& key, const QString& caption, QWidget* parent = nullptr);
    void setValue(const QString& value, const QString& comparison, const QString& toolTip = {});
    QString value() const;
    QLabel* valueLabel() const;

    // Draws the tile into `target` of a painter on another device (the PDF): rendered at screen
    // resolution and scaled, so text keeps its place whatever the device's resolution. A hidden
    // tile is first laid out at the target's size. Returns the height drawn.
    int paintTo(QPainter* painter, const QRect& target);

private:
    KpiValueLabel* m_value = nullptr;
    QLabel* m_comparison = nullptr;
};
