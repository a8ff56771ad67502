#include "rules/finding_order.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace backfill::detail {

void sort_by_position(FindingList& findings) {
  struct Key {
    std::size_t offset;
    std::uint32_t serial;
    std::uint32_t index;
    bool operator<(const Key& other) const noexcept {
      return position_before(offset, serial, other.offset, other.serial);
    }
  };
  // Mostly already in order: found out without building anything.
  const Finding* previous = nullptr;
  bool ordered = true;
  for (const Finding& f : findings) {
    if (previous != nullptr && Key{f.offset, f.serial, 0} < Key{previous->offset, previous->serial, 0}) {
      ordered = false;
      break;
    }
    previous = &f;
  }
  if (ordered) return;
  std::vector<Key> keys;
  keys.reserve(findings.size());
  std::uint32_t index = 0;
  for (const Finding& f : findings) keys.push_back({f.offset, f.serial, index++});
  // Each layer reports in document order, so the findings are a few ordered runs (often one, or
  // one with a rule's finding at the root after it): merging runs is linear where a sort is not.
  std::vector<std::size_t> run_starts;
  for (std::size_t i = 1; i < keys.size(); ++i) {
    if (keys[i] < keys[i - 1]) run_starts.push_back(i);
  }
  if (run_starts.empty()) return;
  constexpr std::size_t kMergedRunsAtMost = 8;
  if (run_starts.size() <= kMergedRunsAtMost) {
    run_starts.push_back(keys.size());
    for (std::size_t r = 0; r + 1 < run_starts.size(); ++r) {
      std::inplace_merge(keys.begin(), keys.begin() + static_cast<std::ptrdiff_t>(run_starts[r]),
                         keys.begin() + static_cast<std::ptrdiff_t>(run_starts[r + 1]));
    }
  } else {
    std::sort(keys.begin(), keys.end());
  }
  FindingList sorted;
  for (const Key& key : keys) sorted.push_back(std::move(findings[key.index]));
  findings.swap(sorted);
}

}  // namespace backfill::detail
