// UTF-8 as the library reads it: well-formed means RFC 3629 (no overlong forms, no surrogates,
// nothing past U+10FFFF), the encoding RapidJSON's validation accepts. The parser's encoding check,
// neutralize(), JSON escaping, messages and columns all read bytes through here.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

namespace backfill::detail {

/// Whether `byte` continues a multi-byte sequence (10xxxxxx): it starts no character, so columns and
/// cuts skip it.
constexpr bool is_utf8_continuation(char byte) noexcept { return (static_cast<unsigned char>(byte) & 0xC0) == 0x80; }

/// Length (1-4) of the well-formed UTF-8 sequence at text[i], its code point in `cp`; 0 when the bytes
/// there are not one (overlong, surrogate, above U+10FFFF, truncated, stray continuation).
std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept;

/// Which 64-byte blocks of a text hold a byte above 0x7F: bit b % 64 of word b / 64 for block b;
/// no words at all when no block does. Elsewhere a column is a count of bytes (SourceMap).
using NonAsciiBlocks = std::vector<std::uint64_t>;
inline constexpr std::size_t kAsciiBlockBytes = 64;

/// Whether all of `text` is well-formed UTF-8, marking in `non_ascii` the blocks of the bytes above
/// 0x7F that it reads (all of them, when it is). Inline, as the parser's first step on every
/// document: ASCII runs are checked 8 bytes at a time, other bytes decoded.
inline bool is_utf8(std::string_view text, NonAsciiBlocks& non_ascii) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  non_ascii.clear();
  const auto mark = [&non_ascii, &text](std::size_t offset) {
    constexpr std::size_t kWordBytes = 64 * kAsciiBlockBytes;
    if (non_ascii.empty()) non_ascii.assign((text.size() + kWordBytes - 1) / kWordBytes, 0);
    non_ascii[offset / kWordBytes] |= std::uint64_t{1} << (offset / kAsciiBlockBytes % 64);
  };
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
    char32_t cp;
    const auto at = static_cast<std::size_t>(p - begin);
    const std::size_t length = decode_utf8(text, at, cp);
    if (length == 0) return false;
    // A sequence may end in the next block.
    mark(at);
    mark(at + length - 1);
    p += length;
  }
  return true;
}

}  // namespace backfill::detail
