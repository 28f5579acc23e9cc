#pragma once

#include <QList>
#include <QSqlDatabase>

class Page;

// The finance pages for the main window: Payments review ("payments-review") and Reconciliation
// ("reconciliation"). ReconciliationPage::showRows(pageId, searchText) asks the main window to
// open a table page with a search; see ReconciliationPage.h.
QList<Page*> createFinancePages(QSqlDatabase db);
