#pragma once

#include "db/Privileges.h"

#include <QList>
#include <QString>

class QAction;

// Keeps an action disabled while the connection's role may not do what it needs, with the reason
// as its tooltip and status tip ("Read-only: your role may not update payments"), so nothing is
// offered that would only fail on save. Later setEnabled(true) calls (a page enabling Save when it
// has changes) are undone while the need is unmet.
namespace PrivilegeGuard {
// Returns the refusal (empty when allowed and nothing was changed).
QString apply(QAction* action, const Privileges& privileges, const QList<Privileges::Need>& needs);
// What a page's workflow action needs, by its objectName (recordPaymentAction, refundAction, ...);
// empty for actions that write nothing.
QList<Privileges::Need> needsOf(const QString& actionName);
} // namespace PrivilegeGuard
