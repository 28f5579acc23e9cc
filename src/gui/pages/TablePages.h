#pragma once

#include <QList>
#include <QSqlDatabase>

class Page;
class QWidget;

// The six table pages, in navigation order: Users, Courses, Orders, Payments, Enrollments,
// Business info.
QList<Page*> createTablePages(QSqlDatabase db, QWidget* parent = nullptr);
