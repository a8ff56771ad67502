// Lines by a memchr pass on first use, columns by counting the characters before the offset (in the
// blocks known to hold other bytes than ASCII, when they are known).
#include "json/source_map.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "json/utf8.h"

namespace backfill::detail {

namespace {

// The code points of text[from, to): the bytes that are not 10xxxxxx. Reads only inside `text`.
std::size_t count_code_points(std::string_view text, std::size_t from, std::size_t to) noexcept {
  std::size_t continuations = 0;
  std::size_t i = from;
#if defined(__SSE2__)
  // 16 at a time: as signed bytes, 10xxxxxx are those below -64. Each lane counts them (up to 254
  // blocks and the tail), then the lanes are summed. The tail is one more block, loaded where it
  // stays inside the text, with the lanes outside [i, to) masked off.
  static constexpr char kKeep[48] = {0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
                                     -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1,
                                     0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0};
  const __m128i continuation_below = _mm_set1_epi8(-64), zero = _mm_setzero_si128();
  const auto continuations_in = [&](const char* at) {
    return _mm_cmplt_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(at)), continuation_below);
  };
  for (;;) {
    const std::size_t blocks = std::min<std::size_t>((to - i) / 16, 254);
    const char* block = text.data() + i;
    const char* const end = block + 16 * blocks;
    __m128i lanes = zero;
    for (; end - block >= 64; block += 64) {
      lanes = _mm_sub_epi8(lanes, continuations_in(block));
      lanes = _mm_sub_epi8(lanes, continuations_in(block + 16));
      lanes = _mm_sub_epi8(lanes, continuations_in(block + 32));
      lanes = _mm_sub_epi8(lanes, continuations_in(block + 48));
    }
    for (; block != end; block += 16) lanes = _mm_sub_epi8(lanes, continuations_in(block));
    i += 16 * blocks;
    const bool last = to - i < 16;
    if (last && i < to && (i + 16 <= text.size() || to >= 16)) {
      // The `left` bytes before `to`: either the block at i keeps its first `left` lanes, or the
      // block that ends at `to` its last `left`.
      const std::size_t left = to - i;
      const bool ahead = i + 16 <= text.size();
      const __m128i keep = _mm_loadu_si128(reinterpret_cast<const __m128i*>(kKeep + (ahead ? 32 - left : left)));
      lanes = _mm_sub_epi8(lanes, _mm_and_si128(continuations_in(text.data() + (ahead ? i : to - 16)), keep));
      i = to;
    }
    const __m128i sums = _mm_sad_epu8(lanes, zero);
    continuations += static_cast<std::size_t>(_mm_cvtsi128_si32(sums) + _mm_extract_epi16(sums, 4));
    if (last) break;
  }
#endif
  for (; i + 8 <= to; i += 8) {
    std::uint64_t word;
    std::memcpy(&word, text.data() + i, sizeof word);
    const std::uint64_t continuation = (word & ~(word << 1) & 0x8080808080808080ULL) >> 7;  // 0 or 1 a byte
    continuations += static_cast<std::size_t>((continuation * 0x0101010101010101ULL) >> 56);
  }
  for (; i < to; ++i) continuations += is_utf8_continuation(text[i]) ? 1 : 0;
  return to - from - continuations;
}

// The continuation bytes of text[begin, end), a range inside one 64-byte block: one mask of the
// block's continuation bytes when the whole block lies in `text`.
std::size_t continuations_in_block(std::string_view text, std::size_t begin, std::size_t end) noexcept {
#if defined(__SSE2__)
  const std::size_t base = begin / kAsciiBlockBytes * kAsciiBlockBytes;
  if (base + kAsciiBlockBytes <= text.size()) {
    const __m128i continuation_below = _mm_set1_epi8(-64);
    std::uint64_t mask = 0;
    for (std::size_t k = 0; k < 4; ++k) {
      const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + base + 16 * k));
      mask |= static_cast<std::uint64_t>(
                  static_cast<std::uint16_t>(_mm_movemask_epi8(_mm_cmplt_epi8(bytes, continuation_below))))
              << (16 * k);
    }
    mask >>= begin - base;
    if (end - begin < 64) mask &= (std::uint64_t{1} << (end - begin)) - 1;
    return static_cast<std::size_t>(__builtin_popcountll(mask));
  }
#endif
  return end - begin - count_code_points(text, begin, end);
}

}  // namespace

std::size_t SourceMap::next_marked(std::size_t block) const noexcept {
  for (std::size_t word = block / 64; word < non_ascii_->size(); ++word) {
    std::uint64_t marked = (*non_ascii_)[word];
    if (word == block / 64) marked &= ~std::uint64_t{0} << (block % 64);
    if (marked != 0) return word * 64 + static_cast<std::size_t>(__builtin_ctzll(marked));
  }
  return kNoBlock;
}

std::size_t SourceMap::code_points(std::size_t from, std::size_t to) const noexcept {
  if (non_ascii_ == nullptr) return count_code_points(text_, from, to);
  // A byte each, less the continuation bytes of the marked blocks in [from, to).
  std::size_t points = to - from;
  if (from == to) return points;
  const std::size_t last = (to - 1) / kAsciiBlockBytes;
  for (std::size_t block = next_marked(from / kAsciiBlockBytes); block <= last; block = next_marked(block + 1)) {
    const std::size_t begin = std::max(from, block * kAsciiBlockBytes);
    const std::size_t end = std::min(to, (block + 1) * kAsciiBlockBytes);
    points -= continuations_in_block(text_, begin, end);
  }
  return points;
}

std::size_t SourceMap::first_marked_from(std::size_t block) const noexcept {
  if (non_ascii_ == nullptr) return block;
  // Callers go on in ascending order: the previous search answers again until its block is passed.
  if (block < searched_from_ || block > marked_at_) {
    searched_from_ = block;
    marked_at_ = next_marked(block);
  }
  return marked_at_;
}

void SourceMap::locate_by_counting(std::size_t offset, std::uint32_t& line, std::uint32_t& column) const {
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
  // Resume from the previous lookup when the offset is further on the same line: callers locate
  // in ascending order, so a document that is one long line costs one pass, not one per diagnostic.
  std::size_t line_index = cursor_line_;
  std::size_t start = cursor_offset_;
  std::uint32_t count = cursor_column_;
  const bool same_line =
      start <= offset && (line_index + 1 == line_starts_.size() || offset < line_starts_[line_index + 1]);
  if (!same_line) {
    const auto next = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
    line_index = static_cast<std::size_t>(next - line_starts_.begin()) - 1;
    start = line_starts_[line_index];
    count = 0;
  }
  count += static_cast<std::uint32_t>(code_points(start, offset));
  cursor_line_ = line_index;
  cursor_offset_ = offset;
  cursor_column_ = count;
  // The bytes from here are plain up to the line's break (or the end) and the first marked block;
  // a marked block of the offset's own may hold other bytes before it, so it ends them at once.
  const std::size_t line_end = line_index + 1 < line_starts_.size() ? line_starts_[line_index + 1] - 1 : text_.size();
  const std::size_t block = offset / kAsciiBlockBytes;
  const std::size_t marked = first_marked_from(block);
  plain_until_ = marked == block ? offset : std::min(line_end, marked * kAsciiBlockBytes);
  line = static_cast<std::uint32_t>(line_index + 1);
  column = count + 1;
}

}  // namespace backfill::detail
