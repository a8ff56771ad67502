// Document order for findings: the order reports list them in.
#pragma once

#include <cstddef>
#include <cstdint>

#include "rules/context.h"

namespace backfill::detail {

/// The order reports list findings in: by offset, then by the order the layers made them in
/// (serials are unique).
constexpr bool position_before(std::size_t offset, std::uint32_t serial, std::size_t other_offset,
                               std::uint32_t other_serial) noexcept {
  return offset != other_offset ? offset < other_offset : serial < other_serial;
}

/// Sorts located findings into position_before() order. Sorts compact keys and moves each finding once, not the
/// findings themselves, which are large; floods of findings arrive mostly in order and stay cheap.
void sort_by_position(FindingList& findings);

}  // namespace backfill::detail
