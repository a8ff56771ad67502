// The check command's modes, each reading its inputs and handing every report to the Output:
// documents (FILE... or NDJSON), one exchange (--request/--response) and a HAR file (--har).
#pragma once

#include "backfill/validate.h"
#include "options.h"
#include "output.h"

namespace cli {

/// Runs the mode the settings choose; returns the exit code of output.finish().
int check(const backfill::Validator& validator, const backfill::Options& options, Settings& settings, Output& output);

}  // namespace cli
