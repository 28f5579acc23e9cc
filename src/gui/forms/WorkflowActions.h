#pragma once

#include "services/EnrollmentService.h"
#include "services/ServiceResult.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QVariant>

#include <functional>
#include <optional>

class QWidget;

// The workflows that change money state, as the user starts them: each asks what it needs (a
// confirmation, a reason, the payment's details) and calls its service. The page toolbar and a
// record's form both start them from here, so a refund from the payment form is the same refund
// as the toolbar's.
namespace WorkflowActions {

// Asks to confirm (naming user, course and amount) and for a reason, then refunds. nullopt when
// the user cancelled or the payment is gone.
std::optional<ServiceResult> refund(QWidget* parent, const QSqlDatabase& db, const QVariant& paymentId);
// Asks for a reason, then changes the enrollment's status. nullopt when cancelled.
std::optional<ServiceResult> changeEnrollment(QWidget* parent, const QSqlDatabase& db, const QVariant& enrollmentId,
                                              EnrollmentService::Action action, const QString& title);
// Opens the Record payment dialog for the order (deleted on close); `recorded` runs after a
// payment was recorded, with the dialog's result text.
void recordPayment(QWidget* parent, const QSqlDatabase& db, const QVariant& orderId,
                   const std::function<void(const QVariant& orderId, const QString& text)>& recorded);

// The workflows a record of `table` offers on its form, in order.
struct FormWorkflow
{
    QString objectName; // "refundButton"
    QString text;       // "Refund…"
    QString toolTip;
    // Whether a record in this status can go through it.
    std::function<bool(const QString& status)> applies;
    // Starts it; `done` runs once it changed something (perhaps later: a dialog), with a message.
    std::function<void(QWidget* parent, const QSqlDatabase& db, const QVariant& key,
                       const std::function<void(const ServiceResult&)>& done)>
        run;
};
QList<FormWorkflow> forTable(const QString& table);

} // namespace WorkflowActions
