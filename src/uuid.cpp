// UUID format check (RFC 9562 text form). No version or variant check: the API reference's own
// example id 4e9d3726-bdd7-0079-613c-e9aaba89eb01 is version 0, and the API accepts it.
#include "backfill/formats.h"

namespace backfill {

namespace {

// A table instead of range comparisons: ids are checked on every component of every update.
struct HexTable {
  bool digit[256] = {};
  constexpr HexTable() {
    for (int c = '0'; c <= '9'; ++c) digit[c] = true;
    for (int c = 'a'; c <= 'f'; ++c) digit[c] = true;
    for (int c = 'A'; c <= 'F'; ++c) digit[c] = true;
  }
};
constexpr HexTable kHex;

}  // namespace

bool is_uuid(std::string_view text) noexcept {
  if (text.size() != 36 || text[8] != '-' || text[13] != '-' || text[18] != '-' || text[23] != '-') return false;
  bool ok = true;
  for (std::size_t i = 0; i < 36; ++i) {
    if (i == 8 || i == 13 || i == 18 || i == 23) continue;
    ok &= kHex.digit[static_cast<unsigned char>(text[i])];
  }
  return ok;
}

}  // namespace backfill
