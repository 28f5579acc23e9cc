// TablePage: the page's pending edits — adding and marking rows, saving them through the write
// path (with the conflict dialog and reconnecting a dropped connection), reverting, reloading.
#include "TablePage.h"

#include "EditHistory.h"
#include "PrivilegeGuard.h"
#include "db/Database.h"
#include "domain/PlatformValues.h"
#include "forms/Prompt.h"
#include "models/PlatformTableModel.h"
#include "models/windowed/WindowedTableModel.h"
#include "services/DeleteGuard.h"

#include <QAction>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSqlError>
#include <QTableView>
#include <QTimer>

bool TablePage::save()
{
    m_view->setFocus();     // closes an open editor so its value is committed first
    QVariantList overwrite; // rows whose other change the user chose to overwrite
    while (m_model && m_model->isDirty() && !m_model->submitAll(overwrite)) {
        const auto failure = m_model->saveFailure();
        if (failure.connectionLost) {
            recoverConnection(tr("your unsaved changes are kept \u2014 save again."),
                              tr("Your changes are kept; try Save again when the server is back."));
        } else if (failure.conflict && failure.key.isValid() && !overwrite.contains(failure.key)) {
            // Someone else changed a row this page edited: the answers that work are dropping this
            // row's edits (it is read again) or writing them over the other change.
            const auto answer = Prompt::ask(
                this, tr("Changed by someone else"), failure.text(), Prompt::Discard | Prompt::Save | Prompt::Cancel,
                Prompt::Cancel, tr("Nothing was saved yet. Your edits of other rows are kept either way."),
                {{Prompt::Discard, tr("Discard my edit of this row and reload")}, {Prompt::Save, tr("Overwrite")}});
            if (answer == Prompt::Discard) {
                m_model->discardEdits(failure.key);
                continue;
            }
            if (answer == Prompt::Save) {
                overwrite << failure.key;
                continue;
            }
        } else {
            showSaveFailure();
        }
        refreshUnsavedState();
        return false;
    }
    if (!saveDetails()) {
        return false;
    }
    emit statusMessage(tr("%1 saved").arg(m_spec.title));
    refreshUnsavedState();
    return true;
}

void TablePage::showSaveFailure()
{
    const auto& failure = m_model->saveFailure();
    if (failure.row >= 0) {
        const int column = failure.column >= 0 ? failure.column : 1;
        m_view->setCurrentIndex(m_model->index(failure.row, column));
        m_view->scrollTo(m_model->index(failure.row, column));
    }
    emit statusMessage(failure.text());
    Prompt::warn(this, tr("Not saved"), failure.text(), tr("Nothing was written; your edits are kept."));
}

bool TablePage::recoverConnection(const QString& kept, const QString& notKept)
{
    const QString name = Database::url(database()).displayName();
    QString reason;
    if (Database::reconnect(database().connectionName(), &reason)) {
        const QString text = tr("The connection to %1 was lost. Coursedesk reconnected; %2").arg(name, kept);
        emit statusMessage(text);
        Prompt::warn(this, tr("Connection lost"), text);
        return true;
    }
    const QString text =
        tr("The connection to %1 was lost and Coursedesk could not reconnect: %2. %3").arg(name, reason, notKept);
    emit statusMessage(text);
    Prompt::warn(this, tr("Connection lost"), text);
    return false;
}

void TablePage::revert()
{
    if (m_model) {
        m_model->revertAll();
    }
    revertDetails();
    refreshUnsavedState();
}

void TablePage::reload()
{
    if (!m_model) {
        activate();
        return;
    }
    // Re-reads the rows in view and the count; pending edits are kept (they are keyed by row).
    m_selectKey = currentKey();
    m_model->refresh();
}

void TablePage::addRow()
{
    // A new row is made in the page's form (MainWindow's Add row, Ctrl+N, lands here too).
    if (m_editorFactory) {
        openEditor(-1);
        return;
    }
    // Business info belongs to a user and is created on the Business tab of the user's form.
    emit statusMessage(tr("New %1 rows are made in the user's form: Users, Edit…, Business tab.").arg(m_spec.title));
}

void TablePage::deleteSelectedRows()
{
    if (!m_model) {
        return;
    }
    if (const QString no = refusal(Privileges::Action::Delete); !no.isEmpty()) {
        emit statusMessage(no);
        return;
    }
    QList<int> rows = selectedRows();
    rows.removeIf([this](int row) { return !m_model->isRowLoaded(row) || m_model->isDeletedRow(row); });
    if (rows.isEmpty()) {
        return;
    }
    for (int row : std::as_const(rows)) {
        const QString why = DeleteGuard::blockers(database(), m_spec.table, m_model->keyAt(row));
        if (!why.isEmpty()) {
            Prompt::warn(this, tr("Cannot delete"), why);
            return;
        }
    }
    const QString what = rows.size() == 1 ? tr("this row") : tr("these %1 rows").arg(rows.size());
    QString question = tr("Delete %1 from %2? They are removed when you save.").arg(what, m_spec.title);
    if (const QString consequences = deleteConsequences(rows); !consequences.isEmpty()) {
        question += QLatin1Char(' ') + consequences;
    }
    if (Prompt::ask(this, tr("Delete rows"), question, Prompt::Yes | Prompt::No, Prompt::No) != Prompt::Yes) {
        return;
    }
    m_history->record(tr("deletion of %1 rows").arg(rows.size()), [&] {
        for (int row : std::as_const(rows)) {
            m_model->removeRows(row, 1);
        }
    });
    refreshUnsavedState();
}
