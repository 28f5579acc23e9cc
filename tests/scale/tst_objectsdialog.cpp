// The app's "create Coursedesk's objects": the progress dialog shows which index is being built and
// its phase, Cancel stops the build on the server, and the next run rebuilds the index the cancel
// left INVALID (PostgreSQL; on SQLite the dialog builds everything). Real widgets, offscreen.
#include "DatasetGenerator.h"
#include "TestEngines.h"
#include "connection/ObjectsBuildDialog.h"
#include "reports/RevenueRollup.h"
#include "schema/ObjectsBuilder.h"

#include <QPushButton>
#include <QSqlQuery>
#include <QTest>
#include <QTimer>

class TestObjectsDialog : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void cancelStopsTheBuildAndTheNextRunCompletesIt()
    {
        TEST_EMPTY_DATABASE(db);
        DatasetSizes sizes;
        sizes.users = 1000;
        sizes.courses = 10;
        sizes.orders = 3000;
        sizes.platformOnly = true;
        QString error;
        QVERIFY2(DatasetGenerator::generate(db.db(), sizes, &error), qPrintable(error));
        if (db.engine() == Engine::Sqlite) {
            // One writer at a time, nothing to hold open: the dialog builds everything.
            ObjectsBuildDialog dialog(db.connectionName(), nullptr);
            QVERIFY2(dialog.build(&error), qPrintable(error));
            QVERIFY(ObjectsBuilder(db.db()).isComplete());
            return;
        }
        // A reader older than the build: the first concurrent index waits for it to finish.
        const QSqlDatabase reader = QSqlDatabase::database(db.openExtraConnection(), false);
        QSqlQuery hold(reader);
        QVERIFY(hold.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ")));
        QVERIFY(hold.exec(QStringLiteral("SELECT count(*) FROM courses")) && hold.next());

        QStringList seen;
        {
            ObjectsBuildDialog dialog(db.connectionName(), nullptr);
            QTimer watch;
            watch.setInterval(20);
            connect(&watch, &QTimer::timeout, &dialog, [&] {
                seen << dialog.labelText();
                if (dialog.labelText().contains(QLatin1String("waiting"))) {
                    watch.stop();
                    auto* cancel = dialog.findChild<QPushButton*>();
                    QVERIFY(cancel);
                    QTest::mouseClick(cancel, Qt::LeftButton);
                }
            });
            watch.start();
            QVERIFY(!dialog.build(&error));
            QVERIFY2(error.contains(QLatin1String("Cancelled")), qPrintable(error));
        }
        QVERIFY2(seen.join(QLatin1Char('\n')).contains(QLatin1String("Building coursedesk_orders_created_at_id")),
                 qPrintable(seen.join(QLatin1Char('\n'))));
        QVERIFY(hold.exec(QStringLiteral("COMMIT")));

        bool invalid = false;
        for (const ObjectsBuilder::Item& item : ObjectsBuilder(db.db()).inventory()) {
            invalid = invalid || item.invalid;
        }
        QVERIFY(invalid);
        ObjectsBuildDialog again(db.connectionName(), nullptr);
        QVERIFY2(again.build(&error), qPrintable(error));
        QVERIFY(ObjectsBuilder(db.db()).isComplete());
        // The completed build started the daily revenue rollup: every payment recorded.
        QVERIFY(RevenueRollup::isStarted(db.db()));
        QSqlQuery recorded(db.db());
        QVERIFY(recorded.exec(QStringLiteral("SELECT (SELECT COUNT(*) FROM coursedesk_revenue_seen_payments), "
                                             "(SELECT COUNT(*) FROM payments)")) &&
                recorded.next());
        QVERIFY(recorded.value(1).toLongLong() > 0);
        QCOMPARE(recorded.value(0).toLongLong(), recorded.value(1).toLongLong());
    }
};

QTEST_MAIN(TestObjectsDialog)
#include "tst_objectsdialog.moc"
