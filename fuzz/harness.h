// Shared body of the fuzz targets: each target feeds its input to one entry point of the library and
// checks the invariants that must hold for any input. A broken invariant aborts, which libFuzzer (and
// the replay test) reports as a crash.
#pragma once

#include <cstddef>
#include <cstdint>

#include "backfill/validate.h"

namespace backfill::fuzz {

/// Validates the input as one document of `kind` (Kind::automatic: detected).
int check_document(const std::uint8_t* data, std::size_t size, Kind kind);
/// Validates an exchange: the request body, a NUL byte, the response body.
int check_exchange(const std::uint8_t* data, std::size_t size);
/// Validates the input as a HAR file.
int check_har(const std::uint8_t* data, std::size_t size);

}  // namespace backfill::fuzz
