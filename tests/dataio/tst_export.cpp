#include "DataioFixture.h"
#include "TestSql.h"

#include "export/CsvExportWriter.h"
#include "export/ExportCommand.h"
#include "export/ExportJob.h"
#include "export/ExportTime.h"
#include "export/TableExportSource.h"
#include "export/XlsxExportWriter.h"
#include "import/XlsxReader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

// Exports of a page: exactly its filtered, sorted rows and visible columns, names instead of ids,
// exact money with its currency, local times with the offset in the header; nothing left behind
// when cancelled. Both engines.
class TestExport : public QObject
{
    Q_OBJECT

private:
    static QString readText(const QString& path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
    }
    // The Orders page showing PAID orders, sorted by amount (ascending), with five columns.
    static TableExportSource paidOrdersByAmount(const TestDatabase& db, bool clone = false)
    {
        const TableSpec& spec = *TableSpec::forPage(QStringLiteral("orders"));
        WindowedQuery query(spec, db.engine());
        query.setFilters({{QStringLiteral("status"), ColumnFilter::Match::Equals, QStringLiteral("PAID")}});
        query.setSort(spec.indexOf(QStringLiteral("amount")), Qt::AscendingOrder);
        const QList<int> columns = {spec.indexOf(QStringLiteral("order_number")),
                                    spec.indexOf(QStringLiteral("user_id")), spec.indexOf(QStringLiteral("course_id")),
                                    spec.indexOf(QStringLiteral("amount")), spec.indexOf(QStringLiteral("created_at"))};
        return TableExportSource(db.connectionName(), query, columns, clone);
    }

    // Quotes, commas, line breaks, non-ASCII, NULL and empty text, an unknown status, fractions of
    // a second.
    static bool makeAwkward(TestDatabase& db)
    {
        const bool ok = db.exec(QStringLiteral(
            "UPDATE courses SET name = 'Data, \"Science\"' || chr(10) || 'कोर्स ü;' || chr(13) || 'x' "
            "WHERE id = 'starter-track';\n"
            "UPDATE users SET first_name = '\"Asha\"', last_name = '', whatsapp = NULL, city = 'Pune, MH' "
            "WHERE id = 1;\n"
            "UPDATE users SET whatsapp = '', address = 'Line 1' || chr(10) || 'Line 2' WHERE id = 2;\n"
            "UPDATE orders SET razorpay_order_id = NULL, status = 'ON_HOLD', "
            "created_at = '2026-03-08 23:59:59.999' WHERE id = 1;\n"
            "UPDATE orders SET razorpay_order_id = '', created_at = '1999-12-31 18:30:00' WHERE id = 2"));
        if (!ok) {
            qWarning() << db.error();
        }
        return ok;
    }

    // Exports `query` into `dir` twice: through the client path and through COPY (PostgreSQL), in
    // batches of `pageSize` rows when it is not 0. Both must succeed with the same rows, and COPY
    // must be used exactly when the zone's offset is fixed. Their paths go to `clientPath` and
    // `serverPath`, the row count to `rows`; check QTest::currentTestFailed() afterwards.
    static void exportBothWays(const TestDatabase& db, const TableSpec& spec, const WindowedQuery& query,
                               const ExportOptions& options, const QTemporaryDir& dir, int pageSize,
                               QString* clientPath, QString* serverPath, qint64* rows)
    {
        const bool csv = options.format == ExportOptions::Format::Csv;
        const QString suffix = csv ? QStringLiteral(".csv") : QStringLiteral(".xlsx");
        TableExportSource client(db.connectionName(), query, {}, false);
        client.setServerCopy(false);
        *clientPath = dir.filePath(spec.table + QStringLiteral("-client") + suffix);
        const auto a = ExportJob::run(client, options, *clientPath);
        QVERIFY2(a.ok(), qPrintable(a.message));
        TableExportSource server(db.connectionName(), query, {}, false);
        if (pageSize > 0) {
            server.setPageSize(pageSize);
        }
        QVERIFY(server.open(nullptr));
        const bool fixed = ExportTime(options.zone).fixedOffset();
        QCOMPARE(csv ? server.copiesCsv(options) : server.copiesCells(options), fixed);
        *serverPath = dir.filePath(spec.table + QStringLiteral("-server") + suffix);
        const auto b = ExportJob::run(server, options, *serverPath);
        QVERIFY2(b.ok(), qPrintable(b.message));
        QCOMPARE(b.rows, a.rows);
        QVERIFY(a.rows > 0);
        *rows = a.rows;
    }

    // Runs `check` on every table page's default query; stops at the first failure, naming the page.
    template <typename Check>
    static void onEveryTablePage(Engine engine, const Check& check)
    {
        for (const QString& page : {QStringLiteral("users"), QStringLiteral("courses"), QStringLiteral("orders"),
                                    QStringLiteral("payments"), QStringLiteral("enrollments")}) {
            const TableSpec& spec = *TableSpec::forPage(page);
            check(spec, WindowedQuery(spec, engine));
            if (QTest::currentTestFailed()) {
                qWarning() << "page" << page;
                return;
            }
        }
    }

private slots:
    void initTestCase_data() { TestEngines::addRows(); }

    void csvHoldsTheFilteredSortedPageAcrossKeysetPages()
    {
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        TableExportSource source = paidOrdersByAmount(db);
        source.setServerCopy(false); // PostgreSQL would COPY all rows at once: the batches are the point here
        source.setPageSize(2);       // four PAID orders: three keyset pages
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orders.csv"));
        QList<qint64> progress;
        const auto result = ExportJob::run(source, ExportOptions(), path, nullptr,
                                           [&](const ExportProgress& p) { progress << p.rows; });
        QVERIFY2(result.ok(), qPrintable(result.message));
        QCOMPARE(result.rows, 4);
        QCOMPARE(progress, (QList<qint64>{2, 4}));
        // Amount's currency column is added (the page's Currency column is not exported); the
        // seed's UTC times appear in Asia/Kolkata (the suites' zone) with the offset in the header.
        QCOMPARE(readText(path),
                 QStringLiteral("Order number,User,Course,Amount,Amount currency,Created (UTC+05:30)\r\n"
                                "ORD1700000000005,zoya@example.in,Starter Track,0.10,INR,2026-03-06 05:29:59\r\n"
                                "ORD1700000000004,asha@example.in,Growth Track,12.50,USD,2026-03-01 15:30:00\r\n"
                                "ORD1700000000002,liam@example.in,Growth Track,9999.00,INR,2026-01-02 05:30:00\r\n"
                                "ORD1700000000003,zoya@example.in,\"Pro, \"\"Advanced\"\"\",19999.99,INR,"
                                "2026-02-02 00:15:30\r\n"));
    }

    void csvWithByteOrderMarkForExcel()
    {
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        TableExportSource source = paidOrdersByAmount(db);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orders.csv"));
        ExportOptions options;
        options.byteOrderMark = true;
        QVERIFY(ExportJob::run(source, options, path).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().startsWith("\xEF\xBB\xBFOrder number,"));
    }

    void xlsxHasNumericMoneyDateCellsAndAFrozenHeader()
    {
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        TableExportSource source = paidOrdersByAmount(db);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orders.xlsx"));
        ExportOptions options;
        options.format = ExportOptions::Format::Xlsx;
        options.title = QStringLiteral("Orders");
        const auto result = ExportJob::run(source, options, path);
        QVERIFY2(result.ok(), qPrintable(result.message));
        ImportSheet sheet;
        QString error;
        QVERIFY2(XlsxReader::read(path, &sheet, &error), qPrintable(error));
        QCOMPARE(sheet.header, (QStringList{QStringLiteral("Order number"), QStringLiteral("User"),
                                            QStringLiteral("Course"), QStringLiteral("Amount"),
                                            QStringLiteral("Amount currency"), QStringLiteral("Created (UTC+05:30)")}));
        QCOMPARE(sheet.records.size(), 4);
        QCOMPARE(sheet.records.at(1).fields.at(1), QStringLiteral("asha@example.in"));
        QCOMPARE(sheet.records.at(3).fields.at(2), QStringLiteral("Pro, \"Advanced\""));
        const QByteArray xml = DataioFixture::zipPart(path, QStringLiteral("xl/worksheets/sheet1.xml"));
        // Money and times are numbers (no t="s"/"str" type), the header row is frozen.
        QVERIFY(xml.contains("<c r=\"D2\" s=\"") && xml.contains("<v>0.1</v>"));
        QVERIFY(xml.contains("<v>12.5</v>"));
        QVERIFY(xml.contains("<v>19999.99</v>"));
        QVERIFY(xml.contains("state=\"frozen\""));
        // 2026-01-02 05:30:00 local = Excel serial 46024.229166...
        QVERIFY(xml.contains("<v>46024.22916"));
        const QString styles = QString::fromUtf8(DataioFixture::zipPart(path, QStringLiteral("xl/styles.xml")));
        QVERIFY(styles.contains(QStringLiteral("formatCode=\"&quot;₹&quot;#,##0.00\"")));
        QVERIFY(styles.contains(QStringLiteral("formatCode=\"&quot;$&quot;#,##0.00\"")));
        QVERIFY(styles.contains(QStringLiteral("formatCode=\"yyyy-mm-dd hh:mm:ss\"")));
    }

    void xlsxContinuesOnANewSheetPastTheRowLimit()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("many.xlsx"));
        ExportOptions options;
        options.format = ExportOptions::Format::Xlsx;
        options.title = QStringLiteral("Orders");
        XlsxExportWriter writer(options, options.title);
        writer.setRowsPerSheet(3); // header + 2 rows per sheet
        QString error;
        QVERIFY(writer.begin(path, {{QStringLiteral("N"), ExportColumn::Type::Integer}}, &error));
        QVERIFY(writer.write({{ExportValue::ofInteger(1)}, {ExportValue::ofInteger(2)}, {ExportValue::ofInteger(3)}},
                             &error));
        QVERIFY(writer.commit(&error));
        const QByteArray workbook = DataioFixture::zipPart(path, QStringLiteral("xl/workbook.xml"));
        QVERIFY(workbook.contains("name=\"Orders\""));
        QVERIFY(workbook.contains("name=\"Orders (2)\""));
        QVERIFY(DataioFixture::zipPart(path, QStringLiteral("xl/worksheets/sheet2.xml")).contains("<v>3</v>"));
    }

    void cancelledExportLeavesNoFile_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(ExportOptions::Format::Csv);
        QTest::newRow("xlsx") << int(ExportOptions::Format::Xlsx);
    }
    void cancelledExportLeavesNoFile()
    {
        QFETCH(int, format);
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orders.out"));
        const QString existing = dir.filePath(QStringLiteral("previous.out"));
        ExportOptions options;
        options.format = ExportOptions::Format(format);
        for (const QString& target : {path, existing}) {
            if (target == existing) {
                QFile f(existing);
                QVERIFY(f.open(QIODevice::WriteOnly));
                f.write("last week's export");
            }
            // One row per batch: on PostgreSQL (CSV and XLSX through COPY) the rows still in flight are
            // cancelled on the server, and the connection is usable afterwards.
            TableExportSource source = paidOrdersByAmount(db);
            source.setPageSize(1);
            std::atomic_bool cancel = false;
            // The user presses Cancel once the first rows are written.
            const auto result =
                ExportJob::run(source, options, target, &cancel, [&](const ExportProgress&) { cancel = true; });
            QCOMPARE(result.status, ExportJob::Result::Status::Cancelled);
            QCOMPARE(result.rows, 1);
        }
        QCOMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT COUNT(*) FROM orders"), {}).toInt(), 6);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(readText(existing), QStringLiteral("last week's export"));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{QStringLiteral("previous.out")});
    }

    void failedExportLeavesNoFile()
    {
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        TableExportSource source = paidOrdersByAmount(db);
        source.setServerCopy(false); // one row per batch, so that there is a second one to fail
        source.setPageSize(1);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orders.csv"));
        // The table goes away after the first page: reading the second fails.
        const auto result = ExportJob::run(source, ExportOptions(), path, nullptr, [&](const ExportProgress&) {
            QVERIFY2(db.exec(QStringLiteral("DROP TABLE enrollments;\nDROP TABLE payments;\nDROP TABLE orders")),
                     qPrintable(db.error()));
        });
        QCOMPARE(result.status, ExportJob::Result::Status::Failed);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    // PostgreSQL writes CSV with COPY, the server formatting each value: the file must be the
    // one the client path writes, byte for byte, on every page, with awkward values (quotes,
    // commas, line breaks, non-ASCII, NULL and empty text, unknown statuses, fractions of a
    // second), with filters of every kind of bound value, and in zones with or without an offset
    // change (a zone with daylight saving is left to the client path).
    void serverCsvIsTheClientCsvByteForByte_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::newRow("Asia/Kolkata") << QStringLiteral("Asia/Kolkata");
        QTest::newRow("UTC") << QStringLiteral("UTC");
        QTest::newRow("America/New_York (daylight saving)") << QStringLiteral("America/New_York");
    }
    void serverCsvIsTheClientCsvByteForByte()
    {
        QFETCH(QString, zone);
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("COPY is PostgreSQL's; SQLite exports through the client path only");
        }
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        QVERIFY(makeAwkward(db));
        ExportOptions options;
        options.zone = QTimeZone(zone.toUtf8());
        QTemporaryDir dir;
        const auto both = [&](const TableSpec& spec, const WindowedQuery& query) {
            QString clientPath;
            QString serverPath;
            qint64 rows = 0;
            exportBothWays(db, spec, query, options, dir, 0, &clientPath, &serverPath, &rows);
            if (QTest::currentTestFailed()) {
                return;
            }
            QCOMPARE(readText(serverPath), readText(clientPath));
        };
        onEveryTablePage(db.engine(), both);
        if (QTest::currentTestFailed()) {
            return;
        }
        // Filters binding text, a case-insensitive prefix, minor units and a stored-zone time.
        const TableSpec& orders = *TableSpec::forPage(QStringLiteral("orders"));
        WindowedQuery query(orders, db.engine());
        query.setFilters(
            {{QStringLiteral("amount"), ColumnFilter::Match::AtLeast, qint64(1000)},
             {QStringLiteral("created_at"), ColumnFilter::Match::Below, QStringLiteral("2026-12-01 00:00:00")},
             {QStringLiteral("user_id"), ColumnFilter::Match::KeyEquals, 3}});
        query.setSearchText(QStringLiteral("ORD17"));
        query.setSort(orders.indexOf(QStringLiteral("amount")), Qt::DescendingOrder);
        both(orders, query);
    }

    // PostgreSQL streams XLSX cells from a COPY in its text format: the sheet must hold the cells
    // of the client path, byte for byte in the sheet's XML (strings, numbers, styles), with the
    // awkward values of the CSV test plus microseconds that round up into the next day, money
    // stored as NaN, negative, in euros or with an empty currency, on every page and with filters.
    void serverXlsxIsTheClientXlsx_data()
    {
        QTest::addColumn<QString>("zone");
        QTest::newRow("Asia/Kolkata") << QStringLiteral("Asia/Kolkata");
        QTest::newRow("America/New_York (daylight saving)") << QStringLiteral("America/New_York");
    }
    void serverXlsxIsTheClientXlsx()
    {
        QFETCH(QString, zone);
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("COPY is PostgreSQL's; SQLite exports through the client path only");
        }
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        QVERIFY(makeAwkward(db));
        QVERIFY2(db.exec(QStringLiteral(
                     "UPDATE orders SET created_at = '2026-03-05 18:29:59.999600', amount = 'NaN' WHERE id = 3;\n"
                     "UPDATE orders SET created_at = '2026-03-01 10:00:00.123456', currency = 'EUR' WHERE id = 4;\n"
                     "UPDATE orders SET amount = -0.50, currency = '' WHERE id = 5;\n"
                     "UPDATE orders SET created_at = '2026-03-06 00:00:00.0005' WHERE id = 6")),
                 qPrintable(db.error()));
        ExportOptions options;
        options.format = ExportOptions::Format::Xlsx;
        options.title = QStringLiteral("Orders");
        options.zone = QTimeZone(zone.toUtf8());
        QTemporaryDir dir;
        const auto both = [&](const TableSpec& spec, const WindowedQuery& query) {
            QString clientPath;
            QString serverPath;
            qint64 rows = 0;
            exportBothWays(db, spec, query, options, dir, 2, &clientPath, &serverPath, &rows); // several batches
            if (QTest::currentTestFailed()) {
                return;
            }
            for (const QString& part : {QStringLiteral("xl/worksheets/sheet1.xml"), QStringLiteral("xl/styles.xml")}) {
                const QByteArray server = DataioFixture::zipPart(serverPath, part);
                QVERIFY(!server.isEmpty());
                QCOMPARE(server, DataioFixture::zipPart(clientPath, part));
            }
            ImportSheet sheet;
            QString error;
            QVERIFY2(XlsxReader::read(serverPath, &sheet, &error), qPrintable(error));
            QCOMPARE(sheet.records.size(), rows);
        };
        onEveryTablePage(db.engine(), both);
        if (QTest::currentTestFailed()) {
            return;
        }
        const TableSpec& orders = *TableSpec::forPage(QStringLiteral("orders"));
        WindowedQuery query(orders, db.engine());
        query.setFilters(
            {{QStringLiteral("status"), ColumnFilter::Match::Equals, QStringLiteral("PAID")},
             {QStringLiteral("created_at"), ColumnFilter::Match::Below, QStringLiteral("2026-12-01 00:00:00")}});
        query.setSearchText(QStringLiteral("ORD17"));
        query.setSort(orders.indexOf(QStringLiteral("created_at")), Qt::DescendingOrder);
        both(orders, query);
    }

    // A COPY the server ends with an error midway (here cancelled by an administrator; a dropped
    // connection or a statement timeout ends it alike) fails the export with no file left.
    void serverCopyFailingMidwayLeavesNoFile_data()
    {
        QTest::addColumn<int>("format");
        QTest::newRow("csv") << int(ExportOptions::Format::Csv);
        QTest::newRow("xlsx") << int(ExportOptions::Format::Xlsx);
    }
    void serverCopyFailingMidwayLeavesNoFile()
    {
        QFETCH(int, format);
        TEST_DATABASE(db);
        if (db.engine() != Engine::Postgres) {
            QSKIP("COPY is PostgreSQL's");
        }
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        // More rows than the socket buffers hold, so that the server is still sending.
        QVERIFY2(db.exec(QStringLiteral(
                     "INSERT INTO orders (id, order_number, user_id, course_id, amount, currency, status, "
                     "created_at, updated_at) SELECT 100 + n, 'ORD9' || lpad(n::text, 12, '0'), 1 + n % 3, "
                     "'pro-track', 10.00, 'INR', 'PAID', timestamp '2026-01-01' + n * interval '1 second', "
                     "timestamp '2026-01-01' FROM generate_series(1, 100000) AS n")),
                 qPrintable(db.error()));
        TableExportSource source = paidOrdersByAmount(db, true); // its own connection, as in the app
        source.setPageSize(1000);
        QVERIFY(source.open(nullptr));
        ExportOptions options;
        options.format = ExportOptions::Format(format);
        QVERIFY(options.format == ExportOptions::Format::Csv ? source.copiesCsv(options) : source.copiesCells(options));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("orders.out"));
        const QString copying = QStringLiteral("FROM pg_stat_activity WHERE datname = current_database() AND "
                                               "pid <> pg_backend_pid() AND query LIKE 'COPY (%'");
        const auto result = ExportJob::run(source, options, path, nullptr, [&](const ExportProgress& progress) {
            if (progress.rows != 1000) {
                return;
            }
            // The first batch is written; the server waits for the client to read on.
            QTRY_COMPARE(TestSql::scalar(db.db(), QStringLiteral("SELECT wait_event ") + copying).toString(),
                         QStringLiteral("ClientWrite"));
            QVERIFY(TestSql::scalar(db.db(), QStringLiteral("SELECT pg_cancel_backend(pid) ") + copying).toBool());
        });
        QCOMPARE(result.status, ExportJob::Result::Status::Failed);
        QVERIFY2(result.message.startsWith(QStringLiteral("Reading rows failed after")), qPrintable(result.message));
        QVERIFY(result.rows >= 1000 && result.rows < 100004);
        QVERIFY(!QFile::exists(path));
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList());
    }

    void commandLineExportsWithFiltersAndColumns()
    {
        TEST_DATABASE(db);
        QVERIFY2(DataioFixture::seed(db), qPrintable(db.error()));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("paid.csv"));
        QString outText;
        QString errText;
        QTextStream out(&outText);
        QTextStream err(&errText);
        // Local dates, both included: 2026-03-01 .. 2026-03-06 in Asia/Kolkata. Order 5 was created
        // 2026-03-05 23:59:59 UTC = 2026-03-06 05:29:59 local: inside; order 2 and 3: before.
        const int code = ExportCommand::run(
            {QStringLiteral("export"), QStringLiteral("--database"), db.url().toString(true), QStringLiteral("--page"),
             QStringLiteral("orders"), QStringLiteral("--status"), QStringLiteral("paid"), QStringLiteral("--from"),
             QStringLiteral("2026-03-01"), QStringLiteral("--to"), QStringLiteral("2026-03-06"),
             QStringLiteral("--columns"), QStringLiteral("order_number,amount,currency,user_id"),
             QStringLiteral("--format"), QStringLiteral("csv"), QStringLiteral("--output"), path},
            out, err);
        QVERIFY2(code == 0, qPrintable(errText));
        QCOMPARE(readText(path), QStringLiteral("Order number,Amount,Currency,User\r\n"
                                                "ORD1700000000005,0.10,INR,zoya@example.in\r\n"
                                                "ORD1700000000004,12.50,USD,asha@example.in\r\n"));
        // An unknown column is named, and no file is made.
        const QString bad = dir.filePath(QStringLiteral("bad.csv"));
        QCOMPARE(ExportCommand::run({QStringLiteral("export"), QStringLiteral("--database"), db.url().toString(true),
                                     QStringLiteral("--page"), QStringLiteral("orders"), QStringLiteral("--columns"),
                                     QStringLiteral("order_number,password"), QStringLiteral("--format"),
                                     QStringLiteral("csv"), QStringLiteral("--output"), bad},
                                    out, err),
                 2);
        QVERIFY(errText.contains(QStringLiteral("no column \"password\"")));
        QVERIFY(!QFile::exists(bad));
    }

    void commandLineNeverCreatesADatabase()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("missing.db"));
        QString text;
        QTextStream out(&text);
        QTextStream err(&text);
        QCOMPARE(ExportCommand::run({QStringLiteral("export"), QStringLiteral("--database"),
                                     QStringLiteral("sqlite://") + missing, QStringLiteral("--page"),
                                     QStringLiteral("orders"), QStringLiteral("--format"), QStringLiteral("csv"),
                                     QStringLiteral("--output"), dir.filePath(QStringLiteral("x.csv"))},
                                    out, err),
                 1);
        QVERIFY(!QFile::exists(missing));
    }
};

QTEST_GUILESS_MAIN(TestExport)
#include "tst_export.moc"
