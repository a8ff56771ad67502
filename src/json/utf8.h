// UTF-8 as the library reads it: well-formed means RFC 3629 (no overlong forms, no surrogates,
// nothing past U+10FFFF), the encoding RapidJSON's validation accepts. The parser's encoding check,
// neutralize(), JSON escaping, messages and columns all read bytes through here.
#pragma once

#include <cstddef>
#include <string_view>

namespace backfill::detail {

/// Whether `byte` continues a multi-byte sequence (10xxxxxx): it starts no character, so columns and
/// cuts skip it.
constexpr bool is_utf8_continuation(char byte) noexcept {
  return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

/// Length (1-4) of the well-formed UTF-8 sequence at text[i], its code point in `cp`; 0 when the bytes
/// there are not one (overlong, surrogate, above U+10FFFF, truncated, stray continuation).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept;

/// Whether all of `text` is well-formed UTF-8 (ASCII runs are checked 8 bytes at a time).
bool is_utf8(std::string_view text) noexcept;

}  // namespace backfill::detail
