// The input stream of the in-situ parse: RapidJSON's InsituStringStream over a text that is followed
// by at least kStringScanPadding NUL bytes, so that a string's bytes can be scanned 16 at a time
// from its first byte.
//
// RapidJSON scans an in-situ string byte by byte up to the next 16-byte boundary and only then 16
// bytes at a time: most strings of a request (names, statuses, member names) end before that
// boundary, at a length that varies from one to the next, so their scan is a loop whose exit the
// processor mispredicts. With the padding, an unaligned 16-byte load at any byte of the text stays
// inside the buffer (the scan stops at the string's closing quote, or at the first NUL after it).
#pragma once

#include <cstddef>

#include "json/rapidjson.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace backfill::detail {

/// NUL bytes a PaddedInsituStream's text must be followed by.
inline constexpr std::size_t kStringScanPadding = 16;

/// An InsituStringStream whose text is followed by kStringScanPadding NUL bytes (see above).
struct PaddedInsituStream : rapidjson::InsituStringStream {
  using rapidjson::InsituStringStream::InsituStringStream;
};

/// Moves `p` to the first byte of a string's contents that is not copied as it is: its closing quote,
/// a backslash or a control character (a NUL of the padding at the latest). When `q` differs from `p`
/// (an escape was already decoded), the bytes passed over are copied down to `q`, which moves along.
inline void scan_unescaped(char*& p, char*& q) noexcept {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i backslash = _mm_set1_epi8('\\');
  const __m128i below_space = _mm_set1_epi8(0x1F);
  for (;;) {
    const __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // A control character c < 0x20 is one whose unsigned minimum with 0x1F is itself.
    const __m128i stops = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash)),
                                       _mm_cmpeq_epi8(_mm_min_epu8(bytes, below_space), bytes));
    const auto mask = static_cast<unsigned>(_mm_movemask_epi8(stops));
    if (mask != 0) {
      const auto length = static_cast<std::size_t>(__builtin_ctz(mask));
      if (q != p) {
        // Byte by byte: a 16-byte store here could overwrite input not read yet (q < p).
        for (std::size_t i = 0; i < length; ++i) q[i] = p[i];
      }
      p += length;
      q += length;
      return;
    }
    // q <= p: the 16 bytes stored end at or before the end of the 16 just loaded.
    if (q != p) _mm_storeu_si128(reinterpret_cast<__m128i*>(q), bytes);
    p += 16;
    q += 16;
  }
#else
  for (;; ++p, ++q) {
    const auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20) return;
    if (q != p) *q = *p;
  }
#endif
}

}  // namespace backfill::detail

namespace rapidjson {

template <>
struct StreamTraits<backfill::detail::PaddedInsituStream> : StreamTraits<InsituStringStream> {};

template <>
inline void SkipWhitespace(backfill::detail::PaddedInsituStream& is) {
  SkipWhitespace(static_cast<InsituStringStream&>(is));
}

// The reader's hook for copying the plain bytes of a string, for this stream (the same stream is
// read from and written to in situ).
template <>
template <>
inline void GenericReader<UTF8<>, UTF8<>, CrtAllocator>::ScanCopyUnescapedString(
    backfill::detail::PaddedInsituStream& is, backfill::detail::PaddedInsituStream&) {
  backfill::detail::scan_unescaped(is.src_, is.dst_);
}

}  // namespace rapidjson
