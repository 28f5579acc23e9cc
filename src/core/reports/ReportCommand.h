#pragma once

#include <QStringList>
#include <QTextStream>

// `coursedesk report ...`: the revenue and reconciliation reports for scripts. No widgets, no
// display. `args` excludes the program name and begins with "report".
//
//   report revenue --database URL --from DATE --to DATE --by day|week|month
//                  [--currency INR] [--course ID] [--format text|csv|json]
//   report reconcile --database URL [--format text|csv|json]
//
// Dates are local dates (the machine's zone), the period is [from, to). Money is printed as exact
// decimals ("5999.00"), also in JSON (as strings, so no consumer reads it through a double).
// Exit codes: 0 success, 2 bad arguments (an unbounded period too), 1 the database could not be
// opened or queried, 130 cancelled by Ctrl+C (the running statement is cancelled on the server).
class ReportCommand
{
public:
    static int run(const QStringList& args, QTextStream& out, QTextStream& err);
    static QString usage();
};
