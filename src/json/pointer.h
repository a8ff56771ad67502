// JSON Pointers (RFC 6901): building them, resolving them, and naming values of a document by them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "json/rapidjson.h"

namespace backfill::detail {

/// Appends an RFC 6901 reference token (with ~0 and ~1 escaping) to `pointer`.
void append_pointer_token(std::string& pointer, std::string_view token);
/// Appends an array index token to `pointer`.
void append_pointer_index(std::string& pointer, std::size_t index);
/// Resolves an RFC 6901 pointer in `root`; nullptr when it names nothing.
const Value* resolve_pointer(const Value& root, std::string_view pointer);

}  // namespace backfill::detail
