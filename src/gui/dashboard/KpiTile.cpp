#include "KpiTile.h"

#include <QLabel>
#include <QVBoxLayout>

KpiTile::KpiTile(const QString& key, const QString& caption, QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("kpi_") + key);
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(150);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(2);
    auto* title = new QLabel(caption, this);
    title->setObjectName(QStringLiteral("kpiCaption_") + key);
    title->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_value = new QLabel(QStringLiteral("–"), this);
    m_value->setObjectName(QStringLiteral("kpiValue_") + key);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_value->setFont(big);
    m_value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_comparison = new QLabel(this);
    m_comparison->setObjectName(QStringLiteral("kpiChange_") + key);
    m_comparison->setStyleSheet(QStringLiteral("color: palette(dark);"));
    layout->addWidget(title);
    layout->addWidget(m_value);
    layout->addWidget(m_comparison);
}

void KpiTile::setValue(const QString& value, const QString& comparison, const QString& toolTip)
{
    m_value->setText(value);
    m_comparison->setText(comparison);
    setToolTip(toolTip);
}

QString KpiTile::value() const
{
    return m_value->text();
}
