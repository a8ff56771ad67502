// The walk for repeated member names, run only when the parse could not rule them out.
#include "json/duplicates.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "json/parsed_json.h"
#include "json/values.h"

namespace backfill::detail {

std::vector<DuplicateKey> ParsedJson::find_duplicate_keys() const {
  std::vector<DuplicateKey> found;
  if (!may_repeat_names_) return found;
  // No pointers here: a repeat deep under long names would cost its whole path, once per repeat;
  // pointers_of() names the few that are listed.
  std::vector<const Value*> pending;
  // A scalar root has no members (GetObject() on it would trip RapidJSON's assertion).
  if (document_.IsObject() || document_.IsArray()) pending.push_back(&document_);
  std::vector<std::pair<std::string_view, std::size_t>> sorted;  // a large object's names, with their index
  while (!pending.empty()) {
    const Value* value = pending.back();
    pending.pop_back();
    if (value->IsArray()) {
      for (const Value& item : value->GetArray()) {
        if (item.IsObject() || item.IsArray()) pending.push_back(&item);
      }
      continue;
    }
    const auto members = value->GetObject();
    const std::size_t count = members.MemberCount();
    auto at = [&](std::size_t i) -> const auto& { return members.begin()[static_cast<rapidjson::SizeType>(i)]; };
    // Each repeat against the first occurrence of its name, in member order.
    const std::size_t repeats_from = found.size();
    auto report = [&](std::size_t i, std::size_t first) {
      found.push_back({&at(i).value, &at(first).value, text_of(at(i).name)});
    };
    if (count <= kNamesComparedPairwise) {
      for (std::size_t i = 1; i < count; ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (text_of(at(i).name) == text_of(at(j).name)) {
            report(i, j);
            break;
          }
        }
      }
    } else {
      sorted.clear();
      for (std::size_t i = 0; i < count; ++i) sorted.emplace_back(text_of(at(i).name), i);
      std::sort(sorted.begin(), sorted.end());
      std::size_t first = 0;
      for (std::size_t i = 1; i < sorted.size(); ++i) {
        if (sorted[i].first != sorted[first].first)
          first = i;
        else
          report(sorted[i].second, sorted[first].second);
      }
      // Member order: members are stored in order, so by address.
      std::sort(
          found.begin() + static_cast<std::ptrdiff_t>(repeats_from), found.end(),
          [](const DuplicateKey& a, const DuplicateKey& b) { return std::less<const Value*>()(a.value, b.value); });
    }
    // A repeat's contents cannot be named by a pointer (which resolves to the first occurrence), and
    // the repeat is already reported: do not look inside it.
    std::size_t next_repeat = repeats_from;
    for (std::size_t i = 0; i < count; ++i) {
      const Value& child = at(i).value;
      if (next_repeat < found.size() && found[next_repeat].value == &child) {
        ++next_repeat;
        continue;
      }
      if (child.IsObject() || child.IsArray()) pending.push_back(&child);
    }
  }
  return found;
}

}  // namespace backfill::detail
