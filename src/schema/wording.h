// How schema failures are worded: one function for every path that names a failing keyword (the fast
// check and the reference validator's mapping), so that both say the same thing.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "json/json.h"

namespace backfill::detail {

/// "a string", "an object or null": the types a "type" keyword allows.
std::string describe_types(const Value* type);
/// "\"a\", \"b\" or \"c\"": the values an "enum" keyword allows.
std::string describe_enum(const Value* values);
/// "integer 5", "string \"x\"", "an object": what was found instead.
std::string describe_found(const Value& value);

/// The message for a failing `keyword` (whose value in the schema is `keyword_value`) at `instance`;
/// `missing` is the member a "required" failure names. nullopt for keywords without a wording of
/// ours (the caller words those).
std::optional<std::string> describe_failure(std::string_view keyword, const Value* keyword_value, const Value* instance,
                                            std::string_view missing);

}  // namespace backfill::detail
