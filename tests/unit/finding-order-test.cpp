// Findings into document order: by offset, then by order of creation, whatever runs they come in.
#include <algorithm>
#include <random>
#include <utility>
#include <vector>

#include "helpers.h"
#include "rules/finding_order.h"

TEST_CASE("finding order: any runs come out sorted by offset, then serial") {
  std::mt19937 random(17);
  for (int round = 0; round < 400; ++round) {
    const std::size_t size = random() % 300;
    const std::size_t runs = 1 + random() % (round % 2 == 0 ? 4 : 40);  // few runs merge, many sort
    backfill::detail::FindingList findings;
    std::vector<std::pair<std::size_t, std::uint32_t>> expected;
    for (std::size_t i = 0; i < size; ++i) {
      backfill::detail::Finding& f = findings.emplace_back();
      // Runs of rising offsets, each starting anywhere; equal offsets keep the order of creation.
      const std::size_t run = i * runs / std::max<std::size_t>(size, 1);
      f.offset = run * 7 % 50 + (i - run * size / runs) * (random() % 3) + random() % 2;
      f.serial = static_cast<std::uint32_t>(i);
      expected.emplace_back(f.offset, f.serial);
    }
    std::sort(expected.begin(), expected.end());
    backfill::detail::sort_by_position(findings);
    std::vector<std::pair<std::size_t, std::uint32_t>> got;
    for (const backfill::detail::Finding& f : findings) got.emplace_back(f.offset, f.serial);
    CAPTURE(round);
    CHECK(got == expected);
  }
}
