// The CLI's output stage: renders each checked document as it comes, in the chosen format, and the
// totals (and the SARIF log, which covers every document) at the end.
#pragma once

#include <cstdint>
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

/// True when the document was not parseable JSON (BF0002-BF0004): counted as malformed, whatever kind
/// it was meant to be.
bool is_malformed(const backfill::Report& report);

class Output {
 public:
  Output(backfill::Format format, bool quiet, backfill::RenderOptions render)
      : format_(format), quiet_(quiet), render_(render) {}

  /// Records of the jsonschema and problem formats name their document (several documents are
  /// checked, so each record must say which it describes); json records always do.
  void name_records() { name_records_ = true; }
  /// --summary: documents are counted, not rendered; finish() prints the counts (one JSON object
  /// with --format json, else the summary line).
  void summary_only() { summary_only_ = true; }
  /// SARIF: the run's automationDetails.id.
  void sarif_automation_id(std::string id) { sarif_run_.automation_id = std::move(id); }

  /// Counts and renders one checked document; `text` is its source text (for the caret lines), `line`
  /// the line of the file an NDJSON document is (0: the whole file).
  void emit(const std::string& source, std::string_view text, backfill::Report report, std::uint64_t line = 0);
  /// A heading line in text output (e.g. which HAR entry follows); nothing in the other formats.
  void heading(std::string_view line);
  /// An input that could not be read: reported on stderr (and in the SARIF log), exit code 2.
  void unreadable(std::string_view message, std::string_view source);
  /// Writes what is pending (SARIF log, summary line) and returns the exit code.
  int finish(std::string_view extra_summary = {});

  std::size_t documents() const { return valid_ + invalid_; }

 private:
  std::string summary_line(std::string_view extra_summary) const;

  backfill::Format format_;
  bool quiet_;
  backfill::RenderOptions render_;
  std::size_t valid_ = 0, invalid_ = 0, errors_ = 0, warnings_ = 0;
  std::size_t per_kind_[std::size(backfill::kKinds)] = {};  // well-formed documents checked as each kind
  std::size_t malformed_ = 0;                               // documents that were not parseable JSON
  bool name_records_ = false;
  bool summary_only_ = false;
  int exit_code_ = kExitValid;
  std::vector<backfill::NamedReport> sarif_reports_;  // SARIF is one log for all documents
  backfill::SarifRun sarif_run_;
};

}  // namespace cli
