#pragma once

#include "history/HistoryQuery.h"
#include "pages/Page.h"

class HistoryView;
class QComboBox;
class QDateEdit;
class QLineEdit;
class QTimer;

// The whole audit log, newest first, filtered on the server by table, row, who and period (local
// dates, "to" inclusive). Double-click opens the changed row's form on its page; "Restore this
// value" works as on a form.
class HistoryPage : public Page
{
    Q_OBJECT
public:
    explicit HistoryPage(QSqlDatabase db, QWidget* parent = nullptr);

    QString pageId() const override { return QStringLiteral("history"); }
    QString title() const override { return tr("History"); }
    void activate() override;
    void reload() override;
    bool isReady() const override { return m_loaded; }
    // Every change matching the filters the page shows now (not only the rows loaded so far).
    std::unique_ptr<ExportSource> exportSource() const override;

    HistoryView* historyView() const { return m_history; }
    QComboBox* tableCombo() const { return m_table; }
    QLineEdit* rowEdit() const { return m_row; }
    QLineEdit* actorEdit() const { return m_actor; }
    QDateEdit* fromEdit() const { return m_from; }
    QDateEdit* toEdit() const { return m_to; }
    // Applies the filters now (they otherwise apply a moment after the last keystroke).
    void applyFilters();

signals:
    // Open the row `key` of the page `pageId` ("orders") in its form.
    void openRecord(const QString& pageId, const QVariant& key);

private:
    // The filters the fields hold (local days turned into instants).
    HistoryFilter currentFilter() const;

    HistoryView* m_history = nullptr;
    QComboBox* m_table = nullptr;
    QLineEdit* m_row = nullptr;
    QLineEdit* m_actor = nullptr;
    QDateEdit* m_from = nullptr;
    QDateEdit* m_to = nullptr;
    QTimer* m_debounce = nullptr;
    bool m_loaded = false;
};
