#include "FieldErrors.h"

#include <QLabel>
#include <QWidget>

FieldErrors::FieldErrors(QWidget* root, QLabel* fallback) : m_root(root), m_fallback(fallback) {}

QString FieldErrors::fieldName(const QString& column)
{
    const QStringList parts = column.split(QLatin1Char('_'), Qt::SkipEmptyParts);
    QString name = parts.value(0);
    for (qsizetype i = 1; i < parts.size(); ++i) {
        name += parts.at(i).left(1).toUpper() + parts.at(i).mid(1);
    }
    return name;
}

void FieldErrors::clear()
{
    const auto labels = m_root->findChildren<QLabel*>();
    for (QLabel* label : labels) {
        if (label->objectName().endsWith(QLatin1String("Error"))) {
            label->clear();
            label->setVisible(false);
        }
    }
}

QLabel* FieldErrors::show(const QString& column, const QString& message)
{
    QLabel* label =
        column.isEmpty() ? nullptr : m_root->findChild<QLabel*>(fieldName(column) + QStringLiteral("Error"));
    if (!label) {
        label = m_fallback;
    }
    // Two rules broken by one field: both are listed.
    label->setText(label->text().isEmpty() ? message : label->text() + QLatin1Char('\n') + message);
    label->setVisible(true);
    return label;
}

void FieldErrors::show(const QList<RowValidator::Violation>& violations)
{
    for (const auto& v : violations) {
        show(v.column, v.message);
    }
}

QString FieldErrors::message(const QString& column) const
{
    const QLabel* label = m_root->findChild<QLabel*>(fieldName(column) + QStringLiteral("Error"));
    return label && label->isVisibleTo(m_root) ? label->text() : QString();
}
