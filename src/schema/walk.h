// The schema walk: checks driven by what the schema says of each value. Every string whose
// subschema says "format": "uuid" or "date-time" is checked with the exact checkers (BF2004,
// BF2005), every member the schema marks readOnly is reported when sent in a request (BF2010), and
// every member the schema does not describe is reported as a likely typo (BF2011).
#pragma once

#include <string_view>

#include "json/json.h"
#include "schema/model.h"

namespace backfill::detail {

struct RuleContext;

/// Whether the walk reports a string with this format (an exact check, not valijson's).
bool string_fails_format(StringFormat format, std::string_view text) noexcept;

/// False only when the walk certainly reports nothing on `instance`. `request`: whether it reports
/// read-only members (it does for Kind::request).
bool walk_may_report(const SchemaModel& model, const Value& instance, bool request) noexcept;

/// The walk, reporting into `context`.
void check_against_schema_walk(const SchemaModel& model, const RuleContext& context);

}  // namespace backfill::detail
