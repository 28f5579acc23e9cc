#include "Measure.h"

#include "schema/IndexCatalog.h"

#include "DatasetGenerator.h"
#include "db/Database.h"
#include "domain/TableSpec.h"
#include "models/windowed/FetcherPool.h"
#include "models/windowed/WindowedTableModel.h"
#include "services/RelationLookup.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QHeaderView>
#include <QScrollBar>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QSqlRelationalTableModel>
#include <QTableView>
#include <QThread>
#include <QTimer>

#include <cstdio>
#include <functional>

namespace Measure {
namespace {
constexpr int scrollRows = 10000;

void report(const QString& task, double ms)
{
    std::printf("RESULT %s %.2f\n", qPrintable(task), ms);
    std::fflush(stdout);
}

double msSince(const QElapsedTimer& t)
{
    return t.nsecsElapsed() / 1e6;
}

// Reports the end of each paint of its viewport.
class PaintedTableView : public QTableView
{
public:
    std::function<void()> afterPaint;

protected:
    void paintEvent(QPaintEvent* event) override
    {
        QTableView::paintEvent(event);
        if (afterPaint) {
            afterPaint();
        }
    }
};

// A table view as a page shows it, offscreen, at a fixed size.
struct View
{
    PaintedTableView view;
    View()
    {
        view.resize(1280, 800);
        // As TablePage sets its view up.
        view.setWordWrap(false);
        view.verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
        view.verticalHeader()->setDefaultSectionSize(24);
        view.verticalHeader()->setMinimumWidth(36);
        view.horizontalHeader()->setStretchLastSection(true);
        view.show();
    }
    int firstVisible() const { return std::max(0, view.rowAt(0)); }
    int lastVisible() const
    {
        const int row = view.rowAt(view.viewport()->height() - 1);
        return row < 0 ? view.model()->rowCount() - 1 : row;
    }
    int visibleRows() const { return std::max(1, lastVisible() - firstVisible() + 1); }
    void paint() { view.viewport()->repaint(); }
    // Runs the event loop until the view has painted itself (on its own, as on screen) with
    // `shown()` true: the moment the user sees the rows.
    void waitForPaint(const std::function<bool()>& shown)
    {
        QEventLoop loop;
        bool done = false;
        view.afterPaint = [&] {
            if (!done && shown()) {
                done = true;
                loop.quit();
            }
        };
        QTimer::singleShot(60000, &loop, &QEventLoop::quit);
        loop.exec();
        view.afterPaint = nullptr;
        if (!done) {
            std::printf("ERROR no paint with the rows\n");
        }
    }
};

// Windowed: until the view's first paint that shows the rows in view (as the first page): the
// moment the user sees them. A paint is asked for, so that rows already loaded are shown too.
void showLoaded(View& v, WindowedTableModel& model)
{
    v.view.viewport()->update();
    v.waitForPaint([&] {
        if (model.rowCount() == 0) {
            return model.isCountExact(); // an empty result, shown as such
        }
        const int last = v.lastVisible();
        return last >= 0 && model.isRowLoaded(v.firstVisible()) && model.isRowLoaded(last);
    });
}

QSqlDatabase database(const Options& o)
{
    return QSqlDatabase::database(o.connection, false);
}

// What the app does when it opens a database (DatabaseOpener): start the pool's connections. The
// app does it before any page exists; the benchmark lets the warming finish before timing.
void warmPool(const Options& o)
{
    FetcherPool::warm(o.connection);
    const QDeadlineTimer deadline(30000);
    while (!FetcherPool::isWarm(o.connection) && !deadline.hasExpired()) {
        QCoreApplication::processEvents();
        QThread::msleep(1);
    }
    if (!FetcherPool::isWarm(o.connection)) {
        std::printf("ERROR the pool did not warm up\n");
    }
}

int runWindowed(const Options& o)
{
    const TableSpec& spec = *TableSpec::forTable(QStringLiteral("orders"));
    warmPool(o);
    View v;
    QElapsedTimer t;
    t.start();
    WindowedTableModel model(spec, o.connection);
    v.view.setModel(&model);
    // First page: until the view's own first paint that shows the rows in view.
    v.waitForPaint([&] {
        const int last = v.lastVisible();
        return last >= 0 && model.isRowLoaded(v.firstVisible()) && model.isRowLoaded(last);
    });
    report(QStringLiteral("first_page"), msSince(t));
    showLoaded(v, model);
    model.waitForCount(120000);
    report(QStringLiteral("count"), msSince(t));

    t.restart();
    v.view.scrollToBottom(); // what Ctrl+End and dragging the scrollbar to the bottom do
    showLoaded(v, model);
    report(QStringLiteral("last_row"), msSince(t));
    if (model.data(model.index(model.rowCount() - 1, 0), WindowedTableModel::LoadedRole).toBool() == false) {
        std::printf("ERROR last row not loaded\n");
    }
    const double rssAtEnd = peakRssMb();

    t.restart();
    model.setFilters({{QStringLiteral("user_id"), ColumnFilter::Match::EqualsIgnoreCase, searchEmail(o)}});
    showLoaded(v, model);
    report(QStringLiteral("search_email"), msSince(t));
    std::printf("INFO search_email rows %d\n", model.rowCount());

    t.restart();
    model.setFilters({{QStringLiteral("order_number"), ColumnFilter::Match::Prefix, orderPrefix(o)}});
    showLoaded(v, model);
    report(QStringLiteral("search_prefix"), msSince(t));

    model.setFilters({});
    model.waitForCount(120000);
    t.restart();
    model.sort(spec.indexOf(QStringLiteral("amount")), Qt::DescendingOrder);
    showLoaded(v, model);
    report(QStringLiteral("sort_amount"), msSince(t));

    model.resetSort(); // the default order: created_at where indexed, else the primary key
    showLoaded(v, model);
    t.restart();
    const int step = v.visibleRows();
    for (int row = 0; row < scrollRows; row += step) {
        v.view.verticalScrollBar()->setValue(row); // a PageDown
        showLoaded(v, model);
    }
    report(QStringLiteral("scroll"), msSince(t));

    t.restart();
    const auto matches =
        RelationLookup::firstMatches(database(o), *spec.column(QStringLiteral("user_id")), pickerPrefix());
    report(QStringLiteral("picker"), msSince(t));
    std::printf("INFO picker matches %lld\n", static_cast<long long>(matches.size()));
    std::printf("RESULT rss_end %.1f\n", rssAtEnd);
    std::printf("RESULT rss %.1f\n", peakRssMb());
    return 0;
}

// The least a view needs: the raw SQL's rows as the driver returned them.
class RowsModel : public QAbstractTableModel
{
public:
    QVector<QVector<QVariant>> rows;
    int columns = 0;
    int rowCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : rows.size(); }
    int columnCount(const QModelIndex& parent = {}) const override { return parent.isValid() ? 0 : columns; }
    QVariant data(const QModelIndex& index, int role) const override
    {
        return role == Qt::DisplayRole ? rows.at(index.row()).at(index.column()) : QVariant();
    }
};

// Raw SQL: the same rows straight through QSqlQuery (forward-only). The first page is measured
// twice: the query alone, then the query with its rows in a minimal model shown by the same view
// as the windowed model's, until its first paint (the page's work with nothing of Coursedesk's).
int runRaw(const Options& o)
{
    QSqlDatabase db = database(o);
    const bool pg = Database::isPostgres(db);
    const QString c = pg ? QStringLiteral(" COLLATE \"C\"") : QString();
    const QString select = QStringLiteral(
        "SELECT o.id, o.order_number, o.user_id, u.email, o.course_id, cr.name, o.amount, o.currency, o.status, "
        "o.razorpay_order_id, o.created_at, o.updated_at FROM orders o LEFT JOIN users u ON u.id = o.user_id "
        "LEFT JOIN courses cr ON cr.id = o.course_id ");
    auto timed = [&](const QString& task, const QString& sql, const QVariantList& binds) {
        QElapsedTimer t;
        t.start();
        QSqlQuery q(db);
        q.setForwardOnly(true);
        q.prepare(sql);
        for (const QVariant& b : binds) {
            q.addBindValue(b);
        }
        if (!q.exec()) {
            std::printf("ERROR %s %s\n", qPrintable(task), qPrintable(q.lastError().text()));
        }
        int rows = 0;
        const int columns = q.record().count(); // once: record() builds a QSqlRecord per call
        while (q.next()) {
            for (int i = 0; i < columns; ++i) {
                q.value(i);
            }
            ++rows;
        }
        report(task, msSince(t));
        return rows;
    };
    // The order the page uses (IndexCatalog): created_at where Coursedesk's index exists, else the
    // primary key (the platform's own database).
    const bool timeIndex =
        IndexCatalog::read(db).leading(QStringLiteral("orders"), {QStringLiteral("created_at"), QStringLiteral("id")});
    const QString newest =
        timeIndex ? QStringLiteral("ORDER BY o.created_at DESC, o.id DESC ") : QStringLiteral("ORDER BY o.id DESC ");
    const QString oldest =
        timeIndex ? QStringLiteral("ORDER BY o.created_at ASC, o.id ASC ") : QStringLiteral("ORDER BY o.id ASC ");
    const QString firstPage = select + newest + QStringLiteral("LIMIT 200");
    {
        // Untimed, as the pool's warm-up does for the windowed model: the same SQL once (one row),
        // so neither figure below pays for the session's first look at these tables.
        QSqlQuery warm(db);
        warm.exec(select + newest + QStringLiteral("LIMIT 1"));
        warm.next();
    }
    timed(QStringLiteral("first_page_query"), firstPage, {});
    {
        View v;
        QElapsedTimer t;
        t.start();
        RowsModel model;
        QSqlQuery q(db);
        q.setForwardOnly(true);
        if (!q.exec(firstPage)) {
            std::printf("ERROR first_page %s\n", qPrintable(q.lastError().text()));
        }
        model.columns = q.record().count();
        while (q.next()) {
            QVector<QVariant> row(model.columns);
            for (int i = 0; i < model.columns; ++i) {
                row[i] = q.value(i);
            }
            model.rows.append(std::move(row));
        }
        v.view.setModel(&model);
        v.waitForPaint([&] { return model.rowCount() > 0; });
        report(QStringLiteral("first_page"), msSince(t));
    }
    timed(QStringLiteral("count"), QStringLiteral("SELECT COUNT(*) FROM orders"), {});
    timed(QStringLiteral("last_row"), select + oldest + QStringLiteral("LIMIT 200"), {});
    timed(QStringLiteral("search_email"),
          select + QStringLiteral("WHERE o.user_id %3 (SELECT id FROM users WHERE lower(email)%1 = lower(?))%4 "
                                  "%2LIMIT 200")
                       .arg(c, newest, pg ? QStringLiteral("= ANY (ARRAY") : QStringLiteral("IN"),
                            pg ? QStringLiteral(")") : QString()),
          {searchEmail(o)});
    QString upper = orderPrefix(o);
    upper.back() = QChar(upper.back().unicode() + 1);
    timed(QStringLiteral("search_prefix"),
          select + QStringLiteral("WHERE o.order_number%1 >= ? AND o.order_number%1 < ? "
                                  "%2LIMIT 200")
                       .arg(c, newest),
          {orderPrefix(o), upper});
    timed(QStringLiteral("sort_amount"), select + QStringLiteral("ORDER BY o.amount DESC, o.id DESC LIMIT 200"), {});
    timed(QStringLiteral("scroll"), select + newest + QStringLiteral("LIMIT %1").arg(scrollRows), {});
    QString pickerUpper = pickerPrefix();
    pickerUpper.back() = QChar(pickerUpper.back().unicode() + 1);
    timed(QStringLiteral("picker"),
          QStringLiteral("SELECT id, email FROM users WHERE lower(email)%1 >= ? AND lower(email)%1 < ? "
                         "ORDER BY lower(email)%1, id LIMIT 20")
              .arg(c),
          {pickerPrefix(), pickerUpper});
    std::printf("RESULT rss %.1f\n", peakRssMb());
    return 0;
}

// Stock QSqlRelationalTableModel, configured as the notes recommend (LeftJoin, OnManualSubmit).
int runStock(const Options& o)
{
    QSqlDatabase db = database(o);
    View v;
    QSqlRelationalTableModel model(nullptr, db);
    model.setTable(QStringLiteral("orders"));
    model.setJoinMode(QSqlRelationalTableModel::LeftJoin);
    model.setEditStrategy(QSqlTableModel::OnManualSubmit);
    const int userColumn = model.fieldIndex(QStringLiteral("user_id"));
    model.setRelation(userColumn, QSqlRelation(QStringLiteral("users"), QStringLiteral("id"), QStringLiteral("email")));
    model.setRelation(model.fieldIndex(QStringLiteral("course_id")),
                      QSqlRelation(QStringLiteral("courses"), QStringLiteral("id"), QStringLiteral("name")));
    model.setSort(model.fieldIndex(QStringLiteral("created_at")), Qt::DescendingOrder);
    v.view.setModel(&model);
    auto selectAndPaint = [&](const QString& task) {
        QElapsedTimer t;
        t.start();
        if (!model.select()) {
            std::printf("ERROR %s %s\n", qPrintable(task), qPrintable(model.lastError().text()));
        }
        v.paint();
        report(task, msSince(t));
    };
    const QString& task = o.task;
    if (task == QLatin1String("first_page")) {
        selectAndPaint(task);
    } else if (task == QLatin1String("last_row")) {
        model.select();
        v.paint();
        QElapsedTimer t;
        t.start();
        while (model.canFetchMore()) {
            model.fetchMore();
        }
        v.view.scrollToBottom();
        v.paint();
        report(task, msSince(t));
    } else if (task == QLatin1String("search_email")) {
        // Stock filters are raw SQL; a fixed literal is acceptable in a benchmark only.
        model.setFilter(QStringLiteral("relTblAl_%1.email = '%2'").arg(userColumn).arg(searchEmail(o)));
        selectAndPaint(task);
    } else if (task == QLatin1String("search_prefix")) {
        model.setFilter(QStringLiteral("orders.order_number LIKE '%1%'").arg(orderPrefix(o)));
        selectAndPaint(task);
    } else if (task == QLatin1String("sort_amount")) {
        model.setSort(model.fieldIndex(QStringLiteral("amount")), Qt::DescendingOrder);
        selectAndPaint(task);
    } else if (task == QLatin1String("scroll")) {
        model.select();
        v.paint();
        QElapsedTimer t;
        t.start();
        const int step = v.visibleRows();
        for (int row = 0; row < scrollRows; row += step) {
            v.view.verticalScrollBar()->setValue(row);
            QCoreApplication::processEvents();
            v.paint();
        }
        report(task, msSince(t));
    } else if (task == QLatin1String("picker")) {
        // What QSqlRelationalDelegate's combo works from: the whole referenced table.
        QElapsedTimer t;
        t.start();
        QSqlTableModel* users = model.relationModel(userColumn);
        users->select();
        while (users->canFetchMore()) {
            users->fetchMore();
        }
        const int email = users->fieldIndex(QStringLiteral("email"));
        int found = 0;
        for (int row = 0; row < users->rowCount() && found < 20; ++row) {
            found += users->index(row, email).data().toString().startsWith(pickerPrefix()) ? 1 : 0;
        }
        report(task, msSince(t));
    }
    std::printf("RESULT rss %.1f\n", peakRssMb());
    return 0;
}
} // namespace

const QStringList& tasks()
{
    static const QStringList list = {QStringLiteral("first_page"),   QStringLiteral("first_page_query"),
                                     QStringLiteral("count"),        QStringLiteral("last_row"),
                                     QStringLiteral("search_email"), QStringLiteral("search_prefix"),
                                     QStringLiteral("sort_amount"),  QStringLiteral("scroll"),
                                     QStringLiteral("picker"),       QStringLiteral("rss_end"),
                                     QStringLiteral("rss")};
    return list;
}

QString taskTitle(const QString& task)
{
    static const QHash<QString, QString> titles = {
        {QStringLiteral("first_page"), QStringLiteral("First page of orders (email, course), newest first, painted")},
        {QStringLiteral("first_page_query"), QStringLiteral("First page: the raw query alone (no model, no view)")},
        {QStringLiteral("count"), QStringLiteral("Exact row count (background; estimate shown before)")},
        {QStringLiteral("last_row"), QStringLiteral("Jump to the last row (Ctrl+End), painted")},
        {QStringLiteral("search_email"), QStringLiteral("Search by exact email, painted")},
        {QStringLiteral("search_prefix"), QStringLiteral("Search by order-number prefix, painted")},
        {QStringLiteral("sort_amount"), QStringLiteral("Sort by amount (desc), painted")},
        {QStringLiteral("scroll"), QStringLiteral("Scroll through 10,000 rows (PageDown steps)")},
        {QStringLiteral("picker"), QStringLiteral("User picker: first 20 emails by prefix")},
        {QStringLiteral("rss_end"), QStringLiteral("Peak RSS, orders open and scrolled to the end (MB)")},
        {QStringLiteral("rss"), QStringLiteral("Peak RSS, whole run (MB)")},
    };
    return titles.value(task, task);
}

double targetMs(const QString& task)
{
    if (task == QLatin1String("first_page")) {
        return 100;
    }
    if (task == QLatin1String("last_row")) {
        return 200;
    }
    if (task == QLatin1String("search_email") || task == QLatin1String("search_prefix")) {
        return 50;
    }
    if (task == QLatin1String("rss_end")) {
        return 120;
    }
    return 0;
}

int run(const Options& options)
{
    switch (options.variant) {
    case Variant::Windowed:
        return runWindowed(options);
    case Variant::Raw:
        return runRaw(options);
    case Variant::Stock:
        return runStock(options);
    }
    return 1;
}

double peakRssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) {
        return -1;
    }
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
        }
    }
    return -1;
}

QString searchEmail(const Options& options)
{
    DatasetSizes sizes;
    sizes.users = options.users;
    return DatasetGenerator::email(DatasetGenerator::userOfOrder(options.orders / 2, sizes));
}

QString orderPrefix(const Options& options)
{
    // "ORD" + the first 9 digits: about 1,400 orders (numbers step by 7).
    return DatasetGenerator::orderNumber(options.orders / 2).left(12);
}

QString pickerPrefix()
{
    return QStringLiteral("user1234");
}
} // namespace Measure
