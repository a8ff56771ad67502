// backfill-check: pure renderers from reports to text, JSON, SARIF, GitHub annotations, JSON Schema
// output and RFC 9457 problem details.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "backfill/export.h"
#include "backfill/validate.h"

namespace backfill {

/// Options shared by the renderers.
struct RenderOptions {
  bool color = false;  ///< ANSI colours (text format only).
  /// Text format: how many diagnostics of one rule a document lists; the rest are counted in one
  /// line after them ("... and 779 more BF2010 read-only-member warnings"). 0 lists every one.
  /// Machine formats always list every diagnostic of the report.
  std::size_t repeats_listed = 3;
};

/// One document's report with the name it is shown under (a path relative to the working directory,
/// or the name given to standard input).
struct NamedReport {
  std::string source;  ///< File name as shown to the user.
  Report report;       ///< The document's diagnostics.
};

/// Where a record's document came from, for the formats that print one record per document (json,
/// jsonschema, problem): named when several documents are checked, so each record says which it is.
struct RecordSource {
  std::string_view name;   ///< File name as shown to the user; "" (jsonschema, problem): not named.
  std::uint64_t line = 0;  ///< NDJSON: the 1-based line of the file that is the document; 0: the whole file.
};

/// An input that could not be checked (unreadable, not a regular file), for SARIF's
/// `invocations[0].toolExecutionNotifications`.
struct SarifNotification {
  std::string source;   ///< File name as shown to the user.
  std::string message;  ///< What went wrong, e.g. "cannot read x.json: No such file or directory".
};

/// What a SARIF log says about the run besides its results.
struct SarifRun {
  /// `automationDetails.id` of the run ("" : none): the category that keeps runs of different
  /// configurations apart in code scanning, e.g. "backfill/requests/".
  std::string automation_id;
  /// Inputs that were not checked; `executionSuccessful` is false when there is any (or a BF0001).
  std::vector<SarifNotification> notifications;
};

/// The output formats (each has its render_* function below).
enum class Format : std::uint8_t {
  text,        ///< render_text(): compiler-style lines with excerpts.
  json,        ///< render_json(): one JSON object per document.
  sarif,       ///< render_sarif(): a SARIF 2.1.0 log.
  github,      ///< render_github(): GitHub Actions workflow commands.
  jsonschema,  ///< render_jsonschema(): JSON Schema "basic" output.
  problem,     ///< render_problem(): RFC 9457 problem details.
};
/// Every format, in the order documentation lists them.
inline constexpr Format kFormats[] = {Format::text,   Format::json,       Format::sarif,
                                      Format::github, Format::jsonschema, Format::problem};
/// "text", "json", "sarif", "github", "jsonschema" or "problem".
BACKFILL_API std::string_view format_name(Format format) noexcept;
/// Parses a format name; std::nullopt when unknown.
BACKFILL_API std::optional<Format> parse_format(std::string_view name) noexcept;
/// One document's report in `format` (SARIF: a log holding this one report). `document` is the
/// document's text, for the excerpts of text output (none when it is empty); `record` says how the
/// records of the jsonschema and problem formats name the document (json records always name
/// `source`, with `record.line`).
BACKFILL_API std::string render(Format format, const Report& report, std::string_view source,
                                std::string_view document = {}, const RenderOptions& options = {},
                                const RecordSource& record = {});
/// Compiler-style lines, `source:line:column: severity[CODE] rule: message`, one per diagnostic (a
/// rule's repeats beyond RenderOptions::repeats_listed counted in one line).
BACKFILL_API std::string render_text(const Report& report, std::string_view source, const RenderOptions& options = {});

/// As above, each line followed by the document's source line and a caret under the column (a window
/// of at most 120 columns for long lines; control characters, bidirectional controls and invalid
/// UTF-8 shown escaped as neutralize() does; the caret placed by display width, wide characters
/// taking two columns).
BACKFILL_API std::string render_text(const Report& report, std::string_view source, std::string_view document,
                                     const RenderOptions& options);

/// One JSON object on one line: {"source", "kind", "valid", "diagnostics": [...]}, newline-terminated.
BACKFILL_API std::string render_json(const Report& report, std::string_view source);

/// As above; an NDJSON document also gives its `line` of the file.
BACKFILL_API std::string render_json(const Report& report, const RecordSource& source);

/// A SARIF 2.1.0 log with one run: every rule of the catalogue in `tool.driver.rules`, every
/// diagnostic of every report in `results` (uri = the source name, percent-encoded), each with a
/// `partialFingerprints` entry that depends on the rule, file, JSON Pointer and message but not on the
/// line (code scanning keeps tracking an alert when lines are inserted above it), and `invocations`.
BACKFILL_API std::string render_sarif(const std::vector<NamedReport>& reports);

/// As above, with the run's automation id and the inputs that could not be checked.
BACKFILL_API std::string render_sarif(const std::vector<NamedReport>& reports, const SarifRun& run);

/// GitHub Actions workflow commands, `::error file=F,line=L,col=C,title=CODE rule::message`, one per
/// diagnostic (`::warning`, `::notice` for the other severities), escaped as GitHub's toolkit does.
BACKFILL_API std::string render_github(const Report& report, std::string_view source);

/// JSON Schema 2020-12 "basic" output on one line: {"valid", "errors": [{"keywordLocation",
/// "absoluteKeywordLocation", "instanceLocation", "error"}]}; warnings and notes go to "annotations".
/// Rule (non-schema) diagnostics name the rule as keyword location: "/x-backfill-rules/BF2002".
BACKFILL_API std::string render_jsonschema(const Report& report);

/// As above, naming the document: `source` (and `line` for an NDJSON document) after `valid`.
BACKFILL_API std::string render_jsonschema(const Report& report, const RecordSource& source);

/// An RFC 9457 problem details document (application/problem+json) on one line: type, title,
/// status (see problem_status()), detail and errors[] of {detail, pointer, code}, one per error, the
/// pointer as a URI fragment ("#/data/type"). Empty when the report has no error: no problem to describe.
BACKFILL_API std::string render_problem(const Report& report);
/// render_problem() with `status` as the document's status (a server that answers every bad body with
/// 400), naming the document as `source` says.
BACKFILL_API std::string render_problem(const Report& report, int status, const RecordSource& source = {});

/// As above, naming the document: `instance` is its name as a URI reference (percent-encoded), and
/// an NDJSON document also gives its `line`.
BACKFILL_API std::string render_problem(const Report& report, const RecordSource& source);

/// The HTTP status render_problem() uses: 400 when the body is not parseable JSON (BF0002-BF0004), 500
/// when the validator itself failed (BF0001), 422 for other errors, 200 when the report has no error.
BACKFILL_API int problem_status(const Report& report) noexcept;

/// Makes text that came from input (values, member names, file names, URLs, parameters) safe to show:
/// C0 and C1 controls, DEL, bidirectional controls and marks (U+061C, U+200E, U+200F, U+202A-U+202E,
/// U+2066-U+2069), line and paragraph separators (U+2028, U+2029) and bytes that are not UTF-8 are
/// written as visible escapes (`\u001b`, `\u202e`, `\xff`), and so is the second '#' of "##[" (a
/// GitHub workflow command anywhere in a line); all else is kept as is. The result has none of these.
BACKFILL_API std::string neutralize(std::string_view text);

/// neutralize() for a name that starts an output line (a file name before ":line:column"): a name that
/// GitHub's runner would read as a workflow command there (`::`, after white space) is shown as
/// `./NAME`, which names the same file.
BACKFILL_API std::string neutralize_name(std::string_view name);

/// Escapes a string for use inside a JSON string literal (no surrounding quotes). The code points that
/// neutralize() escapes are written as `\uXXXX` (the same string to a JSON parser, but nothing raw in a
/// terminal or log), and bytes that are not UTF-8 become `\ufffd`, so the result is always JSON.
BACKFILL_API std::string json_escape(std::string_view text);

}  // namespace backfill
