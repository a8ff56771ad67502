// JSON numbers, converted here from the literal RapidJSON hands over (kParseNumbersAsStringsFlag):
// its own number parser crashes on exponents near INT_MIN (CVE-2024-38517, unpatched in Debian's
// 1.1.0).
#pragma once

#include <cstdint>
#include <string_view>

namespace backfill::detail {

/// A number as the document stores it: the narrowest of RapidJSON's types that holds it exactly.
struct JsonNumber {
  enum class Type : std::uint8_t { int32, uint32, int64, uint64, real };
  Type type = Type::real;
  std::int64_t signed_value = 0;     ///< int32, int64
  std::uint64_t unsigned_value = 0;  ///< uint32, uint64
  double real_value = 0;             ///< real
};

/// Converts a JSON number literal: an integer that fits 64 bits as that integer, anything else as the
/// nearest double (read in the C locale). False when it is beyond the range of a double.
bool convert_number(std::string_view literal, JsonNumber& out);

}  // namespace backfill::detail
