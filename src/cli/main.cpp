// backfill-check: the command-line front end. Exit codes: 0 no error, 1 a document has an error,
// 2 usage error, unreadable input or internal error.
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "backfill/render.h"
#include "backfill/validate.h"

namespace {

constexpr int kExitValid = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;

bool read_input(const std::string& path, std::string& out, std::string& error) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    out = buffer.str();
    if (std::cin.bad()) { error = "cannot read standard input"; return false; }
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) { error = fmt::format("cannot open {}", path); return false; }
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  if (in.bad()) { error = fmt::format("cannot read {}", path); return false; }
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

void list_rules() {
  fmt::print("{:<8} {:<24} {:<8} {}\n", "code", "rule", "severity", "title");
  for (const auto* rule = backfill::rules_begin(); rule != backfill::rules_end(); ++rule) {
    fmt::print("{:<8} {:<24} {:<8} {}\n", rule->id, rule->name, backfill::severity_name(rule->severity), rule->title);
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Validates request, response and error bodies of Datadog's Create backfilled maintenance "
               "endpoint (POST /api/v2/statuspages/{page_id}/maintenances/backfill).",
               "backfill-check"};
  app.set_version_flag("--version", std::string(backfill::version()));
  std::string kind_name = "request";
  std::string format = "text";
  std::string now_text;
  std::string color = "auto";
  std::string explain;
  std::string stdin_name = "<stdin>";
  bool strict = false, quiet = false, rules = false;
  std::vector<std::string> files;
  backfill::Limits limits;
  app.add_option("--kind", kind_name, "Shape to check the documents against")
      ->check(CLI::IsMember({"request", "response", "error"}))->capture_default_str();
  app.add_option("--format", format, "Output format")->check(CLI::IsMember({"text", "json"}))->capture_default_str();
  app.add_option("--now", now_text, "The current time for the completed-in-future rule (RFC 3339); default: the clock");
  app.add_flag("--strict", strict, "Treat warnings as errors");
  app.add_flag("--quiet", quiet, "Report errors only, without warnings, notes or the summary line");
  app.add_option("--color", color, "Colour text output")->check(CLI::IsMember({"auto", "always", "never"}))->capture_default_str();
  app.add_option("--max-bytes", limits.max_bytes, "Largest document accepted, in bytes")->capture_default_str();
  app.add_option("--max-depth", limits.max_depth, "Deepest nesting accepted")->check(CLI::Range(1, 1000))->capture_default_str();
  app.add_option("--stdin-filename", stdin_name, "Name used for standard input in the output")->capture_default_str();
  app.add_option("--explain", explain, "Print the explanation of a rule (code like BF2002, or rule name) and exit");
  app.add_flag("--list-rules", rules, "Print the table of rules and exit");
  app.add_option("files", files, "JSON documents to check; '-' or none reads standard input");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? 0 : kExitUsage;
  }

  if (rules) { list_rules(); return kExitValid; }
  if (!explain.empty()) {
    const backfill::RuleInfo* rule = backfill::find_rule(explain);
    if (rule == nullptr) {
      fmt::print(stderr, "backfill-check: unknown rule {}; see --list-rules\n", explain);
      return kExitUsage;
    }
    fmt::print("{} {} ({})\n{}\n\n{}\n", rule->id, rule->name, backfill::severity_name(rule->severity), rule->title,
               rule->explanation);
    return kExitValid;
  }

  backfill::Options options;
  options.kind = *backfill::parse_kind(kind_name);
  options.strict = strict;
  options.limits = limits;
  if (!now_text.empty()) {
    const backfill::DateTimeParse parsed = backfill::parse_date_time(now_text);
    if (!parsed.instant) {
      fmt::print(stderr, "backfill-check: --now \"{}\" is not an RFC 3339 date-time ({})\n", now_text, parsed.problem);
      return kExitUsage;
    }
    options.now = parsed.instant;
  }
  if (files.empty()) files.push_back("-");

  const backfill::Validator validator;
  const backfill::RenderOptions render{use_color(color)};
  std::size_t valid = 0, invalid = 0, errors = 0, warnings = 0;
  int exit_code = kExitValid;
  for (const std::string& file : files) {
    const std::string source = file == "-" ? stdin_name : file;
    std::string text, error;
    if (!read_input(file, text, error)) {
      fmt::print(stderr, "backfill-check: {}\n", error);
      exit_code = kExitUsage;
      continue;
    }
    backfill::Report report = validator.validate(text, options);
    for (const auto& d : report.diagnostics) {
      if (d.code == backfill::Code::internal_error) exit_code = kExitUsage;
    }
    (report.valid() ? valid : invalid) += 1;
    errors += report.count(backfill::Severity::error);
    warnings += report.count(backfill::Severity::warning);
    if (!report.valid() && exit_code == kExitValid) exit_code = kExitInvalid;
    if (quiet) {
      report.diagnostics.erase(std::remove_if(report.diagnostics.begin(), report.diagnostics.end(),
                                              [](const auto& d) { return d.severity != backfill::Severity::error; }),
                               report.diagnostics.end());
    }
    const std::string out = format == "json" ? backfill::render_json(report, source)
                                             : backfill::render_text(report, source, render);
    std::fwrite(out.data(), 1, out.size(), stdout);
  }
  if (format == "text" && !quiet) {
    fmt::print("{} checked: {} valid, {} invalid ({} {}, {} {})\n",
               valid + invalid == 1 ? "1 document" : fmt::format("{} documents", valid + invalid), valid, invalid,
               errors, errors == 1 ? "error" : "errors", warnings, warnings == 1 ? "warning" : "warnings");
  }
  std::fflush(stdout);
  return exit_code;
}
