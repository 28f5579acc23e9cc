#include "PrivilegeGuard.h"

#include <QAction>

namespace {
const char* const refusalProperty = "coursedeskRefusal";
const char* const toolTipProperty = "coursedeskToolTip";
const char* const watchedProperty = "coursedeskGuardWatched";
} // namespace

QString PrivilegeGuard::apply(QAction* action, const Privileges& privileges, const QList<Privileges::Need>& needs)
{
    const QString refusal = privileges.refusal(needs);
    if (!action) {
        return refusal;
    }
    const bool guarded = action->property(refusalProperty).isValid();
    if (refusal.isEmpty()) {
        if (guarded) {
            // A window action that a previous page's role refused: allowed here.
            action->setProperty(refusalProperty, QVariant());
            action->setToolTip(action->property(toolTipProperty).toString());
            action->setStatusTip(QString());
            action->setEnabled(true);
        }
        return refusal;
    }
    if (!guarded) {
        action->setProperty(toolTipProperty, action->toolTip());
    }
    action->setProperty(refusalProperty, refusal);
    action->setToolTip(refusal);
    action->setStatusTip(refusal);
    action->setEnabled(false);
    if (!action->property(watchedProperty).toBool()) {
        action->setProperty(watchedProperty, true);
        QObject::connect(action, &QAction::enabledChanged, action, [action](bool enabled) {
            if (enabled && action->property(refusalProperty).isValid()) {
                action->setEnabled(false);
            }
        });
    }
    return refusal;
}

QList<Privileges::Need> PrivilegeGuard::needsOf(const QString& actionName)
{
    static const QHash<QString, QString> workflows = {
        {QStringLiteral("recordPaymentAction"), QStringLiteral("record_payment")},
        {QStringLiteral("refundAction"), QStringLiteral("refund")},
        {QStringLiteral("bulkEnrollAction"), QStringLiteral("enroll")},
        {QStringLiteral("suspendEnrollmentAction"), QStringLiteral("suspend")},
        {QStringLiteral("reactivateEnrollmentAction"), QStringLiteral("reactivate")},
        {QStringLiteral("cancelEnrollmentAction"), QStringLiteral("cancel")},
        {QStringLiteral("completeEnrollmentAction"), QStringLiteral("complete")},
    };
    const QString workflow = workflows.value(actionName);
    return workflow.isEmpty() ? QList<Privileges::Need>{} : Privileges::workflowNeeds(workflow);
}
