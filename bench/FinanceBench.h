#pragma once

#include <QString>

// coursedesk_bench finance --database URL: the dashboard for one month and the two-year revenue
// report as Coursedesk runs them, beside the plain SQL that gives the same figures in one pass per
// table. Prints "RESULT <task> <ms>" lines and a table.
namespace FinanceBench {
int run(const QString& connection);
} // namespace FinanceBench
