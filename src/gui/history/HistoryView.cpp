#include "HistoryView.h"

#include "HistoryModel.h"
#include "forms/Prompt.h"
#include "history/HistoryRestore.h"
#include "history/HistoryText.h"

#include <QAction>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

HistoryView::HistoryView(QSqlDatabase db, bool showRowColumns, QWidget* parent) : QWidget(parent), m_db(std::move(db))
{
    setObjectName(QStringLiteral("historyView"));
    m_model = new HistoryModel(m_db, this);
    m_model->setObjectName(QStringLiteral("historyModel"));
    m_view = new QTableView(this);
    m_view->setObjectName(QStringLiteral("historyTable"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setWordWrap(false);
    m_view->verticalHeader()->setVisible(false);
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnHidden(HistoryModel::Table, !showRowColumns);
    m_view->setColumnHidden(HistoryModel::RowKey, !showRowColumns);

    m_info = new QLabel(this);
    m_info->setObjectName(QStringLiteral("historyInfo"));
    m_info->setWordWrap(true);
    m_restore = new QPushButton(tr("Restore this value\u2026"), this);
    m_restore->setObjectName(QStringLiteral("restoreValueButton"));
    m_restore->setToolTip(tr("Put back the value the field had before the selected change, as a new, logged change"));
    m_restore->setEnabled(false);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_info, 1);
    bottom->addWidget(m_restore);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(bottom);

    // The same commands on the table's right-click menu, with keys.
    m_restoreAction = new QAction(tr("Restore this value\u2026"), this);
    m_restoreAction->setObjectName(QStringLiteral("restoreValueAction"));
    m_restoreAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Z));
    m_restoreAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_openAction = new QAction(tr("Open the changed row"), this);
    m_openAction->setObjectName(QStringLiteral("openChangedRowAction"));
    m_openAction->setToolTip(tr("Open the changed row's form (Enter, double-click)"));
    m_view->addAction(m_restoreAction);
    if (showRowColumns) {
        m_view->addAction(m_openAction); // a form's panel is the row already
    }
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    connect(m_restoreAction, &QAction::triggered, this, [this] { restoreRow(currentRow()); });
    connect(m_openAction, &QAction::triggered, this, [this] {
        if (const AuditEntry* e = m_model->entryAt(currentRow())) {
            emit rowActivated(e->table, e->rowKey);
        }
    });
    connect(m_restore, &QPushButton::clicked, m_restoreAction, &QAction::trigger);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &HistoryView::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryView::updateState);
    connect(m_model, &QAbstractItemModel::modelReset, this, &HistoryView::fitColumns);
    // Enter and double-click (the view's activation).
    connect(m_view, &QAbstractItemView::activated, this, [this](const QModelIndex& index) {
        if (const AuditEntry* e = m_model->entryAt(index.row())) {
            emit rowActivated(e->table, e->rowKey);
        }
    });
}

void HistoryView::setFilter(const HistoryFilter& filter)
{
    m_model->setFilter(filter);
}

void HistoryView::refresh()
{
    m_model->refresh();
}

void HistoryView::fitColumns()
{
    // Each column as wide as its longest text in the first page, within limits: values stay
    // readable and the Reason column (stretched) keeps the rest.
    m_view->resizeColumnsToContents();
    for (int c = 0; c < HistoryModel::Reason; ++c) {
        m_view->setColumnWidth(c, qBound(50, m_view->columnWidth(c) + 8, 220));
    }
}

int HistoryView::currentRow() const
{
    return m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
}

void HistoryView::updateState()
{
    if (!m_model->isAvailable()) {
        m_info->setText(HistoryQuery::offText());
    } else if (!m_model->lastError().isEmpty()) {
        m_info->setText(tr("Could not read the history: %1").arg(m_model->lastError()));
    } else if (m_model->rowCount() == 0) {
        m_info->setText(tr("No changes logged."));
    } else {
        m_info->setText(tr("Newest first. Select a change to restore the value it replaced."));
    }
    const int row = currentRow();
    const bool restorable = row >= 0 && m_model->index(row, 0).data(HistoryModel::RestorableRole).toBool();
    m_restore->setEnabled(restorable);
    m_restoreAction->setEnabled(restorable);
    m_openAction->setEnabled(row >= 0);
}

bool HistoryView::restoreRow(int row)
{
    const AuditEntry* entryPtr = m_model->entryAt(row);
    const AuditChange* changePtr = m_model->changeAt(row);
    if (!entryPtr || !changePtr) {
        return false;
    }
    // Copies: a refresh below replaces the model's rows.
    const AuditEntry entry = *entryPtr;
    const AuditChange change = *changePtr;
    const QString title = tr("Restore this value");
    const HistoryRestore::Check check = HistoryRestore::check(m_db, entry, change);
    if (!check.possible) {
        Prompt::warn(this, title, check.message);
        return false;
    }
    HistoryText text(m_db);
    const QString header = HistoryText::header(entry.table, change.column);
    const QString restoredText = text.value(entry, change.column, change.before);
    const QString now = text.value(entry, change.column, check.current.isEmpty() ? QVariant() : check.current);
    QString question =
        tr("Set %1 of %2 %3 back to \u201C%4\u201D (its value before change #%5)? It is now \u201C%6\u201D.")
            .arg(header, HistoryText::tableTitle(entry.table), entry.rowKey, restoredText)
            .arg(entry.id)
            .arg(now);
    if (check.changedSince) {
        question += QLatin1Char('\n') + tr("It was changed again after change #%1 (which set it to \u201C%2\u201D); "
                                           "restoring replaces that later value too.")
                                            .arg(entry.id)
                                            .arg(text.value(entry, change.column, change.after));
    }
    question += QLatin1Char('\n') + tr("The restore is saved and logged as a new change.");
    if (!m_restoreNote.isEmpty()) {
        question += QLatin1Char(' ') + m_restoreNote;
    }
    if (Prompt::ask(this, title, question, Prompt::Yes | Prompt::Cancel, Prompt::Cancel) != Prompt::Yes) {
        return false;
    }
    const RowWriter::Result result = HistoryRestore::restore(m_db, entry, change, check);
    if (result.status == RowWriter::Status::Conflict) {
        Prompt::warn(this, title, tr("Someone changed this row while you were deciding; nothing was restored."),
                     RowSnapshot::describe(result.changes));
        refresh();
        return false;
    }
    if (!result.ok()) {
        QStringList why;
        for (const auto& v : result.violations) {
            why << v.message;
        }
        Prompt::warn(this, title,
                     tr("Not restored: %1").arg(why.isEmpty() ? result.message : why.join(QLatin1Char('\n'))));
        return false;
    }
    refresh();
    emit restored(entry.table, entry.rowKey);
    return true;
}
