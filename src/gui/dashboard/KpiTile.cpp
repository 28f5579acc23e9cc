#include "KpiTile.h"

#include <QLabel>
#include <QPaintDevice>
#include <QPainter>
#include <QPixmap>
#include <QVBoxLayout>

// A label whose font steps down from its base size until its text fits its width.
class KpiValueLabel : public QLabel
{
public:
    explicit KpiValueLabel(QWidget* parent) : QLabel(parent) {}

    void setBaseFont(const QFont& font)
    {
        m_base = font;
        fit();
    }
    void setFigure(const QString& text)
    {
        setText(text);
        fit();
    }
    // Wants the width of the figure at full size, but accepts far less: the tile row must not
    // grow past the window, the font shrinks instead.
    QSize sizeHint() const override
    {
        const QFontMetrics metrics(m_base);
        const QMargins m = contentsMargins();
        return {metrics.horizontalAdvance(text()) + m.left() + m.right() + 2, metrics.height() + m.top() + m.bottom()};
    }
    QSize minimumSizeHint() const override { return {40, sizeHint().height()}; }

protected:
    void resizeEvent(QResizeEvent* event) override
    {
        QLabel::resizeEvent(event);
        fit();
    }

private:
    void fit()
    {
        QFont font = m_base;
        const int available = contentsRect().width();
        while (font.pointSizeF() > 6.0 && QFontMetrics(font).horizontalAdvance(text()) > available) {
            font.setPointSizeF(font.pointSizeF() - 0.5);
        }
        if (font != this->font()) {
            setFont(font);
        }
    }

    QFont m_base;
};

KpiTile::KpiTile(const QString& key, const QString& caption, QWidget* parent) : QFrame(parent)
{
    setObjectName(QStringLiteral("kpi_") + key);
    setFrameShape(QFrame::StyledPanel);
    setMinimumWidth(120);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->setSpacing(2);
    auto* title = new QLabel(caption, this);
    title->setObjectName(QStringLiteral("kpiCaption_") + key);
    title->setStyleSheet(QStringLiteral("color: palette(dark);"));
    m_value = new KpiValueLabel(this);
    m_value->setObjectName(QStringLiteral("kpiValue_") + key);
    QFont big = m_value->font();
    big.setPointSizeF(big.pointSizeF() * 1.5);
    big.setBold(true);
    m_value->setBaseFont(big);
    m_value->setFigure(QStringLiteral("–"));
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
    m_value->setFigure(value);
    m_comparison->setText(comparison);
    setToolTip(toolTip.isEmpty() ? value : toolTip);
}

QString KpiTile::value() const
{
    return m_value->text();
}

QLabel* KpiTile::valueLabel() const
{
    return m_value;
}

int KpiTile::paintTo(QPainter* painter, const QRect& target)
{
    // Widget geometry is in screen pixels; the PDF has more dots per inch, so fonts drawn straight
    // onto it come out larger than the tile around them and get cut. Draw a picture instead.
    const qreal scale = qreal(painter->device()->logicalDpiX()) / logicalDpiX();
    if (!isVisible()) {
        resize(qRound(target.width() / scale), sizeHint().height());
    }
    const QPixmap picture = grab();
    const QSize drawn = picture.size().scaled(target.size(), Qt::KeepAspectRatio);
    painter->drawPixmap(QRect(target.topLeft(), drawn), picture);
    return drawn.height();
}
