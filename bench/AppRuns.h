#pragma once

#include <QString>

// Whole-process figures: `coursedesk --database URL --page X --screenshot F` for every table page
// and the dashboard, timed from the process start to its exit after the screenshot (the page
// ready: first rows shown and counted), with its peak RSS (/usr/bin/time). Beside each table
// page: the same first page by plain SQL on an open connection, in the order the page uses.
namespace AppRuns {
// Prints a Markdown table on stdout. `app` is the coursedesk executable.
int run(const QString& connection, const QString& url, const QString& app, int runs);
} // namespace AppRuns
