// The one definition of what untrusted text may not carry into output raw, shared by neutralize()
// (text, GitHub annotations, the CLI's own lines), json_escape() and the text renderer's excerpts.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace backfill::detail {

/// A code point that must not reach a terminal, a CI log or an editor raw: C0 and C1 controls, DEL,
/// the bidirectional controls and marks (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069), and
/// the line and paragraph separators (U+2028, U+2029), which some viewers break lines at.
bool is_unsafe_code_point(char32_t cp) noexcept;

/// Where `text` holds "##[" at `i` (GitHub's runner reads "##[command]" anywhere in a line as a
/// workflow command): the second '#' is escaped by the callers, which breaks the prefix.
inline bool is_legacy_command_prefix(std::string_view text, std::size_t i) noexcept {
  return i >= 1 && text[i] == '#' && text[i - 1] == '#' && i + 1 < text.size() && text[i + 1] == '[';
}

/// Appends neutralize(text).
void append_neutralized(std::string& out, std::string_view text);

/// Columns a terminal gives a printable code point: 2 for East Asian wide and fullwidth characters
/// (and emoji shown wide), 0 for combining marks and zero-width characters, 1 otherwise.
int display_width(char32_t cp) noexcept;

}  // namespace backfill::detail
