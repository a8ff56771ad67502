// UUID format check (RFC 9562 text form). No version or variant check: the API reference's own
// example id 4e9d3726-bdd7-0079-613c-e9aaba89eb01 is version 0, and the API accepts it.
#include "uuid.h"

#include "backfill/formats.h"

namespace backfill {

namespace {

// A table instead of range comparisons: ids are checked on every component of every update.
struct HexTable {
  std::uint8_t value[256] = {};  // the digit's value, or kNotHex
  static constexpr std::uint8_t kNotHex = 0xff;
  constexpr HexTable() {
    for (auto& v : value) v = kNotHex;
    for (int c = '0'; c <= '9'; ++c) value[c] = static_cast<std::uint8_t>(c - '0');
    for (int c = 'a'; c <= 'f'; ++c) value[c] = static_cast<std::uint8_t>(c - 'a' + 10);
    for (int c = 'A'; c <= 'F'; ++c) value[c] = static_cast<std::uint8_t>(c - 'A' + 10);
  }
};
constexpr HexTable kHex;

// Where the 32 hex digits of the 8-4-4-4-12 form are.
constexpr unsigned char kDigitAt[32] = {0,  1,  2,  3,  4,  5,  6,  7,  9,  10, 11, 12, 14, 15, 16, 17,
                                        19, 20, 21, 22, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35};

}  // namespace

namespace detail {

bool parse_uuid(std::string_view text, UuidBits& out) noexcept {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') return false;
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::uint8_t any = 0;  // digits are below 16; kNotHex is not
  std::uint64_t half[2] = {0, 0};
  for (int h = 0; h < 2; ++h) {
    for (int k = 0; k < 16; ++k) {
      const std::uint8_t v = kHex.value[bytes[kDigitAt[h * 16 + k]]];
      any |= v;
      half[h] = half[h] << 4 | (v & 0x0f);
    }
  }
  out = {half[0], half[1]};
  return (any & 0xf0) == 0;
}

}  // namespace detail

bool is_uuid(std::string_view text) noexcept {
  detail::UuidBits ignored;
  return detail::parse_uuid(text, ignored);
}

}  // namespace backfill
