// Lines by a memchr pass on first use, columns by counting the characters before the offset.
#include "json/source_map.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "json/utf8.h"

namespace backfill::detail {

void SourceMap::locate(std::size_t offset, std::uint32_t& line, std::uint32_t& column) const {
  offset = std::min(offset, text_.size());
  if (line_starts_.empty()) {
    line_starts_.push_back(0);
    const char* const begin = text_.data();
    const char* const end = begin + text_.size();
    for (const char* p = begin; p < end; ++p) {
      p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
      if (p == nullptr) break;
      line_starts_.push_back(static_cast<std::size_t>(p - begin) + 1);
    }
  }
  const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  const std::size_t line_index = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
  std::size_t start = line_starts_[line_index];
  std::uint32_t count = 0;
  // Resume from the previous lookup on the same line: callers locate in ascending order, so a
  // document that is one long line costs one pass, not one pass per diagnostic.
  if (cursor_line_ == line_index && cursor_offset_ <= offset && cursor_offset_ >= start) {
    start = cursor_offset_;
    count = cursor_column_;
  }
  std::size_t i = start;
  // A byte starts a code point unless it is 10xxxxxx.
#if defined(__SSE2__)
  // 16 at a time: as signed bytes, 10xxxxxx are those below -64. Each lane counts them (up to 255
  // blocks), then the lanes are summed.
  const __m128i continuation_below = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
  while (i + 16 <= offset) {
    __m128i lanes = zero;
    const std::size_t from = i;
    for (int blocks = 0; blocks < 255 && i + 16 <= offset; ++blocks, i += 16) {
      const __m128i block = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text_.data() + i));
      lanes = _mm_sub_epi8(lanes, _mm_cmplt_epi8(block, continuation_below));
    }
    const __m128i sums = _mm_sad_epu8(lanes, zero);
    const auto continuations = static_cast<std::size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
    count += static_cast<std::uint32_t>(i - from - continuations);
  }
#endif
  for (; i + 8 <= offset; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text_.data() + i, sizeof word);
    const std::uint64_t continuation = (word & ~(word << 1) & 0x8080808080808080ULL) >> 7;  // 0 or 1 a byte
    count += 8 - static_cast<std::uint32_t>((continuation * 0x0101010101010101ULL) >> 56);
  }
  for (; i < offset; ++i) {
    if (!is_utf8_continuation(text_[i])) ++count;
  }
  cursor_line_ = line_index;
  cursor_offset_ = offset;
  cursor_column_ = count;
  line = static_cast<std::uint32_t>(line_index + 1);
  column = count + 1;
}

}  // namespace backfill::detail
