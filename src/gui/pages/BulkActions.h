#pragma once

#include "services/EnrollmentService.h"

#include <QList>
#include <QObject>

class QAction;
class QMenu;
class TablePage;

// Actions on the selected rows of a table page: "Set field…" (one column, one value, every
// selected row, one transaction: BulkUpdate), and on Enrollments suspend / reactivate / complete
// with one reason (EnrollmentService::changeStatuses). Rows with unsaved edits must be saved or
// reverted first, so a bulk write never mixes with pending ones.
class BulkActions : public QObject
{
    Q_OBJECT
public:
    explicit BulkActions(TablePage* page);

    QMenu* menu() const { return m_menu; }
    QAction* setFieldAction() const { return m_setField; }
    QList<QAction*> actions() const;
    void updateActions();

    // The selected rows' keys (loading them when needed), or an empty list with `error` set.
    QList<int> selectionForBulk(QString* error) const;
    void setField();
    void changeEnrollments(EnrollmentService::Action action, const QString& title);

    // A bulk action on more rows than this asks the user to narrow the selection.
    static constexpr int maxRows = 5000;

private:
    TablePage* m_page = nullptr;
    QMenu* m_menu = nullptr;
    QAction* m_setField = nullptr;
    QList<QAction*> m_enrollmentActions;
};
