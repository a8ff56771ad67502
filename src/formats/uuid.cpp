// UUID format check (RFC 9562 text form). No version or variant check: the API reference's own
// example id 4e9d3726-bdd7-0079-613c-e9aaba89eb01 is version 0, and the API accepts it.
#include "formats/uuid.h"

#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "backfill/formats.h"

namespace backfill {

namespace {

constexpr bool is_dash_position(std::size_t i) noexcept { return i == 8 || i == 13 || i == 18 || i == 23; }

#if defined(__SSE2__)
// Every one of 16 bytes is a hex digit, or '-' where `dashes` is set. Signed compares: bytes of
// 0x80 and above are negative and fail both ranges.
__m128i hex_or_dash(__m128i c, __m128i dashes) noexcept {
  const __m128i digit =
      _mm_and_si128(_mm_cmpgt_epi8(c, _mm_set1_epi8('0' - 1)), _mm_cmplt_epi8(c, _mm_set1_epi8('9' + 1)));
  const __m128i lower = _mm_or_si128(c, _mm_set1_epi8(0x20));
  const __m128i letter =
      _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)), _mm_cmplt_epi8(lower, _mm_set1_epi8('f' + 1)));
  const __m128i dash = _mm_cmpeq_epi8(c, _mm_set1_epi8('-'));
  return _mm_or_si128(_mm_and_si128(dashes, dash), _mm_andnot_si128(dashes, _mm_or_si128(digit, letter)));
}

// The 36 characters checked 16 at a time (bytes 0-15, 16-31 and 20-35): ids are checked for
// every component of every update.
bool well_formed(const char* p) noexcept {
  const __m128i dashes0 = _mm_setr_epi8(0, 0, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0, 0);   // 8, 13
  const __m128i dashes16 = _mm_setr_epi8(0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0);  // 18, 23
  const __m128i dashes20 = _mm_setr_epi8(0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);   // 23
  const __m128i ok =
      _mm_and_si128(_mm_and_si128(hex_or_dash(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p)), dashes0),
                                  hex_or_dash(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16)), dashes16)),
                    hex_or_dash(_mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 20)), dashes20));
  return _mm_movemask_epi8(ok) == 0xFFFF;
}
#else
bool well_formed(const char* p) noexcept {
  for (std::size_t i = 0; i < 36; ++i) {
    const char c = p[i];
    const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    if (is_dash_position(i) ? c != '-' : !hex) return false;
  }
  return true;
}
#endif

}  // namespace

bool is_uuid(std::string_view text) noexcept { return text.size() == 36 && well_formed(text.data()); }

namespace detail {

bool parse_uuid(std::string_view text, UuidKey& out) noexcept {
  if (!is_uuid(text)) return false;
  // Setting bit 0x20 lowers 'A'-'F' and leaves digits and '-' as they are.
  constexpr std::uint64_t kLower = 0x2020202020202020ULL;
  for (int w = 0; w < 4; ++w) {
    std::memcpy(&out.words[w], text.data() + 8 * w, 8);
    out.words[w] |= kLower;
  }
  std::memcpy(&out.tail, text.data() + 32, 4);
  out.tail |= static_cast<std::uint32_t>(kLower);
  return true;
}

}  // namespace detail

}  // namespace backfill
