// Escaping text into a JSON string literal (the renderers and the request builder share it).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace backfill::detail {

/// Appends `text` escaped for a JSON string literal (no quotes); controls (C0, DEL, C1), bidirectional
/// controls and separators become \uXXXX (see neutralize.h). With `repair_utf8`, bytes that are not
/// well-formed UTF-8 become \ufffd (output must be JSON); without, they are copied as they are.
void append_json_escaped(std::string& out, std::string_view text, bool repair_utf8);
/// The most bytes escaping `size` bytes of text writes (a byte may become "\u00XX").
constexpr std::size_t json_escaped_bound(std::size_t size) noexcept { return 6 * size; }
/// append_json_escaped() into a buffer with room for json_escaped_bound(text.size()) bytes; returns
/// the end of what it wrote.
char* write_json_escaped(char* out, std::string_view text, bool repair_utf8) noexcept;

}  // namespace backfill::detail
