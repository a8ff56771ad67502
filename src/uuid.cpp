// UUID format check (RFC 9562 text form). No version or variant check: the API reference's own
// example id 4e9d3726-bdd7-0079-613c-e9aaba89eb01 is version 0, and the API accepts it.
#include "backfill/formats.h"

namespace backfill {

namespace {
bool is_hex(char c) noexcept {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
}  // namespace

bool is_uuid(std::string_view text) noexcept {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash_position = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash_position ? text[i] != '-' : !is_hex(text[i])) return false;
  }
  return true;
}

}  // namespace backfill
