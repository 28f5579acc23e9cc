#pragma once

#include "HistoryView.h"

// The History tab of a record's form: that row's changes, newest first, read when the tab is
// first shown (opening a form costs nothing extra). A restore reloads the form's fields.
class HistoryPanel : public HistoryView
{
    Q_OBJECT
public:
    HistoryPanel(QSqlDatabase db, const QString& table, const QString& rowKey, QWidget* parent = nullptr);
    bool isLoaded() const { return m_loaded; }

    // Adds the panel to every form of an existing row (RecordForm::addPanel). Once per process.
    static void install();

protected:
    void showEvent(QShowEvent* event) override;

private:
    HistoryFilter m_rowFilter;
    bool m_loaded = false;
};
