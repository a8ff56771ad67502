// backfill-check: structured diagnostics and the rule catalogue.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "backfill/export.h"

namespace backfill {

/// How serious a diagnostic is; `error` makes a document invalid.
enum class Severity : std::uint8_t { info, warning, error };

/// Every rule the library can report. Values are stable and never reused.
enum class Code : std::uint16_t {
#define BACKFILL_RULE(id, number, name, severity, title, explanation) id = number,
#include "backfill/rules.def"
#undef BACKFILL_RULE
};

/// One entry of the rule catalogue: the single source of codes and names.
struct RuleInfo {
  Code code;                     ///< Numeric code, e.g. 2002 for BF2002.
  std::string_view id;           ///< Printable code, e.g. "BF2002".
  std::string_view name;         ///< Kebab-case rule name, e.g. "updates-status-order".
  Severity severity;             ///< Default severity.
  std::string_view title;        ///< One-line summary.
  std::string_view explanation;  ///< What it checks, why, and a failing and fixed example.
};

/// One finding about one value of one document. Its texts are views into the storage of the Report
/// that lists it, where each is followed by a NUL (so `pointer.data()` is also a C string): they
/// stay valid while that report lives, and a copy of the report has its own (Report::add() copies
/// texts from elsewhere in). Copy the strings out to keep them longer.
struct Diagnostic {
  Code code = Code::internal_error;     ///< Which rule fired.
  Severity severity = Severity::error;  ///< Severity after options (strict) are applied.
  std::string_view pointer;             ///< RFC 6901 JSON Pointer; "" is the document root.
  std::string_view message;             ///< One sentence: what is wrong and what is expected.
  std::uint32_t line = 0;               ///< 1-based line of the value (or syntax error); 0 if unknown.
  std::uint32_t column = 0;             ///< 1-based column in UTF-8 code points.
  std::string_view keyword_location;    ///< Schema diagnostics: JSON Pointer into the schema.
};

/// The whole catalogue, in code order.
BACKFILL_API const RuleInfo* rules_begin() noexcept;
/// One past the end of the catalogue.
BACKFILL_API const RuleInfo* rules_end() noexcept;
/// The catalogue entry for a code (every Code value has one).
BACKFILL_API const RuleInfo& rule_info(Code code) noexcept;
/// Looks a rule up by its printable id ("BF2002") or name; nullptr when unknown.
BACKFILL_API const RuleInfo* find_rule(std::string_view id_or_name) noexcept;
/// "error", "warning" or "info".
BACKFILL_API std::string_view severity_name(Severity severity) noexcept;
/// Whether `code` says the document could not be read as JSON (syntax, encoding or a limit: BF0002,
/// BF0003, BF0004). Such a diagnostic is its report's only one; a server answers it with 400.
BACKFILL_API bool is_parse_failure(Code code) noexcept;

}  // namespace backfill
