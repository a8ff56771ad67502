// Decoding UTF-8 (RFC 3629); the whole-text check, is_utf8(), is inline in the header.
#include "json/utf8.h"

namespace backfill::detail {

std::size_t decode_utf8(std::string_view text, std::size_t i, char32_t& cp) noexcept {
  const auto lead = static_cast<unsigned char>(text[i]);
  if (lead < 0x80) {
    cp = lead;
    return 1;
  }
  // The lead byte gives the length and the range of the second byte (which rules out overlong
  // forms, surrogates and code points above U+10FFFF).
  std::size_t length = 0;
  unsigned char low = 0x80, high = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF)
    length = 2;
  else if (lead == 0xE0)
    length = 3, low = 0xA0;
  else if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF)
    length = 3;
  else if (lead == 0xED)
    length = 3, high = 0x9F;
  else if (lead == 0xF0)
    length = 4, low = 0x90;
  else if (lead >= 0xF1 && lead <= 0xF3)
    length = 4;
  else if (lead == 0xF4)
    length = 4, high = 0x8F;
  else
    return 0;
  if (length > text.size() - i) return 0;
  char32_t value = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if (b < (k == 1 ? low : 0x80) || b > (k == 1 ? high : 0xBF)) return 0;
    value = (value << 6) | (b & 0x3F);
  }
  cp = value;
  return length;
}

}  // namespace backfill::detail
