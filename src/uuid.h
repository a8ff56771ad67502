// A UUID's 128 bits: compared as two integers, two spellings of one UUID (hex digits in either case)
// are equal, which the component rules need for every component of every update.
#pragma once

#include <cstdint>
#include <string_view>

namespace backfill::detail {

struct UuidBits {
  std::uint64_t high = 0, low = 0;
  friend bool operator==(const UuidBits& a, const UuidBits& b) noexcept { return a.high == b.high && a.low == b.low; }
  friend bool operator<(const UuidBits& a, const UuidBits& b) noexcept {
    return a.high != b.high ? a.high < b.high : a.low < b.low;
  }
};

/// Reads `text` as backfill::is_uuid does; false (and `out` unspecified) when it is not a UUID.
bool parse_uuid(std::string_view text, UuidBits& out) noexcept;

}  // namespace backfill::detail
