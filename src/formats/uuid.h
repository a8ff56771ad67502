// A UUID as a comparison key: its 36 characters with the hex digits in lower case, as four words
// and a tail, so that two spellings of one UUID compare equal in five integer compares. The
// component rules compare every component of every update.
#pragma once

#include <cstdint>
#include <string_view>

namespace backfill::detail {

struct UuidKey {
  std::uint64_t words[4] = {0, 0, 0, 0};
  std::uint32_t tail = 0;
  friend bool operator==(const UuidKey& a, const UuidKey& b) noexcept {
    return a.words[0] == b.words[0] && a.words[1] == b.words[1] && a.words[2] == b.words[2] &&
           a.words[3] == b.words[3] && a.tail == b.tail;
  }
};

/// Checks `text` as backfill::is_uuid does and, when it is a UUID, sets `out` to its key.
bool parse_uuid(std::string_view text, UuidKey& out) noexcept;

}  // namespace backfill::detail
