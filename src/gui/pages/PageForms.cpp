#include "PageForms.h"

#include "TablePage.h"
#include "forms/BulkEnrollDialog.h"
#include "forms/CourseForm.h"
#include "forms/Prompt.h"
#include "forms/RecordPaymentDialog.h"
#include "forms/RelationForm.h"
#include "forms/UserForm.h"
#include "forms/WorkflowActions.h"
#include "models/PlatformTableModel.h"
#include "services/EnrollmentService.h"

#include <QAction>
#include <QObject>

namespace {
void report(TablePage* page, const ServiceResult& result, const QString& title)
{
    if (!result.ok) {
        Prompt::warn(page, title, result.message);
    }
    emit page->statusMessage(result.message);
}

void showDialog(QDialog* dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

void addRecordPayment(TablePage* page, bool presetFromOrder)
{
    QAction* action =
        page->addPageAction(QStringLiteral("recordPaymentAction"), QObject::tr("Record payment\u2026"),
                            QObject::tr("Record a payment for an order; a completed one enrolls the user"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    if (presetFromOrder) {
        // Only an order still waiting for its money can be paid (PaymentService's rule).
        page->setActionCondition(action, TablePage::valueIn(QStringLiteral("status"), {PlatformValues::Order::created,
                                                                                       PlatformValues::Order::failed}));
    }
    QObject::connect(action, &QAction::triggered, page, [page, presetFromOrder] {
        WorkflowActions::recordPayment(page, page->database(), presetFromOrder ? page->currentKey() : QVariant(),
                                       [page, presetFromOrder](const QVariant& orderId, const QString& text) {
                                           emit page->statusMessage(text);
                                           page->reloadAndSelect(presetFromOrder ? orderId : page->currentKey());
                                       });
    });
}

// Orders, payments, enrollments: Edit… opens the generic relation form. New… opens it for orders;
// a new payment goes through Record payment (so a completed one pays the order and enrolls), a
// new enrollment through complimentary enrollment (every enrollment needs its order).
void setRelationEditor(TablePage* page)
{
    page->setEditorFactory([](TablePage* p, PlatformTableModel* rowModel, int row) -> QDialog* {
        const QString id = p->pageId();
        if (row < 0 && id == QLatin1String("payments")) {
            auto* dialog = new RecordPaymentDialog(p->database(), QVariant(), p);
            QObject::connect(dialog, &RecordPaymentDialog::recorded, p, [p] { p->reloadAndSelect(p->currentKey()); });
            return dialog;
        }
        if (row < 0 && id == QLatin1String("enrollments")) {
            auto* dialog = new BulkEnrollDialog(p->database(), QString(), p);
            QObject::connect(dialog, &BulkEnrollDialog::enrolled, p, [p] { p->reloadAndSelect(p->currentKey()); });
            return dialog;
        }
        auto* form = new RelationForm(rowModel->spec(), rowModel, row, p);
        QObject::connect(form, &RecordForm::saved, p, &TablePage::reloadAndSelect);
        QObject::connect(form, &RelationForm::workflowFinished, p, [p](const QVariant& key, const QString& message) {
            emit p->statusMessage(message);
            p->reloadAndSelect(key);
        });
        return form;
    });
}

void addEnrollmentAction(TablePage* page, EnrollmentService::Action action, const QString& name, const QString& text,
                         const QKeySequence& shortcut)
{
    QAction* qaction =
        page->addPageAction(name, text, QObject::tr("Change the current enrollment's status, with a reason"), shortcut);
    // Enabled only for a status the workflow accepts (EnrollmentService::allowed).
    page->setActionCondition(qaction, [action](const TablePage* p, int row) {
        return EnrollmentService::allowed(action, p->rawValue(row, QStringLiteral("status")).toString());
    });
    QObject::connect(qaction, &QAction::triggered, page, [page, action, text] {
        const QVariant key = page->currentKey();
        if (const auto result = WorkflowActions::changeEnrollment(page, page->database(), key, action, text)) {
            report(page, *result, text);
            page->reloadAndSelect(key);
        }
    });
}
} // namespace

void installForms(TablePage* page)
{
    const QString id = page->pageId();
    if (id == QLatin1String("users")) {
        page->setEditorFactory([](TablePage* p, PlatformTableModel* rowModel, int row) -> QDialog* {
            auto* form = new UserForm(rowModel, row, p);
            QObject::connect(form, &RecordForm::saved, p, &TablePage::reloadAndSelect);
            return form;
        });
    } else if (id == QLatin1String("courses")) {
        page->setEditorFactory([](TablePage* p, PlatformTableModel* rowModel, int row) -> QDialog* {
            auto* form = new CourseForm(rowModel, row, p);
            QObject::connect(form, &RecordForm::saved, p, &TablePage::reloadAndSelect);
            return form;
        });
        QAction* enroll = page->addPageAction(QStringLiteral("bulkEnrollAction"), QObject::tr("Enroll users\u2026"),
                                              QObject::tr("Complimentary enrollment of users in the current course"),
                                              QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
        page->setActionCondition(enroll, [](const TablePage*, int) { return true; }); // any course
        QObject::connect(enroll, &QAction::triggered, page, [page] {
            showDialog(new BulkEnrollDialog(page->database(), page->currentKey().toString(), page));
        });
    } else if (id == QLatin1String("orders")) {
        setRelationEditor(page);
        addRecordPayment(page, true);
    } else if (id == QLatin1String("payments")) {
        setRelationEditor(page);
        addRecordPayment(page, false);
        QAction* refund =
            page->addPageAction(QStringLiteral("refundAction"), QObject::tr("Refund\u2026"),
                                QObject::tr("Refund the current payment: its order and enrollment are cancelled"),
                                QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        page->setActionCondition(refund,
                                 TablePage::valueIn(QStringLiteral("status"), {PlatformValues::Payment::completed}));
        QObject::connect(refund, &QAction::triggered, page, [page] {
            const QVariant key = page->currentKey();
            if (const auto result = WorkflowActions::refund(page, page->database(), key)) {
                report(page, *result, QObject::tr("Refund"));
                page->reloadAndSelect(key);
            }
        });
    } else if (id == QLatin1String("enrollments")) {
        setRelationEditor(page);
        using A = EnrollmentService::Action;
        addEnrollmentAction(page, A::Suspend, QStringLiteral("suspendEnrollmentAction"), QObject::tr("Suspend\u2026"),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_S));
        addEnrollmentAction(page, A::Reactivate, QStringLiteral("reactivateEnrollmentAction"),
                            QObject::tr("Reactivate\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
        addEnrollmentAction(page, A::Cancel, QStringLiteral("cancelEnrollmentAction"),
                            QObject::tr("Cancel enrollment\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
        addEnrollmentAction(page, A::Complete, QStringLiteral("completeEnrollmentAction"),
                            QObject::tr("Mark completed\u2026"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
        QAction* enroll = page->addPageAction(
            QStringLiteral("bulkEnrollAction"), QObject::tr("Complimentary enroll\u2026"),
            QObject::tr("Enroll users in a course free of charge"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E));
        QObject::connect(enroll, &QAction::triggered, page, [page] {
            auto* dialog = new BulkEnrollDialog(page->database(), QString(), page);
            QObject::connect(dialog, &BulkEnrollDialog::enrolled, page,
                             [page] { page->reloadAndSelect(page->currentKey()); });
            showDialog(dialog);
        });
    }
}
