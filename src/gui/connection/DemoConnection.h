#pragma once

#include "db/DatabaseUrl.h"

#include <optional>

// The demo database in the user's data folder, created with generated data on first use.
namespace DemoConnection {
std::optional<DatabaseUrl> ensure(QString* error);
QString defaultPath();
} // namespace DemoConnection
