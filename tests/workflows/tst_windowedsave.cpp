// Saving from a windowed table page, both engines: rows marked for deletion are deleted on Save,
// edits land on their rows, a row someone else changed since it was loaded is not overwritten
// (nothing at all is written), and a refused value names the row and the field.
#include "TestEngines.h"
#include "TestSql.h"
#include "models/windowed/WindowedTableModel.h"

#include <QAbstractItemModelTester>
#include <QSqlQuery>
#include <QTest>

class TestWindowedSave : public QObject
{
    Q_OBJECT

private:
    static QVariant value(const QSqlDatabase& db, const QString& sql, const QVariant& key)
    {
        return TestSql::scalar(db, sql, {key});
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void deleteAndEditSavedTogether()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("user_business_info"));
        WindowedTableModel model(spec, db.connectionName());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.waitForCount());
        const int before = model.rowCount();
        QVERIFY(model.waitForRows(0, 1));
        const QVariant gone = model.keyAt(0);
        const QVariant kept = model.keyAt(1);
        const int goals = spec.indexOf(QStringLiteral("goals"));

        QVERIFY(model.removeRows(0, 1));
        QVERIFY(model.isDeletedRow(0));
        QCOMPARE(model.index(0, goals).data(WindowedTableModel::CellStateRole).toInt(),
                 int(PlatformTableModel::DeletedRow));
        QVERIFY(!(model.flags(model.index(0, goals)) & Qt::ItemIsEditable));
        QVERIFY(model.setData(model.index(1, goals), QStringLiteral("Export to the UAE")));
        QCOMPARE(model.index(1, goals).data(WindowedTableModel::CellStateRole).toInt(),
                 int(PlatformTableModel::ChangedCell));
        QCOMPARE(model.pendingKeys().size(), 2);
        // Pending changes are kept by key: a new sort does not lose them.
        model.sort(goals, Qt::AscendingOrder);
        model.sort(spec.indexOf(QStringLiteral("created_at")), Qt::DescendingOrder);
        QVERIFY(model.isDirty());
        QVERIFY(model.waitForRows(0, 1));
        QVERIFY(model.isDeletedRow(0));

        QVERIFY2(model.submitAll(), qPrintable(model.lastError()));
        QVERIFY(!model.isDirty());
        const QString byKey = QStringLiteral("SELECT COUNT(*) FROM user_business_info WHERE id = ?");
        QCOMPARE(value(db.db(), byKey, gone).toInt(), 0);
        QCOMPARE(value(db.db(), QStringLiteral("SELECT goals FROM user_business_info WHERE id = ?"), kept).toString(),
                 QStringLiteral("Export to the UAE"));
        // The page reads itself again: one row fewer, the count too.
        QTRY_COMPARE(model.rowCount(), before - 1);
        QVERIFY(model.waitForRows(0, 0));
        QCOMPARE(model.keyAt(0), kept);
    }

    void changedByOtherIsNotOverwritten()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("users"));
        WindowedTableModel model(spec, db.connectionName());
        QVERIFY(model.waitForRows(0, 1));
        const QVariant first = model.keyAt(0);
        const QVariant second = model.keyAt(1);
        const int city = spec.indexOf(QStringLiteral("city"));
        const int phone = spec.indexOf(QStringLiteral("phone"));
        QVERIFY(model.setData(model.index(0, city), QStringLiteral("Shillong")));
        QVERIFY(model.setData(model.index(1, city), QStringLiteral("Kohima")));

        // Someone else changes another field of the second row meanwhile.
        const QString other = db.openExtraConnection();
        QSqlQuery update(QSqlDatabase::database(other));
        QVERIFY(update.prepare(QStringLiteral("UPDATE users SET phone = '9000000001' WHERE id = ?")));
        update.addBindValue(second);
        QVERIFY(update.exec());

        QVERIFY(!model.submitAll());
        const auto& failure = model.saveFailure();
        QCOMPARE(failure.row, 1);
        QCOMPARE(failure.column, phone);
        QVERIFY2(failure.text().contains(QStringLiteral("changed this row")), qPrintable(failure.text()));
        QVERIFY2(failure.text().contains(QStringLiteral("9000000001")), qPrintable(failure.text()));
        // Nothing was written, and both edits are still there to save after a look.
        const QString cityOf = QStringLiteral("SELECT city FROM users WHERE id = ?");
        QVERIFY(value(db.db(), cityOf, first).toString() != QStringLiteral("Shillong"));
        QVERIFY(value(db.db(), cityOf, second).toString() != QStringLiteral("Kohima"));
        QCOMPARE(model.index(0, city).data().toString(), QStringLiteral("Shillong"));
        QCOMPARE(model.pendingKeys().size(), 2);
    }

    void refusedValueNamesRowAndField()
    {
        TEST_DATABASE(db);
        QVERIFY2(db.fillDemoData(), qPrintable(db.error()));
        const TableSpec& spec = *TableSpec::forTable(QStringLiteral("users"));
        WindowedTableModel model(spec, db.connectionName());
        QVERIFY(model.waitForRows(0, 1));
        const int email = spec.indexOf(QStringLiteral("email"));
        const QString mine = model.index(0, email).data().toString();
        const QString taken = model.index(1, email).data().toString();
        QVERIFY(model.setData(model.index(0, email), taken));
        QVERIFY(!model.submitAll());
        const auto& failure = model.saveFailure();
        QCOMPARE(failure.row, 0);
        QCOMPARE(failure.column, email);
        QCOMPARE(failure.field, QStringLiteral("Email"));
        QCOMPARE(failure.rowLabel, mine);
        QVERIFY2(failure.message.contains(taken), qPrintable(failure.text()));
        QCOMPARE(value(db.db(), QStringLiteral("SELECT email FROM users WHERE id = ?"), model.keyAt(0)).toString(),
                 mine);
        QVERIFY(model.isDirty());
        model.revertAll();
        QVERIFY(!model.isDirty());
        QCOMPARE(model.index(0, email).data().toString(), mine);
    }
};

QTEST_MAIN(TestWindowedSave)
#include "tst_windowedsave.moc"
