// UTF-8 as the library reads it: well-formed means RFC 3629 (no overlong forms, no surrogates,
// nothing past U+10FFFF), the encoding RapidJSON's validation accepts. The parser's encoding check,
// neutralize(), JSON escaping, messages and columns all read bytes through here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace backfill::detail {

/// Whether `byte` continues a multi-byte sequence (10xxxxxx): it starts no character, so columns and
/// cuts skip it.
constexpr bool is_utf8_continuation(char byte) noexcept { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

/// Length (1-4) of the well-formed UTF-8 sequence at text[i], its code point in `cp`; 0 when the bytes
/// there are not one (overlong, surrogate, above U+10FFFF, truncated, stray continuation).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept;

/// Whether all of `text` is well-formed UTF-8; `ascii_end` is set to the length of its longest ASCII
/// prefix (where columns are bytes). Inline, as the parser's first step on every document: ASCII
/// runs are checked 8 bytes at a time, other bytes decoded.
inline bool is_utf8(std::string_view text, std::size_t& ascii_end) noexcept {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  ascii_end = text.size();
  bool ascii = true;
  for (const char* p = begin; p < end;) {
    if (end - p >= 8) {
      std::uint64_t word;
      std::memcpy(&word, p, sizeof word);
      if ((word & 0x8080808080808080ULL) == 0) {
        p += 8;
        continue;
      }
    }
    if (static_cast<unsigned char>(*p) < 0x80) {
      ++p;
      continue;
    }
    if (ascii) {
      ascii = false;
      ascii_end = static_cast<std::size_t>(p - begin);
    }
    char32_t cp;
    const std::size_t length = decode_utf8(text, static_cast<std::size_t>(p - begin), cp);
    if (length == 0) return false;
    p += length;
  }
  return true;
}

}  // namespace backfill::detail
