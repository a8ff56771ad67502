// Integers by std::from_chars, everything else by strtod_l in the C locale (correctly rounded, and
// independent of the process's locale).
#include "json/numbers.h"

#include <clocale>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <locale.h>
#include <charconv>
#include <string>

namespace backfill::detail {

namespace {

locale_t c_locale() {
  static const locale_t locale = newlocale(LC_ALL_MASK, "C", static_cast<locale_t>(nullptr));
  return locale;
}

}  // namespace

bool convert_number(std::string_view literal, JsonNumber& out) {
  const char* const begin = literal.data();
  const char* const end = begin + literal.size();
  if (literal.find_first_of(".eE") == std::string_view::npos) {
    if (literal[0] == '-') {
      std::int64_t value = 0;
      if (std::from_chars(begin, end, value).ec == std::errc()) {
        out.type = value >= std::numeric_limits<int>::min() ? JsonNumber::Type::int32 : JsonNumber::Type::int64;
        out.signed_value = value;
        return true;
      }
    } else {
      std::uint64_t value = 0;
      if (std::from_chars(begin, end, value).ec == std::errc()) {
        out.type = value <= std::numeric_limits<unsigned>::max() ? JsonNumber::Type::uint32 : JsonNumber::Type::uint64;
        out.unsigned_value = value;
        return true;
      }
    }
  }
  // In situ the literal is not NUL-terminated: strtod_l gets a terminated copy.
  const std::string terminated(literal);
  const double value = strtod_l(terminated.c_str(), nullptr, c_locale());
  if (std::isinf(value)) return false;
  out.type = JsonNumber::Type::real;
  out.real_value = value;
  return true;
}

}  // namespace backfill::detail
