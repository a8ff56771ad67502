// Shared body of the fuzz targets: validates the input as one document and checks the invariants that
// must hold for any input. A broken invariant aborts, which libFuzzer (and the replay test) reports.
#pragma once

#include <cstddef>
#include <cstdint>

#include "backfill/validate.h"

namespace backfill::fuzz {

/// Validates `data` as `kind` and checks the report's invariants; aborts on a violation.
int check_document(const std::uint8_t* data, std::size_t size, Kind kind);

}  // namespace backfill::fuzz
