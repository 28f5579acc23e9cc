#include "TablePages.h"

#include "CoursesPage.h"
#include "TablePage.h"
#include "pages/PageForms.h"

QList<Page*> createTablePages(QSqlDatabase db, QWidget* parent)
{
    QList<Page*> pages;
    for (const char* table : {"users", "courses", "orders", "payments", "enrollments", "user_business_info"}) {
        const QString name = QString::fromLatin1(table);
        if (name == QLatin1String("courses")) {
            pages << new CoursesPage(db, parent);
        } else {
            pages << new TablePage(*TableSpec::forTable(name), db, parent);
        }
    }
    for (Page* page : std::as_const(pages)) {
        if (auto* tablePage = qobject_cast<TablePage*>(page)) {
            installForms(tablePage); // edit forms and workflow actions
        }
    }
    return pages;
}
