#pragma once

#include <QString>

class QThreadPool;

// Where Coursedesk runs a query off the GUI thread, outside the table pages' windowed models (whose
// fetchers live on FetcherPool's threads). The dashboard, payments review, reconciliation and the
// report pages submit their work to pool() and open a WorkerConnection inside it.
//
// Each pool thread keeps one PooledConnection (the windowed models' worker-connection class) per
// source connection it served, so a second query finds a hot session instead of a fresh login.
// Reads can go to a separate reports database (a read replica): reportsConnection() tells which.
namespace BackgroundQueries {
// Not QThreadPool::globalInstance(): Qt's raster paint engine hands work to that pool too, so a
// multi-second query there stalled painting (measured: the first page of 1.6M payments was ready
// after 0.2 s but appeared after 3.8 s). Four threads: a page, its count, lists and a long scan.
QThreadPool* pool();

// GUI thread: reads of `primary` (reports, dashboard, finance pages) go to `reports`, an open
// Database connection to a read replica; an empty `reports` sends them back to the primary.
void setReportsConnection(const QString& primary, const QString& reports);
// The connection reads of `primary` run on: its reports connection if one is set, else itself.
QString reportsConnection(const QString& primary);
// True when reads of `primary` go to a separate reports database.
bool hasReportsConnection(const QString& primary);

// GUI thread, before `connection` is closed: the threads' clones of it are closed on their next job
// or when the thread ends, and never handed out again.
void release(const QString& connection);
} // namespace BackgroundQueries
