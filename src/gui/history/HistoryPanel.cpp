#include "HistoryPanel.h"

#include "forms/RecordForm.h"

HistoryPanel::HistoryPanel(QSqlDatabase db, const QString& table, const QString& rowKey, QWidget* parent)
    : HistoryView(std::move(db), false, parent)
{
    m_rowFilter.table = table;
    m_rowFilter.rowKey = rowKey;
    setRestoreNote(tr("The form then shows the row as saved: edits you have not saved yet are dropped."));
}

void HistoryPanel::showEvent(QShowEvent* event)
{
    if (!m_loaded) {
        m_loaded = true;
        setFilter(m_rowFilter);
        // Before and after side by side need more room than the form's fields: the form widens
        // (once; the user may narrow it again).
        QWidget* form = window();
        if (form && form != this && form->width() < 900) {
            form->resize(900, form->height());
        }
    }
    HistoryView::showEvent(event);
}

void HistoryPanel::install()
{
    RecordForm::addPanel(
        QStringLiteral("historyPanel"), tr("History"),
        [](RecordForm* form, const TableSpec& spec, const QSqlDatabase& db, const QVariant& key) -> QWidget* {
            auto* panel = new HistoryPanel(db, spec.table, key.toString(), form);
            // The restored value is in the database now: the form shows it, and
            // the page behind the form reads the row again.
            QObject::connect(panel, &HistoryView::restored, form, [form] {
                form->reloadFromDatabase();
                emit form->saved(form->key());
            });
            return panel;
        });
}
