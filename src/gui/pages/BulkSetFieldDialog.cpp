#include "BulkSetFieldDialog.h"

#include "domain/RowValidator.h"
#include "money/Money.h"
#include "services/BulkUpdate.h"

#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace {
using K = ColumnSpec::Kind;
enum Editor { TextEditor, EnumEditor, TimeEditor };
} // namespace

BulkSetFieldDialog::BulkSetFieldDialog(const TableSpec& spec, int rowCount, QWidget* parent)
    : QDialog(parent), m_spec(spec)
{
    setObjectName(QStringLiteral("bulkSetFieldDialog"));
    setWindowTitle(rowCount == 1 ? tr("Set a field on 1 row") : tr("Set a field on %1 rows").arg(rowCount));
    m_column = new QComboBox(this);
    m_column->setObjectName(QStringLiteral("bulkColumnCombo"));
    for (const ColumnSpec& c : std::as_const(m_spec.columns)) {
        if (BulkUpdate::isBulkEditable(m_spec, c.name)) {
            m_column->addItem(c.header, c.name);
        }
    }
    m_editors = new QStackedWidget(this);
    m_editors->setObjectName(QStringLiteral("bulkValueEditors"));
    m_text = new QLineEdit(m_editors);
    m_text->setObjectName(QStringLiteral("bulkTextEdit"));
    m_enum = new QComboBox(m_editors);
    m_enum->setObjectName(QStringLiteral("bulkValueCombo"));
    m_time = new QDateTimeEdit(QDateTime::currentDateTime(), m_editors);
    m_time->setObjectName(QStringLiteral("bulkTimeEdit"));
    m_time->setCalendarPopup(true);
    m_time->setDisplayFormat(QStringLiteral("d MMM yyyy HH:mm"));
    m_editors->insertWidget(TextEditor, m_text);
    m_editors->insertWidget(EnumEditor, m_enum);
    m_editors->insertWidget(TimeEditor, m_time);
    // As tall as one line editor, whichever page is shown.
    m_editors->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_editors->setFixedHeight(m_text->sizeHint().height());
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("bulkValueError"));
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->setWordWrap(true);
    m_error->setVisible(false);
    auto* note = new QLabel(tr("Written to the %1 selected rows in one transaction when you press Set; a row "
                               "someone else changed stops it and nothing is written. Statuses and amounts that "
                               "workflows own (payments, refunds, enrollments) are not offered.")
                                .arg(rowCount),
                            this);
    note->setObjectName(QStringLiteral("bulkNote"));
    note->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->setObjectName(QStringLiteral("bulkButtons"));
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Set"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(m_column->count() > 0);

    auto* form = new QFormLayout;
    form->addRow(tr("Column:"), m_column);
    form->addRow(tr("Value:"), m_editors);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(note);
    layout->addWidget(m_buttons);
    setMinimumWidth(420);

    connect(m_column, &QComboBox::currentIndexChanged, this, &BulkSetFieldDialog::showEditor);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &BulkSetFieldDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_text, &QLineEdit::textChanged, m_error, &QLabel::hide);
    showEditor();
}

QString BulkSetFieldDialog::column() const
{
    return m_column->currentData().toString();
}

void BulkSetFieldDialog::showEditor()
{
    const ColumnSpec* c = m_spec.column(column());
    m_error->hide();
    if (!c) {
        return;
    }
    if (c->kind == K::Enum) {
        m_enum->clear();
        for (const QString& value : PlatformValues::values(c->enumKind)) {
            m_enum->addItem(PlatformValues::label(c->enumKind, value), value);
        }
        m_editors->setCurrentIndex(EnumEditor);
    } else if (c->kind == K::Timestamp) {
        m_editors->setCurrentIndex(TimeEditor);
    } else {
        m_text->clear();
        m_text->setPlaceholderText(c->kind == K::Money ? tr("e.g. 5999.00") : QString());
        m_editors->setCurrentIndex(TextEditor);
    }
}

QString BulkSetFieldDialog::error() const
{
    const ColumnSpec* c = m_spec.column(column());
    if (!c) {
        return tr("No column can be set on many rows here");
    }
    if (c->kind == K::Money) {
        const auto minor = Money::parseMinor(m_text->text().trimmed());
        if (!minor) {
            return tr("%1: \u201C%2\u201D is not an amount").arg(c->header, m_text->text().trimmed());
        }
    }
    const QVariant v = value();
    const auto violations = RowValidator::validate(m_spec, {{c->name, v}}, {c->name});
    for (const auto& violation : violations) {
        if (violation.column == c->name) {
            return violation.message;
        }
    }
    return QString();
}

QVariant BulkSetFieldDialog::value() const
{
    const ColumnSpec* c = m_spec.column(column());
    if (!c) {
        return QVariant();
    }
    switch (c->kind) {
    case K::Enum:
        return m_enum->currentData();
    case K::Timestamp:
        return m_time->dateTime();
    case K::Money: {
        const auto minor = Money::parseMinor(m_text->text().trimmed());
        return minor ? QVariant(Money::toDecimalString(*minor)) : QVariant();
    }
    default: {
        const QString text = m_text->text().trimmed();
        return text.isEmpty() ? QVariant(QMetaType::fromType<QString>()) : QVariant(text);
    }
    }
}

void BulkSetFieldDialog::accept()
{
    if (const QString why = error(); !why.isEmpty()) {
        m_error->setText(why);
        m_error->show();
        return;
    }
    QDialog::accept();
}
