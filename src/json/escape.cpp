// JSON string escaping, the one definition shared by the renderers (json_escape()) and the request
// builder.
#include "json/escape.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>
#include <iterator>

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

}  // namespace

void append_json_escaped(std::string& out, std::string_view text, bool repair_utf8) {
  for (std::size_t i = 0; i < text.size();) {
    // Text that needs no escape is appended a run at a time: pointers and messages mostly are.
    std::size_t plain = i;
    for (std::uint64_t w; plain + 8 <= text.size() && (std::memcpy(&w, text.data() + plain, 8), plain_word(w));)
      plain += 8;
    while (plain < text.size() && plain_byte(static_cast<unsigned char>(text[plain]))) ++plain;
    if (plain != i) {
      out.append(text.data() + i, plain - i);
      i = plain;
      continue;
    }
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x80) {
      char32_t cp = 0;
      const std::size_t length = decode_utf8(text, i, cp);
      if (length == 0) {
        if (repair_utf8)
          out += "\\ufffd";
        else
          out += static_cast<char>(c);
        ++i;
      } else {
        // C1 controls, bidirectional controls and separators: the same string, but nothing raw.
        if (is_unsafe_code_point(cp))
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", static_cast<unsigned>(cp));
        else
          out.append(text, i, length);
        i += length;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F || is_legacy_command_prefix(text, i)) {
          fmt::format_to(std::back_inserter(out), "\\u{:04x}", c);
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
}

}  // namespace backfill::detail
