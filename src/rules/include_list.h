// The `include` query parameter: a comma-separated list of relationship names, read the same way by
// the parameter rules (what may be named) and the exchange check (what the response must include).
#pragma once

#include <algorithm>
#include <string_view>

namespace backfill::detail {

/// The relationships the endpoint can include.
inline constexpr std::string_view kIncludable[] = {"created_by_user", "last_modified_by_user", "status_page"};

/// Calls `visit(item)` for each item of `list` in order, empty ones included ("a,,b" has three, ""
/// one), until it returns false.
template <typename Visit>
void for_each_include_item(std::string_view list, Visit&& visit) {
  for (std::size_t start = 0;;) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    if (!visit(list.substr(start, end - start)) || end == list.size()) return;
    start = end + 1;
  }
}

}  // namespace backfill::detail
