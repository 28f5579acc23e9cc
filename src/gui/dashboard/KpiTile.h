#pragma once

#include <QFrame>

class QLabel;

// One figure on the dashboard: a caption, the value and its change against the previous period.
class KpiTile : public QFrame
{
public:
    KpiTile(const QString& key, const QString& caption, QWidget* parent = nullptr);
    void setValue(const QString& value, const QString& comparison, const QString& toolTip = {});
    QString value() const;

private:
    QLabel* m_value = nullptr;
    QLabel* m_comparison = nullptr;
};
