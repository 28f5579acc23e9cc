#pragma once

#include <QList>
#include <QString>

// One process measures one model variant (so that its peak RSS is its own) and prints
// "RESULT <task> <milliseconds>" lines; the orchestrator in main.cpp collects them.
namespace Measure {

enum class Variant { Windowed, Raw, Stock };

struct Options
{
    QString connection; // an open Database connection
    Variant variant = Variant::Windowed;
    QString task;     // Stock: the single task to run ("" = all, for the other variants)
    qint64 users = 0; // dataset shape, read from the database
    qint64 orders = 0;
};

// Task names, in the order they run and are printed.
const QStringList& tasks();
QString taskTitle(const QString& task);
// Target in ms for the windowed model (0 = no target).
double targetMs(const QString& task);

int run(const Options& options);

// Peak resident set size of this process (VmHWM), in MB.
double peakRssMb();

// The fixed inputs every variant uses, derived from the dataset's formulas.
QString searchEmail(const Options& options);
QString orderPrefix(const Options& options);
QString pickerPrefix();
} // namespace Measure
