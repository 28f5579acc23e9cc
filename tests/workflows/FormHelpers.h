#pragma once

// Driving forms and pages in GUI tests: open a table page with its forms, find widgets by
// objectName, type, click. Widgets are found by name, so every widget has one.
#include "WorkflowFixture.h"
#include "models/PlatformTableModel.h"
#include "models/windowed/WindowedTableModel.h"
#include "pages/CoursesPage.h"
#include "pages/PageForms.h"
#include "pages/TablePage.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTest>

#include <memory>

namespace FormHelpers {
inline std::unique_ptr<TablePage> openPage(TestDatabase& db, const char* table)
{
    const QString name = QString::fromLatin1(table);
    std::unique_ptr<TablePage> page(name == QLatin1String("courses")
                                        ? new CoursesPage(db.db())
                                        : new TablePage(*TableSpec::forTable(name), db.db()));
    installForms(page.get());
    page->resize(1100, 700);
    page->show();
    page->activate();
    // The windowed model loads on its worker: the page is ready once the first rows are in.
    if (!QTest::qWaitFor([&page] { return page->isReady(); }, 20000)) {
        qWarning("%s page did not load", table);
    }
    return page;
}

// The row showing `key` (the test tables fit in the first windows; they are loaded first).
inline int rowOf(TablePage* page, const QVariant& key)
{
    WindowedTableModel* model = page->model();
    if (model->rowCount() > 0 && !model->waitForRows(0, model->rowCount() - 1)) {
        return -1;
    }
    for (int r = 0; r < model->rowCount(); ++r) {
        if (model->keyAt(r).toString() == key.toString()) {
            return r;
        }
    }
    return -1;
}

inline void selectRow(TablePage* page, const QVariant& key)
{
    const int row = rowOf(page, key);
    QVERIFY(row >= 0);
    page->view()->setCurrentIndex(page->model()->index(row, 1));
}

inline void trigger(QWidget* page, const char* actionName)
{
    auto* action = page->findChild<QAction*>(QString::fromLatin1(actionName));
    QVERIFY2(action, actionName);
    QVERIFY(action->isEnabled());
    action->trigger();
}

template <typename T>
T* child(QObject* parent, const char* name)
{
    T* found = parent->findChild<T*>(QString::fromLatin1(name));
    if (!found) {
        qWarning() << "no child" << name;
    }
    return found;
}

inline void typeInto(QWidget* root, const char* name, const QString& text)
{
    QWidget* w = child<QWidget>(root, name);
    QVERIFY(w);
    if (auto* line = qobject_cast<QLineEdit*>(w)) {
        line->clear();
    } else if (auto* plain = qobject_cast<QPlainTextEdit*>(w)) {
        plain->clear();
    }
    QTest::keyClicks(w, text);
}

inline void click(QWidget* root, const char* name)
{
    auto* button = child<QPushButton>(root, name);
    QVERIFY(button);
    QTest::mouseClick(button, Qt::LeftButton);
}

inline QString errorText(QWidget* form, const char* name)
{
    auto* label = child<QLabel>(form, name);
    return label && label->isVisibleTo(form) ? label->text() : QString();
}
} // namespace FormHelpers
