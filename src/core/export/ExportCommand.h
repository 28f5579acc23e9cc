#pragma once

#include <QStringList>
#include <QTextStream>

// `coursedesk export`: a page's rows to CSV or XLSX, for scripts. Headless (no display), and it
// never creates or migrates anything. `args` excludes the program name and begins with "export".
//
//   export --database URL --page orders [--search TEXT] [--status PAID] [--from DATE --to DATE]
//          [--sort COLUMN[:asc|desc]] [--columns a,b,c] --format csv|xlsx [--bom] --output FILE
//
// --from / --to are local dates, both included, on the page's date column (orders: Created).
// Exit codes: 0 written, 2 bad arguments, 1 the database could not be read or the file written.
namespace ExportCommand {
int run(const QStringList& args, QTextStream& out, QTextStream& err);
QString usage();
} // namespace ExportCommand
