#include "output.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "io.h"

namespace cli {

namespace {
// SARIF wants locations relative to the working directory; names given relative stay as they are.
std::string relative_to_cwd(const std::string& name) {
  std::error_code error;
  const std::filesystem::path path(name);
  if (!path.is_absolute()) return name;
  const std::filesystem::path relative = path.lexically_relative(std::filesystem::current_path(error));
  return error || relative.empty() ? name : relative.generic_string();
}

void write(const std::string& text) { write_stdout(text); }

// The kinds in the summary line, as nouns: "(2 requests, 1 error body)".
std::string count_of(std::size_t n, backfill::Kind kind) {
  switch (kind) {
    case backfill::Kind::request: return fmt::format("{} {}", n, n == 1 ? "request" : "requests");
    case backfill::Kind::response: return fmt::format("{} {}", n, n == 1 ? "response" : "responses");
    case backfill::Kind::error: return fmt::format("{} {}", n, n == 1 ? "error body" : "error bodies");
    case backfill::Kind::parameters: return fmt::format("{} parameter {}", n, n == 1 ? "set" : "sets");
    default: return fmt::format("{} unparsed", n);  // an empty or missing body: no kind to tell
  }
}
}  // namespace

bool is_malformed(const backfill::Report& report) {
  return std::any_of(report.diagnostics.begin(), report.diagnostics.end(),
                     [](const backfill::Diagnostic& d) { return backfill::is_parse_failure(d.code); });
}

void Output::emit(const std::string& source, std::string_view text, backfill::Report report, std::uint64_t line) {
  for (const auto& d : report.diagnostics) {
    if (d.code == backfill::Code::internal_error) exit_code_ = kExitUsage;
  }
  (report.valid() ? valid_ : invalid_) += 1;
  if (is_malformed(report))
    ++malformed_;
  else
    per_kind_[static_cast<int>(report.kind)] += 1;
  errors_ += report.count(backfill::Severity::error);
  warnings_ += report.count(backfill::Severity::warning);
  if (!report.valid() && exit_code_ == kExitValid) exit_code_ = kExitInvalid;
  if (summary_only_) return;
  if (quiet_) {
    report.diagnostics.erase(std::remove_if(report.diagnostics.begin(), report.diagnostics.end(),
                                            [](const auto& d) { return d.severity != backfill::Severity::error; }),
                             report.diagnostics.end());
  }
  if (format_ == backfill::Format::sarif) {
    sarif_reports_.push_back({relative_to_cwd(source), std::move(report)});
    return;
  }
  const backfill::RecordSource record{name_records_ || line != 0 ? std::string_view(source) : std::string_view(), line};
  write(backfill::render(format_, report, source, text, render_, record));
}

// Headings and errors hold file names and HAR URLs: they pass the library's choke point too.
void Output::heading(std::string_view line) {
  if (format_ == backfill::Format::text && !quiet_) fmt::print("{}\n", backfill::neutralize_name(line));
}

void Output::unreadable(std::string_view message, std::string_view source) {
  fmt::print(stderr, "backfill-check: {}\n", backfill::neutralize(message));
  if (format_ == backfill::Format::sarif)
    sarif_run_.notifications.push_back({relative_to_cwd(std::string(source)), std::string(message)});
  exit_code_ = kExitUsage;
}

// "3 documents checked (2 requests, 1 malformed): 1 valid, 2 invalid (3 errors, 0 warnings)".
std::string Output::summary_line(std::string_view extra_summary) const {
  const std::size_t total = valid_ + invalid_;
  // Which shapes the documents were checked as (--kind auto chooses per document); a document that
  // is not JSON is counted as malformed, not as what it was meant to be.
  std::string kinds;
  for (backfill::Kind kind : backfill::kKinds) {
    const std::size_t n = per_kind_[static_cast<int>(kind)];
    if (n != 0) kinds += fmt::format("{}{}", kinds.empty() ? " (" : ", ", count_of(n, kind));
  }
  if (malformed_ != 0) kinds += fmt::format("{}{} malformed", kinds.empty() ? " (" : ", ", malformed_);
  if (!kinds.empty()) kinds += ")";
  return fmt::format("{} checked{}: {} valid, {} invalid ({} {}, {} {}){}\n",
                     total == 1 ? "1 document" : fmt::format("{} documents", total), kinds, valid_, invalid_, errors_,
                     errors_ == 1 ? "error" : "errors", warnings_, warnings_ == 1 ? "warning" : "warnings",
                     extra_summary);
}

int Output::finish(std::string_view extra_summary) {
  if (summary_only_) {
    if (format_ == backfill::Format::json) {
      write(
          fmt::format("{{\"documents\": {}, \"valid\": {}, \"invalid\": {}, \"malformed\": {}, \"errors\": {}, "
                      "\"warnings\": {}}}\n",
                      valid_ + invalid_, valid_, invalid_, malformed_, errors_, warnings_));
    } else {
      write(summary_line(extra_summary));
    }
    return exit_code_;
  }
  if (format_ == backfill::Format::sarif) write(backfill::render_sarif(sarif_reports_, sarif_run_));
  // GitHub shows at most 10 annotations of each kind per step, so the plain summary matters there too.
  if ((format_ == backfill::Format::text || format_ == backfill::Format::github) && !quiet_)
    write(summary_line(extra_summary));
  return exit_code_;
}

}  // namespace cli
