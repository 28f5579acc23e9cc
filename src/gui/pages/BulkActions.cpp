#include "BulkActions.h"

#include "BulkSetFieldDialog.h"
#include "TablePage.h"
#include "forms/Prompt.h"
#include "forms/ReasonPrompt.h"
#include "models/windowed/WindowedTableModel.h"
#include "services/BulkUpdate.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTableView>

BulkActions::BulkActions(TablePage* page) : QObject(page), m_page(page)
{
    setObjectName(QStringLiteral("bulkActions"));
    m_menu = new QMenu(page); // untitled: the Selection button names it
    m_menu->setObjectName(QStringLiteral("selectionMenu"));
    m_menu->menuAction()->setObjectName(QStringLiteral("selectionMenuAction"));
    m_setField = m_menu->addAction(tr("Set field on selected rows\u2026"));
    m_setField->setObjectName(QStringLiteral("bulkSetFieldAction"));
    m_setField->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F));
    m_setField->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_setField->setToolTip(tr("Set one column to one value on every selected row (Ctrl+Shift+F)"));
    page->addAction(m_setField);
    connect(m_setField, &QAction::triggered, this, &BulkActions::setField);
    if (page->spec().table == QLatin1String("enrollments")) {
        using A = EnrollmentService::Action;
        m_menu->addSeparator();
        const struct
        {
            A action;
            const char* name;
            QString text;
        } items[] = {{A::Suspend, "bulkSuspendAction", tr("Suspend selected enrollments\u2026")},
                     {A::Reactivate, "bulkReactivateAction", tr("Reactivate selected enrollments\u2026")},
                     {A::Complete, "bulkCompleteAction", tr("Mark selected enrollments completed\u2026")}};
        for (const auto& item : items) {
            QAction* action = m_menu->addAction(item.text);
            action->setObjectName(QString::fromLatin1(item.name));
            action->setToolTip(tr("One reason for all selected enrollments, one transaction, each audited"));
            m_enrollmentActions << action;
            const A which = item.action;
            const QString title = QString(item.text).remove(QChar(0x2026));
            connect(action, &QAction::triggered, this, [this, which, title] { changeEnrollments(which, title); });
        }
    }
    updateActions();
}

QList<QAction*> BulkActions::actions() const
{
    return QList<QAction*>{m_setField} + m_enrollmentActions;
}

void BulkActions::updateActions()
{
    WindowedTableModel* model = m_page->model();
    const bool any = model && m_page->view()->selectionModel() &&
                     (m_page->view()->selectionModel()->hasSelection() || m_page->currentRow() >= 0);
    bool editable = false;
    for (const ColumnSpec& c : m_page->spec().columns) {
        editable = editable || BulkUpdate::isBulkEditable(m_page->spec(), c.name);
    }
    m_setField->setEnabled(any && editable);
    for (QAction* a : std::as_const(m_enrollmentActions)) {
        a->setEnabled(any);
    }
}

QList<int> BulkActions::selectionForBulk(QString* error) const
{
    WindowedTableModel* model = m_page->model();
    if (!model) {
        return {};
    }
    const QList<int> rows = m_page->selectedRows();
    if (rows.isEmpty()) {
        *error = tr("Select the rows first.");
        return {};
    }
    if (rows.size() > maxRows) {
        *error = tr("%1 rows are selected; a bulk action takes at most %2.").arg(rows.size()).arg(maxRows);
        return {};
    }
    if (!model->waitForRows(rows.constFirst(), rows.constLast())) {
        *error = tr("The selected rows could not be read in time; try again.");
        return {};
    }
    const QVariantList pending = model->pendingKeys();
    for (int row : rows) {
        if (pending.contains(model->keyAt(row))) {
            *error = tr("Row %1 (%2) has unsaved changes: save or revert them first.")
                         .arg(row + 1)
                         .arg(model->rowLabel(row));
            return {};
        }
    }
    return rows;
}

void BulkActions::setField()
{
    QString error;
    const QList<int> rows = selectionForBulk(&error);
    if (rows.isEmpty()) {
        if (!error.isEmpty()) {
            Prompt::warn(m_page, tr("Set field"), error);
        }
        return;
    }
    auto* dialog = new BulkSetFieldDialog(m_page->spec(), int(rows.size()), m_page);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    WindowedTableModel* model = m_page->model();
    QList<BulkUpdate::Row> bulkRows;
    for (int row : rows) {
        bulkRows << BulkUpdate::Row{model->keyAt(row), model->loadedValues(row), model->rowLabel(row)};
    }
    connect(dialog, &QDialog::accepted, m_page, [this, dialog, bulkRows] {
        const BulkUpdate::Result result =
            BulkUpdate::setField(m_page->database(), m_page->spec(), bulkRows, dialog->column(), dialog->value());
        emit m_page->statusMessage(result.message);
        if (!result.ok) {
            Prompt::warn(m_page, tr("Not set"), result.message,
                         result.conflict ? tr("Nothing was written. Reload (F5) to see the rows as they are now.")
                                         : tr("Nothing was written."));
        }
        m_page->reloadAndSelect(result.ok ? m_page->currentKey() : result.failedKey);
    });
    dialog->open();
}

void BulkActions::changeEnrollments(EnrollmentService::Action action, const QString& title)
{
    QString error;
    const QList<int> rows = selectionForBulk(&error);
    if (rows.isEmpty()) {
        if (!error.isEmpty()) {
            Prompt::warn(m_page, title, error);
        }
        return;
    }
    const auto reason = ReasonPrompt::ask(
        m_page, title, tr("Reason for the %1 selected enrollments (kept in the audit log):").arg(rows.size()));
    if (!reason) {
        return;
    }
    WindowedTableModel* model = m_page->model();
    QVariantList ids;
    QStringList labels;
    const int user = model->fieldIndex(QStringLiteral("user_id"));
    const int course = model->fieldIndex(QStringLiteral("course_id"));
    for (int row : rows) {
        ids << model->keyAt(row);
        labels << tr("Enrollment #%1 (%2, %3)")
                      .arg(model->keyAt(row).toString(), model->index(row, user).data().toString(),
                           model->index(row, course).data().toString());
    }
    const auto result = EnrollmentService::changeStatuses(m_page->database(), ids, labels, action, *reason);
    emit m_page->statusMessage(result.message);
    if (!result.ok) {
        Prompt::warn(m_page, title, result.message);
    }
    m_page->reloadAndSelect(result.ok ? m_page->currentKey() : result.failedKey);
}
