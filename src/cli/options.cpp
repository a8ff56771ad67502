#include "options.h"

#include <algorithm>
#include <iterator>
#include <limits>

#include <fmt/format.h>

#include "backfill/contracts.h"
#include "backfill/render.h"
#include "catalogue.h"
#include "completions.h"
#include "contract_option.h"

namespace cli {

namespace {

// A byte count: decimal digits only (no sign), within size_t.
bool parse_size(const std::string& text, std::size_t& out) {
  if (text.empty() || text.size() > 20) return false;
  std::size_t value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return false;
    const auto digit = static_cast<std::size_t>(c - '0');
    if (value > (std::numeric_limits<std::size_t>::max() - digit) / 10) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

// What documents are read and how: the modes and their parameters.
void add_input_options(CLI::App& app, Settings& s, const std::vector<std::string>& kind_names) {
  app.add_option("--kind", s.kind,
                 "Shape to check the documents against (parameters: the call's path and query parameters as JSON)")
      ->check(CLI::IsMember(kind_names))
      ->capture_default_str();
  add_contract_option(app, s.contract,
                      "Schemas to check against: reference (the API reference page) or openapi-2026-09 (the newest "
                      "OpenAPI document); the rules are the same (docs/contracts.md)");
  app.add_option("--schemas", s.schemas_dir,
                 "Read the schemas from DIR (request.schema.json, response.schema.json, error.schema.json, "
                 "parameters.schema.json, common.schema.json: those present replace --contract's); the rules are "
                 "the same")
      ->type_name("DIR");
  app.add_option("--print-schema", s.print_schema,
                 "Print the self-contained draft-07 schema of a kind under --contract and exit")
      ->type_name("KIND")
      ->check(CLI::IsMember(std::vector<std::string>(kind_names.begin(), kind_names.end() - 1)));
  app.add_option("--request", s.request_file, "Exchange mode: the request body of a recorded call (with --response)")
      ->type_name("FILE");
  app.add_option("--response", s.response_file, "Exchange mode: the response body of the same call (with --request)")
      ->type_name("FILE");
  app.add_option("--status", s.status, "Exchange mode: the response status code (default 201)");
  app.add_option("--page-id", s.page_id,
                 "The page_id path parameter (checked; in exchange mode also against the response)");
  app.add_option("--include", s.include,
                 "The include query parameter as sent (checked; in exchange mode also against included)");
  app.add_option("--har", s.har_file, "Check every call of the endpoint recorded in a HAR 1.2 file")->type_name("FILE");
}

// How findings are decided and shown.
void add_output_options(CLI::App& app, Settings& s) {
  std::vector<std::string> format_names;
  for (backfill::Format f : backfill::kFormats) format_names.emplace_back(backfill::format_name(f));
  app.add_option("--format", s.format, "Output format")->check(CLI::IsMember(format_names))->capture_default_str();
  app.add_option("--now", s.now, "The current time for the completed-in-future rule (RFC 3339); default: the clock");
  app.add_flag("--strict", s.strict, "Treat warnings as errors");
  app.add_flag("--quiet", s.quiet, "Report errors only, without warnings, notes or the summary line");
  app.add_flag("--all", s.all,
               "Text output: list every diagnostic (by default a rule's repeats beyond three in a "
               "document are counted in one line)");
  app.add_option("--color", s.color, "Colour text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--max-bytes", s.max_bytes, "Largest document accepted, in bytes")
      ->type_name("UINT")
      ->default_str(std::to_string(s.limits.max_bytes));
  app.add_option("--max-depth", s.limits.max_depth, "Deepest nesting accepted")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  app.add_option("--max-diagnostics", s.max_diagnostics,
                 "Diagnostics listed per document; the rest are counted (BF0006) and still decide the verdict")
      ->type_name("UINT")
      ->default_str(std::to_string(s.limits.max_diagnostics));
  app.add_option("--stdin-filename", s.stdin_name, "Name used for standard input in the output")->capture_default_str();
  app.add_option("--explain", s.explain, "Print the explanation of a rule (code like BF2002, or rule name) and exit")
      ->type_name("CODE");
  app.add_flag("--list-rules", s.list_rules, "Print the table of rules and exit");
  app.add_option("--output", s.output_file,
                 "Write the report to FILE (replaced only once it is complete) instead of standard output")
      ->type_name("FILE");
  app.add_option("--automation-id", s.automation_id,
                 "SARIF: the run's automationDetails.id, the category that keeps separate analyses apart (e.g. "
                 "backfill/requests/)");
  app.add_option("--completions", s.completions, "Print a completion script for the shell and exit")
      ->check(CLI::IsMember(std::vector<std::string>(std::begin(kCompletionShells), std::end(kCompletionShells))));
}

}  // namespace

void add_options(CLI::App& app, Settings& s) {
  std::vector<std::string> kind_names;
  for (backfill::Kind k : backfill::kKinds) kind_names.emplace_back(backfill::kind_name(k));
  add_input_options(app, s, kind_names);
  add_output_options(app, s);
  app.add_option("files", s.files, "JSON documents to check; '-' or none reads standard input");
  auto* ndjson_flag = app.add_flag("--ndjson", s.ndjson, "Each line of each input is one document (NDJSON); streamed");
  app.add_option("--jobs", s.batch.jobs, "With --ndjson: validate on N threads (output stays in input order)")
      ->check(CLI::Range(1, 256))
      ->needs(ndjson_flag)
      ->capture_default_str();
  app.add_flag("--summary", s.batch.summary, "With --ndjson: print only the counts (text, or json with --format json)")
      ->needs(ndjson_flag);
}

std::string read_settings(Settings& s, backfill::Options& options) {
  const bool catalogue_format = is_catalogue_format(s.format);  // text or json, the formats of lists and counts
  if ((s.list_rules || s.explain) && !catalogue_format)
    return fmt::format("--list-rules and --explain print --format text or json, not {}", s.format);
  if (s.explain && backfill::find_rule(*s.explain) == nullptr)
    return fmt::format("unknown rule \"{}\"; see --list-rules", backfill::neutralize(*s.explain));
  if (!s.automation_id.empty() && s.format != "sarif") return "--automation-id applies to --format sarif";
  if (s.max_bytes && !parse_size(*s.max_bytes, s.limits.max_bytes)) {
    return fmt::format("--max-bytes \"{}\" is not a number of bytes from 0 to {}", backfill::neutralize(*s.max_bytes),
                       std::numeric_limits<std::size_t>::max());
  }
  if (s.max_diagnostics && !parse_size(*s.max_diagnostics, s.limits.max_diagnostics)) {
    return fmt::format("--max-diagnostics \"{}\" is not a number from 0 to {}",
                       backfill::neutralize(*s.max_diagnostics), std::numeric_limits<std::size_t>::max());
  }
  options.kind = *backfill::parse_kind(s.kind);
  options.strict = s.strict;
  options.contract = s.contract;
  options.limits = s.limits;
  if (s.now) {
    const backfill::DateTimeParse parsed = backfill::parse_date_time(*s.now);
    if (!parsed.instant) {
      return fmt::format("--now \"{}\" is not an RFC 3339 date-time ({})", backfill::neutralize(*s.now),
                         parsed.problem);
    }
    options.now = parsed.instant;
  }
  const bool exchange_mode = s.exchange_mode();
  if (exchange_mode + !s.har_file.empty() + !s.files.empty() > 1)
    return "give FILE..., --request/--response or --har, not several";
  if (s.ndjson && (exchange_mode || !s.har_file.empty()))
    return "--ndjson applies to FILE..., not to --request/--response or --har";
  if (std::count(s.files.begin(), s.files.end(), "-") + (s.request_file == "-") + (s.response_file == "-") > 1)
    return "standard input ('-') can be read only once";
  if (exchange_mode && (s.request_file.empty() || s.response_file.empty()))
    return "--request and --response go together";
  if (s.batch.summary && !catalogue_format)
    return fmt::format("--summary prints counts as text or json, not --format {}", s.format);
  if (s.status && !exchange_mode) return "--status needs --request and --response";
  if (s.print_schema && s.schemas_dir) return "--print-schema prints a contract's schema, not with --schemas";
  return {};
}

}  // namespace cli
