// backfill-check: the command-line front end. Exit codes: 0 no error, 1 a document has an error,
// 2 usage error, unreadable input or internal error.
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <optional>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "backfill/contracts.h"
#include "backfill/exchange.h"
#include "backfill/render.h"
#include "backfill/validate.h"
#include "batch.h"
#include "catalogue.h"
#include "completions.h"
#include "io.h"
#include "output.h"
#include "output_file.h"
#include "serve.h"

namespace {

using cli::kExitUsage;
using cli::kExitValid;

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

bool use_color(const std::string& mode) {
  if (mode == "always") return true;
  if (mode == "never") return false;
  const char* no_color = std::getenv("NO_COLOR");
  const char* term = std::getenv("TERM");
  return isatty(STDOUT_FILENO) && (no_color == nullptr || *no_color == '\0') &&
         !(term != nullptr && std::string_view(term) == "dumb");
}

// --request/--response: the three parts of one call, each reported under its own name.
int check_exchange(const backfill::Validator& validator, const backfill::Options& options,
                   const std::string& request_file, const std::string& response_file, const std::string& stdin_name,
                   const backfill::Parameters& parameters, cli::Output& output) {
  std::string request, response, error;
  bool readable = true;
  for (auto [file, text] : {std::pair{&request_file, &request}, std::pair{&response_file, &response}}) {
    if (!cli::read_input(*file, *file == "-" ? stdin_name : *file, *text, error)) {
      output.unreadable(error, *file == "-" ? stdin_name : *file);
      readable = false;
    }
  }
  if (!readable) return output.finish();
  backfill::ExchangeReport report = backfill::validate_exchange(validator, {request, response, parameters}, options);
  output.emit("<parameters>", report.parameters_text, std::move(report.parameters));
  output.emit(request_file == "-" ? stdin_name : request_file, request, std::move(report.request));
  output.emit(response_file == "-" ? stdin_name : response_file, response, std::move(report.response));
  return output.finish();
}

// --har: every call of the endpoint in the file, by entry index and URL; other entries are counted.
int check_har(const backfill::Validator& validator, const backfill::Options& options, const std::string& har_path,
              const std::string& stdin_name, cli::Output& output) {
  const std::string& har_file = har_path == "-" ? stdin_name : har_path;
  std::string text, error;
  if (!cli::read_input(har_path, har_file, text, error)) {
    output.unreadable(error, har_file);
    return output.finish();
  }
  backfill::HarReport har = backfill::validate_har(validator, text, options);
  if (!har.file.diagnostics.empty()) output.emit(har_file, text, std::move(har.file));
  for (backfill::HarEntryReport& entry : har.entries) {
    const std::string name = fmt::format("{}#entries/{}", har_file, entry.index);
    output.heading(fmt::format("{}: {} {}", name, entry.method, entry.url));
    auto& exchange = entry.exchange;
    output.emit(name + "/parameters", exchange.parameters_text, std::move(exchange.parameters));
    output.emit(name + "/request", entry.request_text, std::move(exchange.request));
    output.emit(name + "/response", entry.response_text, std::move(exchange.response));
  }
  return output.finish(fmt::format("; {} HAR {} checked, {} skipped", har.entries.size(),
                                   har.entries.size() == 1 ? "entry" : "entries", har.skipped));
}

int run(int argc, char** argv) {
  if (argc > 1 && std::string_view(argv[1]) == "serve") return cli::serve(argc - 1, argv + 1);
  CLI::App app{
      "Validates request, response and error bodies of Datadog's Create backfilled maintenance "
      "endpoint (POST /api/v2/statuspages/{page_id}/maintenances/backfill).\n"
      "backfill-check serve --mock | --proxy URL: a local endpoint; see backfill-check serve --help.",
      "backfill-check"};
  app.set_version_flag("--version", "backfill-check " + std::string(backfill::version()));
  std::string kind_name = "auto";
  std::string format = "text";
  std::optional<std::string> now_text, explain, max_bytes;
  std::string color = "auto";
  std::string stdin_name = "<stdin>";
  bool strict = false, quiet = false, rules = false;
  std::vector<std::string> files;
  backfill::Limits limits;
  std::vector<std::string> kind_names;
  for (backfill::Kind k : backfill::kKinds) kind_names.emplace_back(backfill::kind_name(k));
  app.add_option("--kind", kind_name,
                 "Shape to check the documents against (parameters: the call's path and query parameters as JSON)")
      ->check(CLI::IsMember(kind_names))
      ->capture_default_str();
  std::string contract{backfill::kDefaultContract};
  std::vector<std::string> contract_names;
  for (const backfill::ContractSummary& c : backfill::contracts()) contract_names.emplace_back(c.name);
  app.add_option("--contract", contract,
                 "Schemas to check against: reference (the API reference page) or openapi-2026-09 (the newest "
                 "OpenAPI document); the rules are the same (docs/contracts.md)")
      ->check(CLI::IsMember(contract_names))
      ->capture_default_str();
  std::optional<std::string> schemas_dir;
  app.add_option("--schemas", schemas_dir,
                 "Read the schemas from DIR (request.schema.json, response.schema.json, error.schema.json, "
                 "parameters.schema.json, common.schema.json: those present replace --contract's); the rules are "
                 "the same")
      ->type_name("DIR");
  std::optional<std::string> print_schema;
  app.add_option("--print-schema", print_schema,
                 "Print the self-contained draft-07 schema of a kind under --contract and exit")
      ->type_name("KIND")
      ->check(CLI::IsMember(std::vector<std::string>(kind_names.begin(), kind_names.end() - 1)));
  std::string request_file, response_file, har_file;
  std::optional<std::string> page_id, include;
  std::optional<int> status;
  app.add_option("--request", request_file, "Exchange mode: the request body of a recorded call (with --response)")
      ->type_name("FILE");
  app.add_option("--response", response_file, "Exchange mode: the response body of the same call (with --request)")
      ->type_name("FILE");
  app.add_option("--status", status, "Exchange mode: the response status code (default 201)");
  app.add_option("--page-id", page_id,
                 "The page_id path parameter (checked; in exchange mode also against the response)");
  app.add_option("--include", include,
                 "The include query parameter as sent (checked; in exchange mode also against included)");
  app.add_option("--har", har_file, "Check every call of the endpoint recorded in a HAR 1.2 file")->type_name("FILE");
  std::vector<std::string> format_names;
  for (backfill::Format f : backfill::kFormats) format_names.emplace_back(backfill::format_name(f));
  app.add_option("--format", format, "Output format")->check(CLI::IsMember(format_names))->capture_default_str();
  app.add_option("--now", now_text, "The current time for the completed-in-future rule (RFC 3339); default: the clock");
  app.add_flag("--strict", strict, "Treat warnings as errors");
  app.add_flag("--quiet", quiet, "Report errors only, without warnings, notes or the summary line");
  bool all = false;
  app.add_flag("--all", all,
               "Text output: list every diagnostic (by default a rule's repeats beyond three in a "
               "document are counted in one line)");
  app.add_option("--color", color, "Colour text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  app.add_option("--max-bytes", max_bytes, "Largest document accepted, in bytes")
      ->type_name("UINT")
      ->default_str(std::to_string(limits.max_bytes));
  app.add_option("--max-depth", limits.max_depth, "Deepest nesting accepted")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  std::optional<std::string> max_diagnostics;
  app.add_option("--max-diagnostics", max_diagnostics,
                 "Diagnostics listed per document; the rest are counted (BF0006) and still decide the verdict")
      ->type_name("UINT")
      ->default_str(std::to_string(limits.max_diagnostics));
  app.add_option("--stdin-filename", stdin_name, "Name used for standard input in the output")->capture_default_str();
  app.add_option("--explain", explain, "Print the explanation of a rule (code like BF2002, or rule name) and exit")
      ->type_name("CODE");
  app.add_flag("--list-rules", rules, "Print the table of rules and exit");
  std::string output_file, automation_id;
  std::optional<std::string> completions;
  app.add_option("--output", output_file,
                 "Write the report to FILE (replaced only once it is complete) instead of standard output")
      ->type_name("FILE");
  app.add_option("--automation-id", automation_id,
                 "SARIF: the run's automationDetails.id, the category that keeps separate analyses apart (e.g. "
                 "backfill/requests/)");
  app.add_option("--completions", completions, "Print a completion script for the shell and exit")
      ->check(CLI::IsMember(
          std::vector<std::string>(std::begin(cli::kCompletionShells), std::end(cli::kCompletionShells))));
  app.add_option("files", files, "JSON documents to check; '-' or none reads standard input");
  bool ndjson = false;
  cli::BatchSettings batch;
  auto* ndjson_flag = app.add_flag("--ndjson", ndjson, "Each line of each input is one document (NDJSON); streamed");
  app.add_option("--jobs", batch.jobs, "With --ndjson: validate on N threads (output stays in input order)")
      ->check(CLI::Range(1, 256))
      ->needs(ndjson_flag)
      ->capture_default_str();
  app.add_flag("--summary", batch.summary, "With --ndjson: print only the counts (text, or json with --format json)")
      ->needs(ndjson_flag);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app.exit(e);  // --help, --version
    // CLI11 quotes the offending argument: it came from the command line, so it is neutralized too.
    fmt::print(stderr, "backfill-check: {}\nRun with --help for more information.\n", backfill::neutralize(e.what()));
    return kExitUsage;
  }

  if ((rules || explain) && !cli::is_catalogue_format(format)) {
    fmt::print(stderr, "backfill-check: --list-rules and --explain print --format text or json, not {}\n", format);
    return kExitUsage;
  }
  const backfill::RuleInfo* rule = explain ? backfill::find_rule(*explain) : nullptr;
  if (explain && rule == nullptr) {
    fmt::print(stderr, "backfill-check: unknown rule \"{}\"; see --list-rules\n", backfill::neutralize(*explain));
    return kExitUsage;
  }
  if (!automation_id.empty() && format != "sarif") {
    fmt::print(stderr, "backfill-check: --automation-id applies to --format sarif\n");
    return kExitUsage;
  }

  backfill::Options options;
  options.kind = *backfill::parse_kind(kind_name);
  options.strict = strict;
  options.contract = contract;  // outlives every validate() below
  if (max_bytes && !parse_size(*max_bytes, limits.max_bytes)) {
    fmt::print(stderr, "backfill-check: --max-bytes \"{}\" is not a number of bytes from 0 to {}\n",
               backfill::neutralize(*max_bytes), std::numeric_limits<std::size_t>::max());
    return kExitUsage;
  }
  if (max_diagnostics && !parse_size(*max_diagnostics, limits.max_diagnostics)) {
    fmt::print(stderr, "backfill-check: --max-diagnostics \"{}\" is not a number from 0 to {}\n",
               backfill::neutralize(*max_diagnostics), std::numeric_limits<std::size_t>::max());
    return kExitUsage;
  }
  options.limits = limits;
  if (now_text) {
    const backfill::DateTimeParse parsed = backfill::parse_date_time(*now_text);
    if (!parsed.instant) {
      fmt::print(stderr, "backfill-check: --now \"{}\" is not an RFC 3339 date-time ({})\n",
                 backfill::neutralize(*now_text), parsed.problem);
      return kExitUsage;
    }
    options.now = parsed.instant;
  }
  const bool exchange_mode = !request_file.empty() || !response_file.empty();
  if (exchange_mode + !har_file.empty() + !files.empty() > 1) {
    fmt::print(stderr, "backfill-check: give FILE..., --request/--response or --har, not several\n");
    return kExitUsage;
  }
  if (ndjson && (exchange_mode || !har_file.empty())) {
    fmt::print(stderr, "backfill-check: --ndjson applies to FILE..., not to --request/--response or --har\n");
    return kExitUsage;
  }
  if (std::count(files.begin(), files.end(), "-") + (request_file == "-") + (response_file == "-") > 1) {
    fmt::print(stderr, "backfill-check: standard input ('-') can be read only once\n");
    return kExitUsage;
  }
  if (exchange_mode && (request_file.empty() || response_file.empty())) {
    fmt::print(stderr, "backfill-check: --request and --response go together\n");
    return kExitUsage;
  }
  if (batch.summary && format != "text" && format != "json") {
    fmt::print(stderr, "backfill-check: --summary prints counts as text or json, not --format {}\n", format);
    return kExitUsage;
  }
  if (status && !exchange_mode) {
    fmt::print(stderr, "backfill-check: --status needs --request and --response\n");
    return kExitUsage;
  }

  if (print_schema && schemas_dir) {
    fmt::print(stderr, "backfill-check: --print-schema prints a contract's schema, not with --schemas\n");
    return kExitUsage;
  }

  // Every usage error is behind us: from here on the output is a report (or what was asked for).
  if (!output_file.empty() && output_file != "-") {
    std::string error;
    if (!cli::open_output_file(output_file, error)) {
      fmt::print(stderr, "backfill-check: {}\n", error);
      return kExitUsage;
    }
  }
  if (completions) {
    cli::write_stdout(cli::completion_script(app, *completions));
    return kExitValid;
  }
  if (print_schema) {
    cli::write_stdout(std::string(backfill::schema_text(*backfill::parse_kind(*print_schema), contract)));
    return kExitValid;
  }
  if (rules) {
    cli::list_rules(format);
    return kExitValid;
  }
  if (rule != nullptr) {
    cli::explain(*rule, format);
    return kExitValid;
  }

  backfill::LoadedSchemas loaded;
  if (schemas_dir) {
    loaded = backfill::load_schemas(*schemas_dir, contract);
    if (!loaded.ok()) {
      fmt::print(stderr, "backfill-check: --schemas: {}\n", backfill::neutralize(loaded.error));
      return kExitUsage;
    }
    for (const std::string& note : loaded.notes)
      fmt::print(stderr, "backfill-check: note: {}\n", backfill::neutralize(note));
  }
  const backfill::Validator& validator = loaded.validator;
  cli::Output output(*backfill::parse_format(format), quiet,
                     backfill::RenderOptions{use_color(color), all ? 0 : backfill::RenderOptions{}.repeats_listed});
  if (!automation_id.empty()) output.sarif_automation_id(automation_id);
  if (ndjson && batch.summary) output.summary_only();
  // Several documents: each record says which one it describes.
  if (files.size() > 1 || ndjson || exchange_mode || !har_file.empty() || page_id || include) output.name_records();
  if (!har_file.empty()) return check_har(validator, options, har_file, stdin_name, output);
  if (exchange_mode) {
    backfill::Parameters parameters{page_id, include, status, std::nullopt};
    return check_exchange(validator, options, request_file, response_file, stdin_name, parameters, output);
  }
  if (page_id || include) {
    const backfill::Parameters parameters{page_id, include, std::nullopt, std::nullopt};
    output.emit("<parameters>", backfill::parameters_document(parameters),
                backfill::validate_parameters(validator, parameters, options));
  }
  if (files.empty()) files.push_back("-");
  if (ndjson) {
    batch.stdin_name = stdin_name;
    return cli::check_ndjson(validator, options, files, batch, output);
  }
  for (const std::string& file : files) {
    const std::string& name = file == "-" ? stdin_name : file;
    std::string text, error;
    if (!cli::read_input(file, name, text, error)) {
      output.unreadable(error, name);
      continue;
    }
    output.emit(name, text, validator.validate(text, options));
  }
  return output.finish();
}

}  // namespace

int main(int argc, char** argv) { return cli::commit_output_file(cli::close_stdout(run(argc, argv))); }
