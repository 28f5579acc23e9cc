#include "RecordPaymentDialog.h"

#include "CodeComboBox.h"
#include "FieldErrors.h"
#include "MoneyEdit.h"
#include "RelationPicker.h"
#include "money/Money.h"
#include "services/PaymentService.h"
#include "services/RelationLookup.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace {
QLabel* errorLabel(const QString& name, QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("color: #b3261e;"));
    label->setVisible(false);
    return label;
}
} // namespace

RecordPaymentDialog::RecordPaymentDialog(QSqlDatabase db, const QVariant& orderId, QWidget* parent)
    : QDialog(parent), m_db(std::move(db))
{
    setObjectName(QStringLiteral("recordPaymentDialog"));
    setWindowTitle(tr("Record payment"));
    m_order = new RelationPicker(QStringLiteral("order"), this);
    m_order->setPlaceholderText(tr("Type an order number (ORD…)"));
    const ColumnSpec* orderColumn = TableSpec::forTable(QStringLiteral("payments"))->column(QStringLiteral("order_id"));
    m_order->setLookup([this, orderColumn](const QString& text) {
        QList<RelationPicker::Match> out;
        for (const auto& m : RelationLookup::firstMatches(m_db, *orderColumn, text)) {
            out.append({m.key, m.display});
        }
        return out;
    });
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("orderSummaryLabel"));
    m_summary->setWordWrap(true);
    m_amount = new MoneyEdit(this);
    m_amount->setObjectName(QStringLiteral("amountEdit"));
    m_status = new CodeComboBox(this);
    m_status->setObjectName(QStringLiteral("statusCombo"));
    m_status->setKind(PlatformValues::Kind::PaymentStatus);
    m_status->setCode(PlatformValues::Payment::completed);
    m_method = new QLineEdit(QStringLiteral("Razorpay"), this);
    m_method->setObjectName(QStringLiteral("paymentMethodEdit"));
    m_method->setMaxLength(50);
    m_paymentId = new QLineEdit(this);
    m_paymentId->setObjectName(QStringLiteral("razorpayPaymentIdEdit"));
    m_paymentId->setPlaceholderText(QStringLiteral("pay_…"));
    m_paymentId->setMaxLength(100);
    m_signature = new QLineEdit(this);
    m_signature->setObjectName(QStringLiteral("razorpaySignatureEdit"));
    m_signature->setMaxLength(255);
    m_result = errorLabel(QStringLiteral("formError"), this);

    auto* form = new QFormLayout;
    form->addRow(tr("&Order"), m_order);
    form->addRow(QString(), errorLabel(QStringLiteral("orderIdError"), this));
    form->addRow(QString(), m_summary);
    form->addRow(tr("&Amount"), m_amount);
    form->addRow(QString(), errorLabel(QStringLiteral("amountError"), this));
    form->addRow(tr("&Status"), m_status);
    form->addRow(QString(), errorLabel(QStringLiteral("statusError"), this));
    form->addRow(tr("&Method"), m_method);
    form->addRow(tr("Razorpay &payment id"), m_paymentId);
    form->addRow(tr("Razorpay si&gnature"), m_signature);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->setObjectName(QStringLiteral("buttonBox"));
    auto* recordButton = buttons->addButton(tr("Record payment"), QDialogButtonBox::AcceptRole);
    recordButton->setObjectName(QStringLiteral("recordButton"));
    buttons->button(QDialogButtonBox::Cancel)->setObjectName(QStringLiteral("cancelButton"));
    connect(recordButton, &QPushButton::clicked, this, &RecordPaymentDialog::record);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_order, &RelationPicker::picked, this, &RecordPaymentDialog::setOrder);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_result);
    layout->addWidget(buttons);
    m_errors = std::make_unique<FieldErrors>(this, m_result);
    if (orderId.isValid()) {
        setOrder(orderId);
    }
    resize(480, 520);
}

RecordPaymentDialog::~RecordPaymentDialog() = default;

void RecordPaymentDialog::setOrder(const QVariant& orderId)
{
    m_orderId = orderId;
    const auto order = PaymentService::order(m_db, orderId);
    if (!order) {
        m_summary->setText(tr("No such order"));
        return;
    }
    if (m_order->key() != orderId) {
        m_order->setKey(orderId, order->orderNumber);
    }
    m_summary->setText(tr("%1 \u2014 %2, %3, %4")
                           .arg(order->userEmail, order->courseName, Money::format(order->amountMinor, order->currency),
                                PlatformValues::label(PlatformValues::Kind::OrderStatus, order->status)));
    m_amount->setCurrency(order->currency);
    m_amount->setMinorUnits(order->amountMinor);
}

bool RecordPaymentDialog::record()
{
    m_errors->clear();
    if (!m_orderId.isValid()) {
        m_errors->show(QStringLiteral("order_id"), tr("Pick the order this payment is for"));
        return false;
    }
    const auto amount = m_amount->minorUnits();
    if (!amount) {
        m_errors->show(QStringLiteral("amount"), tr("Enter the amount paid, e.g. 5999.00"));
        return false;
    }
    PaymentService::PaymentInput input;
    input.orderId = m_orderId;
    input.amountMinor = *amount;
    input.status = m_status->code();
    input.paymentMethod = m_method->text();
    input.razorpayPaymentId = m_paymentId->text();
    input.razorpaySignature = m_signature->text();
    const ServiceResult result = PaymentService::recordPayment(m_db, input);
    if (!result.ok) {
        m_errors->show(result.column, result.message);
        return false;
    }
    m_result->setStyleSheet(QString());
    m_result->setText(result.message);
    m_result->setVisible(true);
    emit recorded(m_orderId);
    accept();
    return true;
}

QString RecordPaymentDialog::resultText() const
{
    return m_result->text();
}
