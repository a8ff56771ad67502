// The schema walk: checks driven by what the schema says of each value. Every string whose
// subschema says "format": "uuid" or "date-time" is checked with the exact checkers (BF2004,
// BF2005), every member the schema marks readOnly is reported when sent in a request (BF2010), and
// every member the schema does not describe is reported as a likely typo (BF2011).
#pragma once

#include <string_view>

#include "json/json.h"
#include "json/value_path.h"
#include "schema/model.h"

namespace backfill::detail {

class Findings;
struct Finding;

/// Records what the schema walk reports, as facts (described only if listed). The walk and the fast
/// check's one pass (FastCheck::check with a reporter) both report through it, so the two agree.
class WalkReporter {
 public:
  /// `request`: whether read-only members are reported (they are for Kind::request).
  WalkReporter(const SchemaModel& model, Findings& findings, bool request) noexcept
      : model_(&model), findings_(&findings), request_(request) {}
  const SchemaModel& model() const noexcept { return *model_; }
  bool request() const noexcept { return request_; }
  /// Reports `value` if it fails `format`; whether it did. `in`: the container `value` is a child of
  /// (nullptr: it is the root).
  bool format(StringFormat format, const Value& value, const PathLink* in) const;
  /// Reports member `name` of the object `in`, whose value is `value`, as read-only.
  void read_only(const Value& value, std::string_view name, const PathLink& in) const;
  /// Reports member `name` of the object `in` (described by node `at`), whose value is `value`, as unknown.
  void unknown(NodeId at, const Value& value, std::string_view name, const PathLink& in) const;

 private:
  const SchemaModel* model_;
  Findings* findings_;
  bool request_;
};

/// Whether the walk reports a string with this format (an exact check, not valijson's).
bool string_fails_format(StringFormat format, std::string_view text) noexcept;

/// False only when the walk certainly reports nothing on `instance`. `request`: whether it reports
/// read-only members (it does for Kind::request).
bool walk_may_report(const SchemaModel& model, const Value& instance, bool request) noexcept;

/// The documented member an unknown member (a finding of the walk) most likely meant, or "": found
/// only when asked (its message, or a missing member it may be a misspelling of), not per finding.
std::string_view likely_intent(const Finding& unknown);

/// The walk over `instance`, reporting through `reporter`.
void check_against_schema_walk(const WalkReporter& reporter, const Value& instance);

}  // namespace backfill::detail
