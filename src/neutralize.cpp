// The one choke point between untrusted text and output: what a terminal, a CI log or an editor could
// take for a command (escape sequences, workflow commands after a line break, reordered text) is
// shown as an escape instead.
#include "backfill/render.h"

namespace backfill {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void escape_code_point(std::string& out, unsigned cp) {
  out += "\\u";
  for (int shift = 12; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 15];
}

// Length of the well-formed UTF-8 sequence at `s` (1-4), or 0 when it is not one.
std::size_t utf8_length(const unsigned char* s, std::size_t n, unsigned& cp) {
  const unsigned c = s[0];
  if (c < 0x80) { cp = c; return 1; }
  std::size_t len = 0;
  unsigned min = 0;
  if (c >= 0xC2 && c <= 0xDF) { len = 2; cp = c & 0x1F; min = 0x80; }
  else if (c >= 0xE0 && c <= 0xEF) { len = 3; cp = c & 0x0F; min = 0x800; }
  else if (c >= 0xF0 && c <= 0xF4) { len = 4; cp = c & 0x07; min = 0x10000; }
  else return 0;
  if (n < len) return 0;
  for (std::size_t i = 1; i < len; ++i) {
    if ((s[i] & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (s[i] & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool is_bidi_control(unsigned cp) { return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069); }

}  // namespace

std::string neutralize(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  for (std::size_t i = 0; i < text.size();) {
    unsigned cp = 0;
    const std::size_t len = utf8_length(s + i, text.size() - i, cp);
    if (len == 0) {
      out += "\\x";
      out += kHex[s[i] >> 4];
      out += kHex[s[i] & 15];
      ++i;
      continue;
    }
    if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || is_bidi_control(cp)) {
      escape_code_point(out, cp);
    } else {
      out.append(text.data() + i, len);
    }
    i += len;
  }
  return out;
}

}  // namespace backfill
