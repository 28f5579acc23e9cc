#pragma once

#include "pages/Page.h"
#include "reports/PaymentsQuery.h"

#include <QByteArray>

class PaymentsReviewModel;
class QCheckBox;
class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

// Payments review: payments filtered by status, method, date, amount, currency and a text search,
// sorted by any column, all on the server (PaymentsReviewModel), with the filtered set's count and
// sum per currency in the footer. With the Razorpay key secret (entered once per session, held in
// this page's memory only: never written to disk or settings) it verifies every captured payment's
// signature and can show only the ones that fail.
class PaymentsReviewPage : public Page
{
    Q_OBJECT
public:
    explicit PaymentsReviewPage(QSqlDatabase db, QWidget* parent = nullptr);
    ~PaymentsReviewPage() override;

    QString pageId() const override { return QStringLiteral("payments-review"); }
    QString title() const override { return tr("Payments review"); }
    void activate() override;
    void reload() override;
    bool isReady() const override { return m_ready; }
    std::unique_ptr<ExportSource> exportSource() const override;

    PaymentsReviewModel* model() const { return m_model; }
    QTableView* view() const { return m_view; }
    // The filter the boxes describe now (the model gets it after a short debounce).
    PaymentsFilter currentFilter() const;
    // Verifies every captured payment's signature with `secret` off the GUI thread; the table's
    // signature column and "show only failing" use the result. Empty: forget the secret.
    void setKeySecret(const QByteArray& secret);
    bool signaturesChecked() const { return m_signaturesChecked; }
    QString footerText() const;

private:
    void buildUi();
    void scheduleFilter();
    void applyFilter();
    void loadLists();
    void checkSignaturesClicked();
    void updateFooter();

    PaymentsReviewModel* m_model = nullptr;
    QTableView* m_view = nullptr;
    QComboBox* m_status = nullptr;
    QComboBox* m_method = nullptr;
    QComboBox* m_currency = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QLineEdit* m_minAmount = nullptr;
    QLineEdit* m_maxAmount = nullptr;
    QLineEdit* m_search = nullptr;
    QLineEdit* m_secret = nullptr;
    QPushButton* m_checkSignatures = nullptr;
    QCheckBox* m_onlyFailing = nullptr;
    QLabel* m_signatureStatus = nullptr;
    QLabel* m_footer = nullptr;
    QTimer* m_debounce = nullptr;

    QList<qint64> m_invalidSignatureIds;
    quint64 m_signatureRun = 0;
    bool m_signaturesChecked = false;
    bool m_started = false;
    bool m_ready = false;
};
