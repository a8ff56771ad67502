// RFC 3339 date-time parsing, section 5.6, without regular expressions: libstdc++'s std::regex
// recurses once per character (GCC PR 86164) and valijson's date-time regex overflows the stack on
// long input, so this is a single forward scan that stops at the first fault.
#include <cstdio>

#include "backfill/formats.h"

namespace backfill {

namespace {

class Scanner {
 public:
  explicit Scanner(std::string_view text) noexcept : text_(text) {}

  // Reads exactly `count` ASCII digits as a number; false if any is missing or not a digit.
  bool digits(int count, int& out) noexcept {
    int value = 0;
    for (int i = 0; i < count; ++i) {
      if (pos_ >= text_.size() || !is_digit(text_[pos_])) return false;
      value = value * 10 + (text_[pos_++] - '0');
    }
    out = value;
    return true;
  }
  bool literal(char expected) noexcept {
    if (pos_ < text_.size() && text_[pos_] == expected) {
      ++pos_;
      return true;
    }
    return false;
  }
  bool literal_any_case(char upper) noexcept { return literal(upper) || literal(static_cast<char>(upper - 'A' + 'a')); }
  bool at_digit() const noexcept { return pos_ < text_.size() && is_digit(text_[pos_]); }
  char next() noexcept { return text_[pos_++]; }
  bool done() const noexcept { return pos_ == text_.size(); }

 private:
  static bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
  std::string_view text_;
  std::size_t pos_ = 0;
};

bool is_leap_year(int year) noexcept { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) noexcept {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap_year(year) ? 29 : kDays[month - 1];
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
std::int64_t days_from_civil(int year, int month, int day) noexcept {
  const int y = year - (month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

DateTimeParse fail(std::string_view problem) noexcept { return {std::nullopt, problem}; }

}  // namespace

DateTimeParse parse_date_time(std::string_view text) noexcept {
  Scanner in(text);
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!in.digits(4, year) || !in.literal('-') || !in.digits(2, month) || !in.literal('-') || !in.digits(2, day)) {
    return fail("expected a full date YYYY-MM-DD");
  }
  if (month < 1 || month > 12) return fail("month is not 01-12");
  if (day < 1 || day > days_in_month(year, month)) return fail("day does not exist in that month");
  if (!in.literal_any_case('T')) return fail("expected 'T' between date and time");
  if (!in.digits(2, hour) || !in.literal(':') || !in.digits(2, minute) || !in.literal(':') || !in.digits(2, second)) {
    return fail("expected a time hh:mm:ss");
  }
  if (hour > 23) return fail("hour is not 00-23");
  if (minute > 59) return fail("minute is not 00-59");
  if (second > 60) return fail("second is not 00-60");

  std::uint64_t attoseconds = 0;
  if (in.literal('.')) {
    if (!in.at_digit()) return fail("expected digits after '.'");
    // The weight of each fraction digit in attoseconds (a table: a division per digit showed up in
    // profiles); digits past the 18th are validated but carry no weight.
    static constexpr std::uint64_t kWeight[18] = {100000000000000000ULL,
                                                  10000000000000000ULL,
                                                  1000000000000000ULL,
                                                  100000000000000ULL,
                                                  10000000000000ULL,
                                                  1000000000000ULL,
                                                  100000000000ULL,
                                                  10000000000ULL,
                                                  1000000000ULL,
                                                  100000000ULL,
                                                  10000000ULL,
                                                  1000000ULL,
                                                  100000ULL,
                                                  10000ULL,
                                                  1000ULL,
                                                  100ULL,
                                                  10ULL,
                                                  1ULL};
    for (std::size_t i = 0; in.at_digit(); ++i) {
      const auto digit = static_cast<std::uint64_t>(in.next() - '0');
      if (i < 18) attoseconds += digit * kWeight[i];
    }
  }

  int offset_minutes = 0;
  if (!in.literal_any_case('Z')) {
    int sign = 0;
    if (in.literal('+'))
      sign = 1;
    else if (in.literal('-'))
      sign = -1;
    else
      return fail("expected an offset: 'Z' or +hh:mm / -hh:mm");
    int offset_hour = 0, offset_minute = 0;
    if (!in.digits(2, offset_hour) || !in.literal(':') || !in.digits(2, offset_minute)) {
      return fail("expected an offset +hh:mm or -hh:mm");
    }
    if (offset_hour > 23) return fail("offset hour is not 00-23");
    if (offset_minute > 59) return fail("offset minute is not 00-59");
    offset_minutes = sign * (offset_hour * 60 + offset_minute);
  }
  if (!in.done()) return fail("unexpected characters after the date-time");

  const std::int64_t local_minutes = days_from_civil(year, month, day) * 1440 + hour * 60 + minute;
  const std::int64_t utc_minutes = local_minutes - offset_minutes;
  if (second == 60) {
    // A leap second is inserted at 23:59:60 UTC only; in another offset it moves with the clock.
    const std::int64_t minute_of_day = ((utc_minutes % 1440) + 1440) % 1440;
    if (minute_of_day != 23 * 60 + 59) return fail("second 60 is only valid at 23:59:60 UTC");
  }
  return {Instant{utc_minutes * 60 + second, attoseconds}, {}};
}

bool is_date_time(std::string_view text) noexcept { return parse_date_time(text).instant.has_value(); }

std::string format_instant(const Instant& instant) {
  std::int64_t days = instant.seconds / 86400;
  std::int64_t rest = instant.seconds % 86400;
  if (rest < 0) {
    rest += 86400;
    --days;
  }
  // civil_from_days (Howard Hinnant).
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t doe = days - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const std::int64_t day = doy - (153 * mp + 2) / 5 + 1;
  const std::int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const std::int64_t year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  char buffer[64];
  int length =
      std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld", static_cast<long long>(year),
                    static_cast<long long>(month), static_cast<long long>(day), static_cast<long long>(rest / 3600),
                    static_cast<long long>(rest / 60 % 60), static_cast<long long>(rest % 60));
  std::string out(buffer, static_cast<std::size_t>(length));
  if (instant.attoseconds != 0) {
    std::snprintf(buffer, sizeof buffer, ".%018llu", static_cast<unsigned long long>(instant.attoseconds));
    std::string fraction(buffer);
    while (fraction.back() == '0') fraction.pop_back();
    out += fraction;
  }
  out += 'Z';
  return out;
}

}  // namespace backfill
