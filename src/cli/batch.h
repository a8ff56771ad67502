// NDJSON batch mode (--ndjson): one document per line, streamed in bounded memory, optionally
// validated on several threads (--jobs) with the output still in input order, or only counted
// (--summary).
#pragma once

#include <string>
#include <vector>

#include "backfill/validate.h"
#include "output.h"

namespace cli {

struct BatchSettings {
  unsigned jobs = 1;     ///< Validating threads (1: the calling thread only).
  bool summary = false;  ///< Print only the counts (Output::summary_only).
  std::string stdin_name = "<stdin>";
  /// Text of the batches being validated, across threads (one larger batch is validated alone).
  std::size_t in_flight_bytes = 64u << 20;
  /// When set (tests), receives the most bytes that were in flight at once.
  std::size_t* peak_in_flight = nullptr;
};

/// Validates every non-blank line of each file ("-": standard input) as one document. Diagnostics
/// give the line of the file and the column within it; a malformed line is one invalid document
/// and the batch goes on. Returns the exit code of output.finish() (0 valid, 1 an error, 2 unreadable
/// input or internal error).
int check_ndjson(const backfill::Validator& validator, const backfill::Options& options,
                 const std::vector<std::string>& files, const BatchSettings& settings, Output& output);

}  // namespace cli
