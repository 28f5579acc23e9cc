#include "FinancePages.h"

#include "PaymentsReviewPage.h"
#include "ReconciliationPage.h"

QList<Page*> createFinancePages(QSqlDatabase db)
{
    return {new PaymentsReviewPage(db), new ReconciliationPage(db)};
}
