// Repeated member names (BF0005): the one definition of when an object repeats a name, used while
// parsing (to know that a document has none) and after (ParsedJson::find_duplicate_keys()).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace backfill::detail {

/// Objects with at most this many members are searched pair by pair (no allocation); larger ones by
/// sorting their names.
constexpr std::size_t kNamesComparedPairwise = 16;

/// Watches the member names a parse reports, object by object, and tells afterwards whether some
/// object may repeat one: nearly every document repeats none, and then needs no walk to know it.
/// Objects with more than kNamesComparedPairwise members are not compared here (they count as "may").
class RepeatedNameWatch {
 public:
  /// `names` and `starts` are reused buffers; names must stay valid while the parse runs.
  RepeatedNameWatch(std::vector<std::string_view>& names, std::vector<std::size_t>& starts) noexcept
      : names_(names), starts_(starts) {
    names_.clear();
    starts_.clear();
  }

  void open_object() { starts_.push_back(names_.size()); }
  void close_object() {
    names_.resize(starts_.back());
    starts_.pop_back();
  }
  void name(std::string_view name) {
    const std::size_t first = starts_.back();
    if (may_repeat_ || names_.size() - first >= kNamesComparedPairwise) {
      may_repeat_ = true;
      return;
    }
    for (std::size_t i = first; i < names_.size(); ++i) {
      if (names_[i] == name) {
        may_repeat_ = true;
        return;
      }
    }
    names_.push_back(name);
  }
  bool may_repeat() const noexcept { return may_repeat_; }

 private:
  std::vector<std::string_view>& names_;  // the names of the open objects, innermost last
  std::vector<std::size_t>& starts_;      // where each open object's names start in names_
  bool may_repeat_ = false;
};

}  // namespace backfill::detail
