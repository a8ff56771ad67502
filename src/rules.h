// The rule layer: hand-written checks that a schema cannot express, run on the parsed document
// whatever the schema layer found, but never on a value of the wrong type.
#pragma once

#include <string>
#include <vector>

#include "backfill/validate.h"
#include "json.h"
#include "schema.h"

namespace backfill::detail {

/// A diagnostic before it is placed: the value it names, not yet its line and column.
struct Finding {
  Code code;
  const Value* node = nullptr;  ///< Located by its offset; nullptr: `offset` is used as is.
  std::size_t offset = 0;
  std::string pointer;
  std::string message;
  std::string keyword;           ///< Schema diagnostics: the failing keyword.
  std::string keyword_location;  ///< Schema diagnostics: where in the schema.
  std::string related;           ///< The member a required failure misses, or an unknown member's likely intent.
};

/// A finding named by the caller in full (parse errors, HAR and exchange checks): the one way code
/// outside the rule layer makes a Finding, so that its layout can change in one place.
inline Finding make_finding(Code code, const Value* node, std::string pointer, std::string message,
                            std::size_t offset = 0) {
  return Finding{code, node, offset, std::move(pointer), std::move(message), {}, {}, {}};
}

/// What every rule sees.
struct RuleContext {
  const Value& root;
  Kind kind;  ///< The shape checked (never automatic: detected before the rules run).
  const Options& options;
  Instant now;
  std::vector<Finding>& findings;
  /// Findings past this many are only counted: a document of a million faults must not cost a
  /// million messages (the report lists Limits::max_diagnostics of them anyway).
  std::size_t capacity = static_cast<std::size_t>(-1);
  mutable std::size_t dropped = 0;
  mutable Finding overflow{};  // what report() hands back for a finding that is only counted

  Finding& report(Code code, const Value* node, std::string pointer, std::string message) const {
    if (findings.size() >= capacity) {
      ++dropped;
      return overflow;
    }
    return findings.emplace_back(Finding{code, node, 0, std::move(pointer), std::move(message), {}, {}, {}});
  }
};

/// Formats (uuid, date-time), read-only and unknown members, found by walking the instance beside
/// its schema, so that every field of every shape that the schema gives a format is checked.
/// `fast` (optional) only makes it skip subtrees where it proves there is nothing to report.
class FastSchema;
void check_against_schema_walk(const CompiledSchema& schema, const RuleContext& context,
                               const FastSchema* fast = nullptr);

/// The request rules: updates count and order, started_at order, component statuses.
void check_request_rules(const RuleContext& context);
/// The response rules: a completed backfill, dates agreeing with updates, relationships and included.
void check_response_rules(const RuleContext& context);
/// The parameter rules: the include list and the status code.
void check_parameter_rules(const RuleContext& context);
/// Runs the rules of a kind.
void check_rules(Kind kind, const RuleContext& context);
/// Recognises a request, response or error body from its content.
Kind detect_kind(const Value& root) noexcept;

/// Sorts findings into document order, locates them and applies options (strict, limits).
/// `dropped`: findings already counted but not kept (see RuleContext::capacity).
Report place(Kind kind, std::vector<Finding>& findings, const ParsedJson* parsed, std::string_view text,
             const Options& options, std::size_t dropped = 0);

/// True when a rule's finding at a pointer makes the schema's `keyword` failure there redundant.
bool rule_subsumes(Code rule, std::string_view keyword) noexcept;

}  // namespace backfill::detail
