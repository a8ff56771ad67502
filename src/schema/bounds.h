// What makes a schema read at run time cost unbounded time or stack in the reference validator,
// found before it is used: valijson follows any schema as written, so a schema from a user is
// checked for the few shapes where that never ends or grows without bound with the document.
#pragma once

#include <string>

#include "json/json.h"

namespace backfill::detail {

/// How many subschemas may apply to one value one inside another ("allOf", "$ref", "not", ...),
/// as a chain: each is a level of the validator's stack for every level of the document.
constexpr unsigned kMaxInPlaceChain = 32;

/// Why `document` (a bundled schema: local references only) cannot be used, with the JSON Pointer
/// of the subschema: a keyword whose cost valijson does not bound ("pattern" and
/// "patternProperties": std::regex backtracks without limit; "uniqueItems": compares every pair of
/// items), a cycle of subschemas that apply to the same value (a "$ref" loop that never reaches a
/// member or an item: validation would not end), or a chain longer than kMaxInPlaceChain. "" when none.
std::string unbounded_schema(const Value& document);

}  // namespace backfill::detail
