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
}  // namespace

void Output::emit(const std::string& source, std::string_view text, backfill::Report report) {
  for (const auto& d : report.diagnostics) {
    if (d.code == backfill::Code::internal_error) exit_code_ = kExitUsage;
  }
  (report.valid() ? valid_ : invalid_) += 1;
  per_kind_[static_cast<int>(report.kind)] += 1;
  errors_ += report.count(backfill::Severity::error);
  warnings_ += report.count(backfill::Severity::warning);
  if (!report.valid() && exit_code_ == kExitValid) exit_code_ = kExitInvalid;
  if (quiet_) {
    report.diagnostics.erase(std::remove_if(report.diagnostics.begin(), report.diagnostics.end(),
                                            [](const auto& d) { return d.severity != backfill::Severity::error; }),
                             report.diagnostics.end());
  }
  if (format_ == backfill::Format::sarif) {
    sarif_reports_.push_back({relative_to_cwd(source), std::move(report)});
    return;
  }
  write(backfill::render(format_, report, source, text, render_));
}

// Headings and errors hold file names and HAR URLs: they pass the library's choke point too.
void Output::heading(std::string_view line) {
  if (format_ == backfill::Format::text && !quiet_) fmt::print("{}\n", backfill::neutralize_name(line));
}

void Output::unreadable(std::string_view message) {
  fmt::print(stderr, "backfill-check: {}\n", backfill::neutralize(message));
  exit_code_ = kExitUsage;
}

int Output::finish(std::string_view extra_summary) {
  if (format_ == backfill::Format::sarif) write(backfill::render_sarif(sarif_reports_));
  // GitHub shows at most 10 annotations of each kind per step, so the plain summary matters there too.
  if ((format_ == backfill::Format::text || format_ == backfill::Format::github) && !quiet_) {
    const std::size_t total = valid_ + invalid_;
    // Which shapes the documents were checked as (--kind auto chooses per document).
    std::string kinds;
    for (backfill::Kind kind : backfill::kKinds) {
      const std::size_t n = per_kind_[static_cast<int>(kind)];
      if (n == 0) continue;
      const std::string_view name = kind == backfill::Kind::automatic ? "unparsed" : backfill::kind_name(kind);
      kinds += fmt::format("{}{} {}", kinds.empty() ? " (" : ", ", n, name);
    }
    if (!kinds.empty()) kinds += ")";
    write_stdout(fmt::format("{} checked{}: {} valid, {} invalid ({} {}, {} {}){}\n",
               total == 1 ? "1 document" : fmt::format("{} documents", total), kinds, valid_, invalid_, errors_,
               errors_ == 1 ? "error" : "errors", warnings_, warnings_ == 1 ? "warning" : "warnings", extra_summary));
  }
  return exit_code_;
}

}  // namespace cli
