// Small accessors and descriptions of values, shared by the schema layer, the rules and the renderers.
#pragma once

#include <string>
#include <string_view>

#include "json/rapidjson.h"

namespace backfill::detail {

/// A string value's text (valid only while the document lives).
inline std::string_view text_of(const Value& value) noexcept { return {value.GetString(), value.GetStringLength()}; }
/// The member `name` of an object value, or nullptr.
const Value* member(const Value& object, std::string_view name) noexcept;
/// The member `name` of `object` (which may be null or not an object), or nullptr.
const Value* member_at(const Value* object, std::string_view name) noexcept;
/// member_at, but only when the member is a string.
const Value* string_member(const Value* object, std::string_view name) noexcept;
/// member_at, but only when the member is an object.
const Value* object_member(const Value* object, std::string_view name) noexcept;
/// ASCII lower case (UUIDs and media types compare case-insensitively).
std::string ascii_lower(std::string_view text);
/// Quotes a value for a message, shortened to at most about 60 characters.
std::string quote_value(const Value& value);
/// Quotes a string for a message, shortened to at most about 60 characters.
std::string quote_text(std::string_view text);
/// quote_text() appended to `out` (a message built in one buffer).
void append_quoted(std::string& out, std::string_view text);
/// Characters of a text that append_quoted() shows; longer texts end in "...".
inline constexpr std::size_t kQuotedAtMost = 60;
/// Whether append_quoted() writes `text` as it is between quotes (short printable ASCII, nothing to escape).
bool quoted_as_is(std::string_view text) noexcept;
/// "string", "number", "object", ... as JSON Schema names the type of `value`.
std::string_view json_type_name(const Value& value) noexcept;

}  // namespace backfill::detail
