#pragma once

#include "ListExportSource.h"
#include "reports/Reconciliation.h"

#include <memory>

// Reconciliation findings as an export (the command line and the Reconciliation page).
namespace FindingsExport {
std::unique_ptr<ExportSource> source(const QList<Finding>& findings);
}
