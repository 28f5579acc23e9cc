#pragma once

// `coursedesk_bench dataio ...`: the export and import figures of bench/README.md ("Data in and
// out"). Each command measures one thing in its own process (so its peak RSS is its own) and prints
// RESULT lines like the other tasks:
//   dataio export --database URL --format csv|xlsx --output FILE   (the Orders page, all rows)
//   dataio import --database URL --file users.csv                  (users without passwords)
//   dataio users-csv --count N --output FILE                       (a file for the import)
namespace DataIoBench {
int run(int argc, char** argv);
}
