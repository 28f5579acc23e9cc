#include "../workflows/FormHelpers.h"
#include "dashboard/KpiTile.h"
#include "forms/Prompt.h"
#include "forms/ReasonPrompt.h"
#include "mainwindow/MainWindow.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialogButtonBox>
#include <QImage>
#include <QMenu>
#include <QMenuBar>
#include <QPainter>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QSqlError>
#include <QSqlQuery>
#include <QToolBar>

using namespace FormHelpers;

// Menus, shortcuts and keyboard use of the main window at the smallest supported size
// (1280x800), on the small workflow data set of both engines.
class TestKeyboard : public QObject
{
    Q_OBJECT

private:
    struct Window
    {
        std::unique_ptr<MainWindow> window;
        TablePage* show(const QString& pageId)
        {
            if (!window->showPage(pageId)) {
                return nullptr;
            }
            auto* page = qobject_cast<TablePage*>(window->currentPage());
            if (page && !QTest::qWaitFor([page] { return page->isReady(); }, 20000)) {
                return nullptr;
            }
            return page;
        }
    };
    static Window openWindow(TestDatabase& db)
    {
        Window w{std::make_unique<MainWindow>()};
        w.window->setDatabase(db.db());
        w.window->resize(1280, 800);
        w.window->show();
        if (!QTest::qWaitForWindowExposed(w.window.get())) {
            qWarning("window not exposed");
        }
        return w;
    }

    // In a menu of the menu bar, a menu of its own (a submenu's action), or a widget's
    // right-click menu (Qt::ActionsContextMenu).
    static bool inAMenu(const QAction* action)
    {
        for (QObject* o : action->associatedObjects()) {
            if (qobject_cast<QMenu*>(o) || qobject_cast<QMenuBar*>(o)) {
                return true;
            }
            auto* w = qobject_cast<QWidget*>(o);
            if (w && w->contextMenuPolicy() == Qt::ActionsContextMenu) {
                return true;
            }
        }
        return false;
    }

    static bool insidePage(const QObject* o)
    {
        for (; o; o = o->parent()) {
            if (qobject_cast<const Page*>(o)) {
                return true;
            }
        }
        return false;
    }

    // `root`'s actions (without those of its pages when `skipPages`) that have neither a shortcut
    // nor a menu entry, or no objectName.
    static QStringList actionsWithoutWay(QWidget* root, bool skipPages = false)
    {
        QStringList missing;
        QList<QAction*> internal; // Qt's own: line edit clear buttons, toolbar toggles
        for (QToolBar* bar : root->findChildren<QToolBar*>()) {
            internal << bar->toggleViewAction();
        }
        for (QAction* a : root->findChildren<QAction*>()) {
            if (a->isSeparator() || internal.contains(a) || a->objectName().startsWith(QLatin1String("_q_")) ||
                (skipPages && insidePage(a))) {
                continue;
            }
            // The untitled popups Qt makes for a toolbar's or menu bar's overflow: not commands.
            if (auto* m = qobject_cast<QMenu*>(a->parent()); m && a == m->menuAction() && m->title().isEmpty()) {
                continue;
            }
            if (a->objectName().isEmpty()) {
                missing << QStringLiteral("(no objectName) %1 in %2 %3")
                               .arg(a->text(), QString::fromLatin1(a->parent()->metaObject()->className()),
                                    a->parent()->objectName());
            } else if (a->shortcut().isEmpty() && !inAMenu(a)) {
                missing << a->objectName();
            }
        }
        return missing;
    }

    static QStringList names(const QList<QAction*>& actions)
    {
        QStringList result;
        for (QAction* a : actions) {
            if (!a->isSeparator()) {
                result << a->objectName();
            }
        }
        return result;
    }

    static QAction* menuBarAction(MainWindow* window, const QString& menu, const QString& action)
    {
        auto* m = window->findChild<QMenu*>(menu);
        if (!m) {
            return nullptr;
        }
        for (QAction* a : m->actions()) {
            if (a->objectName() == action) {
                return a;
            }
        }
        return nullptr;
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }
    void initTestCase() { Prompt::setTestMode(true); }
    void init() { Prompt::clearAsked(); }

    void everyActionHasAShortcutOrAMenuEntryAndAName()
    {
        SEEDED_DATABASE(db);
        Window w = openWindow(db);
        QStringList missing = actionsWithoutWay(w.window.get(), true);
        // A page's commands are in the Records menu while the page is shown: walk every page.
        for (Page* page : w.window->pages()) {
            QVERIFY(w.window->showPage(page->pageId()));
            for (const QString& name : actionsWithoutWay(page)) {
                missing << page->pageId() + QLatin1Char('/') + name;
            }
        }
        missing.removeDuplicates();
        QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral(", "))));
    }

    void workflowsAreInMenusWithShortcutsAndFollowTheSelection()
    {
        SEEDED_DATABASE(db);
        // A pending payment too, so that Refund has something to be disabled for.
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO payments (id, order_id, amount, status, payment_method, created_at, updated_at) "
            "VALUES (2, 1, 5999.00, 'PENDING', 'upi', '2026-01-01 00:00:00', '2026-01-01 00:00:00')")));
        Window w = openWindow(db);

        TablePage* payments = w.show(QStringLiteral("payments"));
        QVERIFY(payments);
        QAbstractItemModelTester tester(payments->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto* refund = payments->findChild<QAction*>(QStringLiteral("refundAction"));
        QVERIFY(refund);
        QCOMPARE(refund->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R));
        QVERIFY(menuBarAction(w.window.get(), QStringLiteral("recordsMenu"), QStringLiteral("refundAction")));
        selectRow(payments, 2);
        QTRY_VERIFY(!refund->isEnabled()); // a pending payment cannot be refunded
        std::unique_ptr<QMenu> menu(payments->createContextMenu());
        QVERIFY(menu->actions().contains(refund));
        QVERIFY(names(menu->actions()).contains(QStringLiteral("editRowAction")));
        selectRow(payments, 1);
        QTRY_VERIFY(refund->isEnabled()); // a completed one can

        menu.reset();
        // A right-click on the pending payment: it becomes current and its menu has Refund off.
        QTableView* table = payments->view();
        const QPoint pending = table->visualRect(payments->model()->index(rowOf(payments, 2), 2)).center();
        QContextMenuEvent rightClick(QContextMenuEvent::Mouse, pending, table->viewport()->mapToGlobal(pending));
        QApplication::sendEvent(table->viewport(), &rightClick);
        QMenu* popup = nullptr;
        QTRY_VERIFY((popup = payments->findChild<QMenu*>(QStringLiteral("rowContextMenu"))) != nullptr);
        QTRY_VERIFY(popup->isVisible());
        QCOMPARE(payments->currentKey().toString(), QStringLiteral("2"));
        QVERIFY(popup->actions().contains(refund));
        QVERIFY(!refund->isEnabled());
        popup->close();
        w.window->activateWindow();
        QTRY_VERIFY(w.window->isActiveWindow());
        selectRow(payments, 1);
        QTRY_VERIFY(refund->isEnabled());

        // The shortcut runs the workflow, also with the focus outside the table (navigation list).
        w.window->findChild<QWidget*>(QStringLiteral("navigationList"))->setFocus();
        ReasonPrompt::queueAnswer(QStringLiteral("Duplicate charge"));
        Prompt::queueAnswer(Prompt::Yes);
        QTest::keyClick(w.window.get(), Qt::Key_R, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT status FROM payments WHERE id = 1")).toString(),
                     QStringLiteral("REFUNDED"));

        TablePage* enrollments = w.show(QStringLiteral("enrollments"));
        QVERIFY(enrollments);
        selectRow(enrollments, 1); // cancelled with the refund
        auto* reactivate = enrollments->findChild<QAction*>(QStringLiteral("reactivateEnrollmentAction"));
        auto* suspend = enrollments->findChild<QAction*>(QStringLiteral("suspendEnrollmentAction"));
        QTRY_VERIFY(!suspend->isEnabled());
        QVERIFY(!reactivate->isEnabled());
        QVERIFY(db.exec(QStringLiteral("UPDATE enrollments SET status = 'ACTIVE' WHERE id = 1")));
        enrollments->reloadAndSelect(1);
        QTRY_VERIFY(suspend->isEnabled());
        QVERIFY(!reactivate->isEnabled());
        // The Records menu shows this page's commands now, not the payments page's.
        auto* records = w.window->findChild<QMenu*>(QStringLiteral("recordsMenu"));
        QVERIFY(names(records->actions()).contains(QStringLiteral("suspendEnrollmentAction")));
        QVERIFY(!names(records->actions()).contains(QStringLiteral("refundAction")));
        ReasonPrompt::queueAnswer(QStringLiteral("On hold"));
        QTest::keyClick(w.window.get(), Qt::Key_S, Qt::ControlModifier | Qt::ShiftModifier);
        QTRY_COMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT status FROM enrollments WHERE id = 1")).toString(),
                     QStringLiteral("SUSPENDED"));
        QTRY_VERIFY(reactivate->isEnabled());

        TablePage* orders = w.show(QStringLiteral("orders"));
        auto* record = orders->findChild<QAction*>(QStringLiteral("recordPaymentAction"));
        selectRow(orders, 2); // paid (then cancelled by the refund): nothing to record
        QTRY_VERIFY(!record->isEnabled());
        selectRow(orders, 1); // created
        QTRY_VERIFY(record->isEnabled());
    }

    void noToolbarCommandHidesInTheOverflowAt1280x800()
    {
        SEEDED_DATABASE(db);
        Window w = openWindow(db);
        QCOMPARE(w.window->size(), QSize(1280, 800));
        for (const char* id : {"users", "courses", "orders", "payments", "enrollments", "business"}) {
            TablePage* page = w.show(QString::fromLatin1(id));
            QVERIFY2(page, id);
            auto* bar = page->findChild<QToolBar*>(QStringLiteral("pageToolBar"));
            QVERIFY(bar);
            for (QAction* a : bar->actions()) {
                if (a->isSeparator() || !a->isVisible()) {
                    continue;
                }
                QWidget* button = bar->widgetForAction(a);
                QVERIFY2(button && button->isVisible(), qPrintable(QStringLiteral("%1/%2").arg(id, a->objectName())));
            }
            // The page's rows above the toolbar (filters, saved views) settle their layout after the
            // first show: what counts is the laid-out window the user sees.
            for (auto* extension : bar->findChildren<QWidget*>(QStringLiteral("qt_toolbar_ext_button"))) {
                QTRY_VERIFY2(!extension->isVisible(), id);
            }
        }
    }

    void reasonDialogWorksByKeyboard()
    {
        {
            ReasonDialog dialog(QStringLiteral("Refund"), QStringLiteral("Reason:"));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            dialog.activateWindow();
            QTRY_COMPARE(QApplication::focusWidget(), dialog.textEdit());
            QTest::keyClicks(dialog.textEdit(), QStringLiteral("Charged twice"));
            QTest::keyClick(dialog.textEdit(), Qt::Key_Return, Qt::ShiftModifier); // a new line
            QTest::keyClicks(dialog.textEdit(), QStringLiteral("on 3 Nov"));
            QTest::keyClick(dialog.textEdit(), Qt::Key_Tab); // leaves the text box
            QVERIFY(QApplication::focusWidget() != dialog.textEdit());
            QCOMPARE(dialog.textEdit()->toPlainText(), QStringLiteral("Charged twice\non 3 Nov"));
            QVERIFY(dialog.isVisible());
            QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space); // the OK button has the focus
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QCOMPARE(dialog.reason(), QStringLiteral("Charged twice\non 3 Nov"));
        }
        for (auto modifier : {Qt::NoModifier, Qt::ControlModifier}) {
            ReasonDialog dialog(QStringLiteral("Refund"), QStringLiteral("Reason:"));
            dialog.show();
            QVERIFY(QTest::qWaitForWindowExposed(&dialog));
            QTest::keyClicks(dialog.textEdit(), QStringLiteral("Duplicate"));
            QTest::keyClick(dialog.textEdit(), Qt::Key_Return, modifier);
            QCOMPARE(dialog.result(), int(QDialog::Accepted));
            QVERIFY(!dialog.isVisible());
            QCOMPARE(dialog.reason(), QStringLiteral("Duplicate"));
        }
        ReasonDialog dialog(QStringLiteral("Refund"), QStringLiteral("Reason:"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(dialog.textEdit(), QStringLiteral("Never mind"));
        QTest::keyClick(dialog.textEdit(), Qt::Key_Escape);
        QCOMPARE(dialog.result(), int(QDialog::Rejected));
        QVERIFY(!dialog.isVisible());
    }

    void reconciliationLinkClearsTheFilterThatHidesItsRow()
    {
        SEEDED_DATABASE(db);
        Window w = openWindow(db);
        TablePage* orders = w.show(QStringLiteral("orders"));
        QVERIFY(orders && orders->filterCombo());
        orders->filterCombo()->setCurrentIndex(orders->filterCombo()->findData(QStringLiteral("CREATED")));
        QTRY_COMPARE(orders->model()->rowCount(), 1);
        w.window->showPage(QStringLiteral("reconciliation"));
        // What a finding's double-click asks for: the PAID order 2, hidden by "Created".
        w.window->showRows(QStringLiteral("orders"), QStringLiteral("ORD1700000000002"));
        QCOMPARE(w.window->currentPage(), orders);
        QCOMPARE(orders->filterCombo()->currentIndex(), 0);
        QTRY_COMPARE(orders->model()->rowCount(), 1);
        QVERIFY(orders->model()->waitForRows(0, 0));
        QCOMPARE(orders->model()->keyAt(0).toString(), QStringLiteral("2"));
    }

    void kpiFiguresNeverClip()
    {
        SEEDED_DATABASE(db);
        Window w = openWindow(db);
        QVERIFY(w.window->showPage(QStringLiteral("dashboard")));
        Page* dashboard = w.window->currentPage();
        QTRY_VERIFY(dashboard->isReady());
        const auto tiles = dashboard->findChildren<QFrame*>(QRegularExpression(QStringLiteral("^kpi_")));
        QCOMPARE(tiles.size(), 7);
        // The longest figures the tiles can get (a crore-scale month in rupees).
        for (QFrame* tile : tiles) {
            static_cast<KpiTile*>(tile)->setValue(QStringLiteral("\u20B92,70,49,720.00"), QStringLiteral("+12.5%"));
        }
        for (QFrame* tile : tiles) {
            QLabel* value = static_cast<KpiTile*>(tile)->valueLabel();
            QTRY_VERIFY2(value->fontMetrics().horizontalAdvance(value->text()) <= value->contentsRect().width(),
                         qPrintable(tile->objectName()));
            QVERIFY(tile->geometry().right() < dashboard->width()); // the row fits the window too
        }

        // The PDF path: a tile never shown, drawn on a 120 dpi page at a quarter of its width.
        KpiTile tile(QStringLiteral("gross"), QStringLiteral("Gross revenue"));
        tile.setValue(QStringLiteral("\u20B92,70,49,720.00"), QStringLiteral("+12.5%"));
        QImage page(1400, 990, QImage::Format_ARGB32);
        page.setDotsPerMeterX(qRound(120 / 0.0254));
        page.setDotsPerMeterY(qRound(120 / 0.0254));
        page.fill(Qt::white);
        QPainter painter(&page);
        const int height = tile.paintTo(&painter, QRect(0, 0, 1400 / 7 - 8, 250));
        painter.end();
        QVERIFY(height > 0);
        QLabel* value = tile.valueLabel();
        QVERIFY(value->fontMetrics().horizontalAdvance(value->text()) <= value->contentsRect().width());
    }
};

QTEST_MAIN(TestKeyboard)
#include "tst_keyboard.moc"
