#pragma once

#include <QDialog>
#include <QSqlDatabase>
#include <QVariant>

class CodeComboBox;
class FieldErrors;
class MoneyEdit;
class QLabel;
class QLineEdit;
class RelationPicker;

// Records a payment for an order (PaymentService::recordPayment): the order is picked by its
// number with type-ahead, the amount starts at the order's amount, and a mismatch or a repeated
// Razorpay payment id is answered by the service, next to the field.
class RecordPaymentDialog : public QDialog
{
    Q_OBJECT
public:
    RecordPaymentDialog(QSqlDatabase db, const QVariant& orderId, QWidget* parent = nullptr);
    ~RecordPaymentDialog() override;

    bool record();
    QString resultText() const;
    void setOrder(const QVariant& orderId);

signals:
    void recorded(const QVariant& orderId);

private:
    QSqlDatabase m_db;
    QVariant m_orderId;
    RelationPicker* m_order;
    QLabel* m_summary;
    MoneyEdit* m_amount;
    CodeComboBox* m_status;
    QLineEdit* m_method;
    QLineEdit* m_paymentId;
    QLineEdit* m_signature;
    QLabel* m_result;
    std::unique_ptr<FieldErrors> m_errors;
};
