// The token scan. It trusts the text to be JSON the parser accepted: it tells values from member names
// by the brackets and commas alone, and a string's end by its quotes and backslashes.
#include "json/tokens.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace backfill::detail {

namespace {

// The offset just after the closing quote of the string whose opening quote is at `open` (a backslash
// always escapes the byte after it).
std::size_t end_of_string(std::string_view text, std::size_t open) noexcept {
  std::size_t at = open + 1;
#if defined(__SSE2__)
  // 16 bytes at a time to the next quote or backslash (strings are most of a document's bytes).
  const __m128i quote = _mm_set1_epi8('"'), backslash = _mm_set1_epi8('\\');
  while (at + 16 <= text.size()) {
    const __m128i chunk = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + at));
    const int hits = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(chunk, quote), _mm_cmpeq_epi8(chunk, backslash)));
    if (hits == 0) {
      at += 16;
      continue;
    }
    at += static_cast<std::size_t>(__builtin_ctz(static_cast<unsigned>(hits)));
    if (text[at] == '"') return at + 1;
    at += 2;  // a backslash escapes the byte after it
  }
#endif
  for (; at < text.size(); ++at) {
    if (text[at] == '"') return at + 1;
    if (text[at] == '\\') ++at;
  }
  return text.size();
}

bool is_literal_byte(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '+' || c == '.';
}

}  // namespace

void scan_value_offsets(std::string_view text, std::vector<std::uint32_t>& offsets, std::size_t limit) {
  std::vector<bool> in_object;  // the open containers, innermost last
  bool expect_key = false;
  std::size_t i = 0;
  while (i < text.size() && offsets.size() < limit) {
    const char c = text[i];
    if (is_json_space(c) || c == ':') {
      ++i;
    } else if (c == ',') {
      expect_key = !in_object.empty() && in_object.back();
      ++i;
    } else if (c == '}' || c == ']') {
      if (!in_object.empty()) in_object.pop_back();
      expect_key = false;
      ++i;
    } else if (expect_key) {  // a member name: not a value
      i = end_of_string(text, i);
      expect_key = false;
    } else {
      offsets.push_back(static_cast<std::uint32_t>(i));
      if (c == '{' || c == '[') {
        in_object.push_back(c == '{');
        expect_key = c == '{';
        ++i;
      } else if (c == '"') {
        i = end_of_string(text, i);
      } else {  // a number, true, false or null: letters, digits, '-', '+', '.'
        while (i < text.size() && is_literal_byte(text[i])) ++i;
      }
    }
  }
}

}  // namespace backfill::detail
