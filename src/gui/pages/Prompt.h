#pragma once

// Moved to forms/Prompt.h (the folders below models must not include models). Kept so code written against
// the old path still builds; new code includes the new path.
#include "forms/Prompt.h"
