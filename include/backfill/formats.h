// backfill-check: exact, linear-time checkers for the formats the contract uses.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "backfill/export.h"

namespace backfill {

/// A point in time: seconds since 1970-01-01T00:00:00Z and attoseconds (10^-18 s) within the second.
struct Instant {
  std::int64_t seconds = 0;       ///< Whole seconds since the Unix epoch, UTC.
  std::uint64_t attoseconds = 0;  ///< Fraction of the second, in 10^-18 s (fraction digits past 18 are dropped).

  friend bool operator==(const Instant& a, const Instant& b) noexcept {
    return a.seconds == b.seconds && a.attoseconds == b.attoseconds;
  }
  friend bool operator!=(const Instant& a, const Instant& b) noexcept { return !(a == b); }
  friend bool operator<(const Instant& a, const Instant& b) noexcept {
    return a.seconds != b.seconds ? a.seconds < b.seconds : a.attoseconds < b.attoseconds;
  }
  friend bool operator>(const Instant& a, const Instant& b) noexcept { return b < a; }
  friend bool operator<=(const Instant& a, const Instant& b) noexcept { return !(b < a); }
  friend bool operator>=(const Instant& a, const Instant& b) noexcept { return !(a < b); }
};

/// The outcome of parsing an RFC 3339 date-time: the instant, or what is wrong with the text.
struct DateTimeParse {
  std::optional<Instant> instant;  ///< Set when the text is a valid RFC 3339 date-time.
  std::string_view problem;        ///< Otherwise a short phrase naming the first fault found.
};

/// Parses an RFC 3339 `date-time` (section 5.6) exactly: offset required, `T`/`Z` in either case,
/// real calendar dates, hours 00-23, leap second only at 23:59:60 UTC, any number of fraction digits.
/// Runs in time linear in the input and never allocates.
BACKFILL_API DateTimeParse parse_date_time(std::string_view text) noexcept;

/// True when `text` is an RFC 3339 date-time.
BACKFILL_API bool is_date_time(std::string_view text) noexcept;

/// True when `text` is a UUID in the 8-4-4-4-12 hexadecimal form, any case, any version and variant.
BACKFILL_API bool is_uuid(std::string_view text) noexcept;

/// Formats an instant as RFC 3339 UTC with the fraction trimmed of trailing zeros ("...T10:11:11.5Z").
BACKFILL_API std::string format_instant(const Instant& instant);

}  // namespace backfill
