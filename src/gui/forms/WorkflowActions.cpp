#include "WorkflowActions.h"

#include "Prompt.h"
#include "ReasonPrompt.h"
#include "RecordPaymentDialog.h"
#include "domain/PlatformValues.h"
#include "services/PaymentService.h"

#include <QObject>

namespace WorkflowActions {

namespace PV = PlatformValues;

std::optional<ServiceResult> refund(QWidget* parent, const QSqlDatabase& db, const QVariant& paymentId)
{
    const auto summary = paymentId.isValid() ? PaymentService::refundSummary(db, paymentId) : std::nullopt;
    if (!summary) {
        return std::nullopt;
    }
    if (Prompt::ask(parent, QObject::tr("Refund"), summary->question(), Prompt::Yes | Prompt::Cancel, Prompt::Cancel) !=
        Prompt::Yes) {
        return std::nullopt;
    }
    const auto reason =
        ReasonPrompt::ask(parent, QObject::tr("Refund"), QObject::tr("Reason (kept in the audit log):"));
    if (!reason) {
        return std::nullopt;
    }
    return PaymentService::refund(db, paymentId, *reason);
}

std::optional<ServiceResult> changeEnrollment(QWidget* parent, const QSqlDatabase& db, const QVariant& enrollmentId,
                                              EnrollmentService::Action action, const QString& title)
{
    if (!enrollmentId.isValid()) {
        return std::nullopt;
    }
    const auto reason =
        ReasonPrompt::ask(parent, QString(title).remove(QChar(0x2026)), QObject::tr("Reason (kept in the audit log):"));
    if (!reason) {
        return std::nullopt;
    }
    return EnrollmentService::changeStatus(db, enrollmentId, action, *reason);
}

void recordPayment(QWidget* parent, const QSqlDatabase& db, const QVariant& orderId,
                   const std::function<void(const QVariant& orderId, const QString& text)>& recorded)
{
    auto* dialog = new RecordPaymentDialog(db, orderId, parent);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(dialog, &RecordPaymentDialog::recorded, dialog,
                     [dialog, recorded](const QVariant& order) { recorded(order, dialog->resultText()); });
    dialog->open();
}

namespace {
FormWorkflow enrollmentWorkflow(EnrollmentService::Action action, const char* objectName, const QString& text)
{
    FormWorkflow w;
    w.objectName = QString::fromLatin1(objectName);
    w.text = text;
    w.toolTip = QObject::tr("Change this enrollment's status, with a reason");
    w.applies = [action](const QString& status) { return EnrollmentService::allowed(action, status); };
    w.run = [action, text](QWidget* parent, const QSqlDatabase& db, const QVariant& key, const auto& done) {
        if (const auto r = changeEnrollment(parent, db, key, action, text)) {
            done(*r);
        }
    };
    return w;
}
} // namespace

QList<FormWorkflow> forTable(const QString& table)
{
    using A = EnrollmentService::Action;
    static const QHash<QString, std::function<QList<FormWorkflow>()>> workflows{
        {QStringLiteral("payments"),
         [] {
             FormWorkflow w;
             w.objectName = QStringLiteral("refundButton");
             w.text = QObject::tr("Refund\u2026");
             w.toolTip = QObject::tr("Refund this payment: its order and enrollment are cancelled");
             w.applies = [](const QString& status) { return status == PV::Payment::completed; };
             w.run = [](QWidget* parent, const QSqlDatabase& db, const QVariant& key, const auto& done) {
                 if (const auto r = refund(parent, db, key)) {
                     done(*r);
                 }
             };
             return QList<FormWorkflow>{w};
         }},
        {QStringLiteral("orders"),
         [] {
             FormWorkflow w;
             w.objectName = QStringLiteral("recordPaymentButton");
             w.text = QObject::tr("Record payment\u2026");
             w.toolTip = QObject::tr("Record this order's payment; a completed one enrolls the user");
             w.applies = [](const QString& status) {
                 return status == PV::Order::created || status == PV::Order::failed;
             };
             w.run = [](QWidget* parent, const QSqlDatabase& db, const QVariant& key, const auto& done) {
                 recordPayment(parent, db, key, [done](const QVariant& order, const QString& text) {
                     done(ServiceResult::success(text, true, order));
                 });
             };
             return QList<FormWorkflow>{w};
         }},
        {QStringLiteral("enrollments"),
         [] {
             return QList<FormWorkflow>{
                 enrollmentWorkflow(A::Suspend, "suspendButton", QObject::tr("Suspend\u2026")),
                 enrollmentWorkflow(A::Reactivate, "reactivateButton", QObject::tr("Reactivate\u2026")),
                 enrollmentWorkflow(A::Cancel, "cancelEnrollmentButton", QObject::tr("Cancel enrollment\u2026")),
                 enrollmentWorkflow(A::Complete, "completeButton", QObject::tr("Mark completed\u2026"))};
         }},
    };
    const auto it = workflows.constFind(table);
    return it == workflows.constEnd() ? QList<FormWorkflow>() : (*it)();
}

} // namespace WorkflowActions
