// JSON Pointers (RFC 6901): building them, resolving them, and naming values of a document by them
// (json/value_path.h names the values that findings are reported at).
#pragma once

#include <charconv>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "json/rapidjson.h"

namespace backfill::detail {

/// The most bytes the reference token of a member name of `size` bytes takes: '/' and each byte
/// escaped to two.
constexpr std::size_t pointer_token_bound(std::size_t size) { return 1 + 2 * size; }
/// The most bytes the reference token of an array index takes: '/' and 20 digits.
inline constexpr std::size_t kIndexTokenBound = 21;
/// Writes '/' and `token` (with ~0 and ~1 escaping) at `out`; returns the end. Inline: a flood's
/// pointers write one of these each.
inline char* write_pointer_token(char* out, std::string_view token) noexcept {
  *out++ = '/';
  // Member names are short: one pass that copies and escapes costs less than searching first.
  for (const char c : token) {
    if (c == '~' || c == '/') {
      *out++ = '~';
      *out++ = c == '~' ? '0' : '1';
    } else {
      *out++ = c;
    }
  }
  return out;
}
/// Writes '/' and the decimal `index` at `out`; returns the end. Inline, like write_pointer_token().
inline char* write_pointer_index(char* out, std::size_t index) noexcept {
  *out++ = '/';
  // The usual index, below 1000, without the general conversion's loop.
  if (index < 10) {
    *out = static_cast<char>('0' + index);
    return out + 1;
  }
  if (index < 100) {
    out[0] = static_cast<char>('0' + index / 10);
    out[1] = static_cast<char>('0' + index % 10);
    return out + 2;
  }
  if (index < 1000) {
    out[0] = static_cast<char>('0' + index / 100);
    out[1] = static_cast<char>('0' + index / 10 % 10);
    out[2] = static_cast<char>('0' + index % 10);
    return out + 3;
  }
  return std::to_chars(out, out + kIndexTokenBound - 1, index).ptr;
}
/// Appends an RFC 6901 reference token (with ~0 and ~1 escaping) to `pointer`.
void append_pointer_token(std::string& pointer, std::string_view token);
/// Appends an array index token to `pointer`.
void append_pointer_index(std::string& pointer, std::size_t index);
/// Resolves an RFC 6901 pointer in `root`; nullptr when it names nothing.
const Value* resolve_pointer(const Value& root, std::string_view pointer);

}  // namespace backfill::detail
