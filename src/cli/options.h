// The check command's command line: what it says (Settings), how CLI11 reads it (add_options), and
// the checks CLI11 cannot make (read_settings), each failure a usage error (exit 2).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "backfill/contracts.h"
#include "backfill/validate.h"
#include "batch.h"

namespace cli {

struct Settings {
  std::string kind = "auto", format = "text", color = "auto", stdin_name = "<stdin>";
  std::string contract{backfill::kDefaultContract};
  std::optional<std::string> now, explain, max_bytes, max_diagnostics, schemas_dir, print_schema, completions;
  bool strict = false, quiet = false, list_rules = false, all = false, ndjson = false;
  std::vector<std::string> files;
  std::string request_file, response_file, har_file, output_file, automation_id;
  std::optional<std::string> page_id, include;
  std::optional<int> status;
  backfill::Limits limits;
  BatchSettings batch;

  bool exchange_mode() const { return !request_file.empty() || !response_file.empty(); }
};

/// Declares every option of the check command, each bound to its member of `settings`.
void add_options(CLI::App& app, Settings& settings);

/// The library's options from the settings, and the combinations CLI11 does not check; "" when all is
/// well, else the usage message (input in it neutralized). `settings.contract` must outlive `options`.
std::string read_settings(Settings& settings, backfill::Options& options);

}  // namespace cli
