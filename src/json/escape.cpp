// JSON string escaping, the one definition shared by the renderers (json_escape()) and the request
// builder.
#include "json/escape.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "json/utf8.h"
#include "render/neutralize.h"

namespace backfill::detail {

namespace {

// Whether none of 8 bytes needs a look: no control, DEL, non-ASCII, quote, backslash or '#' (the
// GitHub command prefix). Bit tricks that may say "look" for a plain word, never "plain" for another.
bool plain_word(std::uint64_t w) noexcept {
  constexpr std::uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
  const auto has_zero = [](std::uint64_t v) { return (v - kOnes) & ~v & kHighs; };
  return ((w & kHighs) | ((w - kOnes * 0x20) & ~w & kHighs) | has_zero(w ^ (kOnes * 0x7F)) |
          has_zero(w ^ (kOnes * '"')) | has_zero(w ^ (kOnes * '\\')) | has_zero(w ^ (kOnes * '#'))) == 0;
}

bool plain_byte(unsigned char c) noexcept { return c >= 0x20 && c < 0x7F && c != '"' && c != '\\' && c != '#'; }

// Copies fewer than 16 bytes with fixed-size moves (two that may overlap), not a call per piece.
[[maybe_unused]] void copy_short(char* out, const char* in, std::size_t n) noexcept {
  if (n >= 8) {
    std::uint64_t head, tail;
    std::memcpy(&head, in, 8);
    std::memcpy(&tail, in + n - 8, 8);
    std::memcpy(out, &head, 8);
    std::memcpy(out + n - 8, &tail, 8);
  } else if (n >= 4) {
    std::uint32_t head, tail;
    std::memcpy(&head, in, 4);
    std::memcpy(&tail, in + n - 4, 4);
    std::memcpy(out, &head, 4);
    std::memcpy(out + n - 4, &tail, 4);
  } else if (n > 0) {
    out[0] = in[0];
    out[n / 2] = in[n / 2];
    out[n - 1] = in[n - 1];
  }
}

}  // namespace

char* write_json_escaped(char* out, std::string_view text, bool repair_utf8) noexcept {
  const auto put = [&out](std::string_view piece) {
    std::memcpy(out, piece.data(), piece.size());
    out += piece.size();
  };
  const auto put_u_escape = [&out](unsigned cp) {  // cp <= 0xFFFF
    constexpr char kHex[] = "0123456789abcdef";
    const char escape[6] = {'\\', 'u', kHex[cp >> 12 & 15], kHex[cp >> 8 & 15], kHex[cp >> 4 & 15], kHex[cp & 15]};
    std::memcpy(out, escape, 6);
    out += 6;
  };
  for (std::size_t i = 0; i < text.size();) {
    // Text that needs no escape is copied a block at a time: pointers and messages mostly are.
#if defined(__SSE2__)
    // 16 bytes at a time (see `before` for the last ones); a quote
    // or a backslash is escaped here, anything else rarer below.
    const __m128i below = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7F), quote = _mm_set1_epi8('"'),
                  backslash = _mm_set1_epi8('\\'), hash = _mm_set1_epi8('#');
    while (i < text.size()) {
      const std::size_t left = text.size() - i;
      __m128i block;
      // The last bytes of a text of 16 or more: the block that ends with the text, its lanes before
      // `i` then ignored. A shorter text: a zero-padded copy (a zero byte is never plain).
      const unsigned before = left >= 16 || text.size() < 16 ? 0 : static_cast<unsigned>(16 - left);
      if (left >= 16 || before != 0) {
        block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i - before));
      } else {
        char padded[16] = {};
        copy_short(padded, text.data() + i, left);
        block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(padded));
      }
      // Signed compares: bytes from 0x80 up are negative, so "not below 0x20 and below 0x7F" is ASCII text.
      const __m128i text_byte =
          _mm_and_si128(_mm_cmpgt_epi8(block, _mm_sub_epi8(below, _mm_set1_epi8(1))), _mm_cmplt_epi8(block, del));
      const __m128i special = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(block, quote), _mm_cmpeq_epi8(block, backslash)),
                                           _mm_cmpeq_epi8(block, hash));
      const unsigned plain = static_cast<unsigned>(_mm_movemask_epi8(_mm_andnot_si128(special, text_byte))) >> before;
      const std::size_t run = plain == 0xFFFF ? 16 : static_cast<std::size_t>(__builtin_ctz(~plain));
      if (left >= 16) {
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out), block);  // room: 6 bytes for each byte to come
      } else {
        copy_short(out, text.data() + i, std::min(run, left));
      }
      i += run;
      out += run;
      if (run == 16 || i == text.size()) continue;
      if (text[i] != '"' && text[i] != '\\') break;
      *out++ = '\\';
      *out++ = text[i++];
    }
    if (i == text.size()) break;
#endif
    for (std::uint64_t w; i + 8 <= text.size() && (std::memcpy(&w, text.data() + i, 8), plain_word(w)); i += 8) {
      std::memcpy(out, &w, 8);
      out += 8;
    }
    // Then byte by byte up to what needs an escape (within the word that had it).
    for (const std::size_t stop = std::min(text.size(), i + 8);
         i < stop && plain_byte(static_cast<unsigned char>(text[i]));)
      *out++ = text[i++];
    if (i == text.size()) break;
    if (plain_byte(static_cast<unsigned char>(text[i]))) continue;
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      char32_t cp = 0;
      const std::size_t length = decode_utf8(text, i, cp);
      if (length == 0) {
        if (repair_utf8)
          put("\\ufffd");
        else
          *out++ = static_cast<char>(c);
        ++i;
      } else {
        // C1 controls, bidirectional controls and separators: the same string, but nothing raw.
        if (is_unsafe_code_point(cp))
          put_u_escape(static_cast<unsigned>(cp));
        else
          put(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': put("\\\""); break;
      case '\\': put("\\\\"); break;
      case '\n': put("\\n"); break;
      case '\r': put("\\r"); break;
      case '\t': put("\\t"); break;
      default:
        if (c < 0x20 || c == 0x7F || is_legacy_command_prefix(text, i)) {
          put_u_escape(c);
        } else {
          *out++ = static_cast<char>(c);
        }
    }
    ++i;
  }
  return out;
}

void append_json_escaped(std::string& out, std::string_view text, bool repair_utf8) {
  const std::size_t used = out.size();
  out.resize(used + json_escaped_bound(text.size()));
  out.resize(static_cast<std::size_t>(write_json_escaped(&out[used], text, repair_utf8) - out.data()));
}

}  // namespace backfill::detail
