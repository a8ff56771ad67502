#include "rules/finding_order.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace backfill::detail {

void sort_by_position(FindingList& findings) {
  struct Key {
    std::size_t offset;
    std::uint32_t serial;
    std::uint32_t index;
    bool operator<(const Key& other) const noexcept {
      return offset != other.offset ? offset < other.offset : serial < other.serial;
    }
  };
  std::vector<Key> keys;
  keys.reserve(findings.size());
  std::uint32_t index = 0;
  for (const Finding& f : findings) keys.push_back({f.offset, f.serial, index++});
  if (std::is_sorted(keys.begin(), keys.end())) return;
  std::sort(keys.begin(), keys.end());
  FindingList sorted;
  for (const Key& key : keys) sorted.push_back(std::move(findings[key.index]));
  findings.swap(sorted);
}

}  // namespace backfill::detail
