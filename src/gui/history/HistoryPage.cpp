#include "HistoryPage.h"

#include "HistoryModel.h"
#include "HistoryView.h"
#include "domain/TableSpec.h"
#include "export/HistoryExportSource.h"
#include "forms/OptionalDateEdit.h"

#include <QComboBox>
#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace {
const QDate noDate = OptionalDateEdit::noBound();

QDateEdit* dateEdit(const QString& name, const QString& tip, QWidget* parent)
{
    return new OptionalDateEdit(name, tip, parent);
}
} // namespace

HistoryPage::HistoryPage(QSqlDatabase db, QWidget* parent) : Page(db, parent)
{
    setObjectName(QStringLiteral("historyPage"));
    m_table = new QComboBox(this);
    m_table->setObjectName(QStringLiteral("historyTableCombo"));
    m_table->addItem(tr("All tables"), QString());
    for (const TableSpec& spec : TableSpec::all()) {
        m_table->addItem(spec.title, spec.table);
    }
    m_row = new QLineEdit(this);
    m_row->setObjectName(QStringLiteral("historyRowEdit"));
    m_row->setPlaceholderText(tr("Row ID"));
    m_row->setClearButtonEnabled(true);
    m_row->setMaximumWidth(160);
    m_actor = new QLineEdit(this);
    m_actor->setObjectName(QStringLiteral("historyActorEdit"));
    m_actor->setPlaceholderText(tr("e.g. asha"));
    m_actor->setToolTip(tr("Part of the database or OS user who made the change"));
    m_actor->setClearButtonEnabled(true);
    m_actor->setMaximumWidth(180);
    m_from = dateEdit(QStringLiteral("historyFromEdit"), tr("Changes on or after this day (local time)"), this);
    m_to = dateEdit(QStringLiteral("historyToEdit"), tr("Changes on or before this day (local time)"), this);

    auto* filters = new QHBoxLayout;
    auto label = [this](const QString& text, QWidget* buddy) {
        auto* l = new QLabel(text, this);
        l->setObjectName(buddy->objectName() + QStringLiteral("Label"));
        l->setBuddy(buddy);
        return l;
    };
    filters->addWidget(label(tr("&Table:"), m_table));
    filters->addWidget(m_table);
    filters->addWidget(label(tr("&Row:"), m_row));
    filters->addWidget(m_row);
    filters->addWidget(label(tr("&Who:"), m_actor));
    filters->addWidget(m_actor);
    filters->addWidget(label(tr("Fro&m:"), m_from));
    filters->addWidget(m_from);
    filters->addWidget(label(tr("T&o:"), m_to));
    filters->addWidget(m_to);
    filters->addStretch(1);

    m_history = new HistoryView(db, true, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(8, 8, 8, 8);
    layout->addLayout(filters);
    layout->addWidget(m_history, 1);

    m_debounce = new QTimer(this);
    m_debounce->setObjectName(QStringLiteral("historyFilterTimer"));
    m_debounce->setSingleShot(true);
    m_debounce->setInterval(300);
    connect(m_debounce, &QTimer::timeout, this, &HistoryPage::applyFilters);
    auto later = [this] {
        if (m_loaded) {
            m_debounce->start();
        }
    };
    connect(m_table, &QComboBox::currentIndexChanged, this, later);
    connect(m_row, &QLineEdit::textChanged, this, later);
    connect(m_actor, &QLineEdit::textChanged, this, later);
    connect(m_from, &QDateEdit::dateChanged, this, later);
    connect(m_to, &QDateEdit::dateChanged, this, later);
    connect(m_history, &HistoryView::rowActivated, this, [this](const QString& table, const QString& key) {
        if (const TableSpec* spec = TableSpec::forTable(table)) {
            emit openRecord(spec->pageId, key);
        }
    });
}

HistoryFilter HistoryPage::currentFilter() const
{
    HistoryFilter filter;
    filter.table = m_table->currentData().toString();
    filter.rowKey = m_row->text().trimmed();
    filter.actor = m_actor->text().trimmed();
    // Local days: [from 00:00, the day after "to" 00:00).
    if (m_from->date() > noDate) {
        filter.from = QDateTime(m_from->date(), QTime(0, 0), QTimeZone::systemTimeZone());
    }
    if (m_to->date() > noDate) {
        filter.to = QDateTime(m_to->date().addDays(1), QTime(0, 0), QTimeZone::systemTimeZone());
    }
    return filter;
}

void HistoryPage::applyFilters()
{
    m_debounce->stop();
    m_history->setFilter(currentFilter());
}

std::unique_ptr<ExportSource> HistoryPage::exportSource() const
{
    if (!HistoryQuery::available(database())) {
        return nullptr;
    }
    // The filters as the fields say now, even when the last keystroke has not applied them yet.
    return std::make_unique<HistoryExportSource>(database().connectionName(), currentFilter(), true);
}

void HistoryPage::activate()
{
    if (m_loaded) {
        return;
    }
    m_loaded = true;
    applyFilters();
    emit ready();
}

void HistoryPage::reload()
{
    if (!m_loaded) {
        activate();
        return;
    }
    m_history->refresh();
}
