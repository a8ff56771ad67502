// The CLI's output stage: renders each checked document as it comes, in the chosen format, and the
// totals (and the SARIF log, which covers every document) at the end.
#pragma once

#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/render.h"
#include "backfill/validate.h"

namespace cli {

constexpr int kExitValid = 0;
constexpr int kExitInvalid = 1;
constexpr int kExitUsage = 2;

class Output {
 public:
  Output(backfill::Format format, bool quiet, backfill::RenderOptions render)
      : format_(format), quiet_(quiet), render_(render) {}

  /// Counts and renders one checked document; `text` is its source text (for the caret lines).
  void emit(const std::string& source, std::string_view text, backfill::Report report);
  /// A heading line in text output (e.g. which HAR entry follows); nothing in the other formats.
  void heading(std::string_view line);
  /// An input that could not be read: reported on stderr, exit code 2.
  void unreadable(std::string_view message);
  /// Writes what is pending (SARIF log, summary line) and returns the exit code.
  int finish(std::string_view extra_summary = {});

  std::size_t documents() const { return valid_ + invalid_; }

 private:
  backfill::Format format_;
  bool quiet_;
  backfill::RenderOptions render_;
  std::size_t valid_ = 0, invalid_ = 0, errors_ = 0, warnings_ = 0;
  std::size_t per_kind_[std::size(backfill::kKinds)] = {};  // documents checked as each kind (auto: not parseable)
  int exit_code_ = kExitValid;
  std::vector<backfill::NamedReport> sarif_reports_;  // SARIF is one log for all documents
};

}  // namespace cli
