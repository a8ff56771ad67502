// Request rules for CreateBackfilledMaintenanceRequest. The contract (API reference, "updates"):
// "Exactly two updates are required: the start (in_progress) and the end (completed)."
#include <algorithm>
#include <cctype>

#include "rules.h"

namespace backfill::detail {

namespace {

constexpr std::string_view kUpdatesPointer = "/data/attributes/updates";

std::string update_pointer(std::size_t index, std::string_view member_name = {}) {
  std::string pointer(kUpdatesPointer);
  append_pointer_index(pointer, index);
  if (!member_name.empty()) append_pointer_token(pointer, member_name);
  return pointer;
}

// ASCII case folding (what std::tolower does in the C locale, without a libc call per byte and
// without depending on the process locale): UUIDs differ in case only in their hex digits.
unsigned char fold(char c) noexcept {
  return static_cast<unsigned char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

// Orders as comparing ascii_lower() copies would, without allocating the copies (a request lists
// each component twice, and these ran for every one).
bool folded_less(std::string_view a, std::string_view b) noexcept {
  const std::size_t common = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < common; ++i) {
    if (fold(a[i]) != fold(b[i])) return fold(a[i]) < fold(b[i]);
  }
  return a.size() < b.size();
}

// (id, position) pairs by folded id, then position: the order a stable sort by id gives, without
// the buffer std::stable_sort allocates.
template <typename Entry>
bool by_folded_id(const Entry& a, const Entry& b) noexcept {
  if (folded_less(a.first, b.first)) return true;
  return !folded_less(b.first, a.first) && a.second < b.second;
}

bool folded_equal(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (fold(a[i]) != fold(b[i])) return false;
  }
  return true;
}

// BF2001: exactly two updates.
void check_updates_count(const RuleContext& context, const Value& updates) {
  if (updates.Size() == 2) return;
  context.report(Code::updates_count, &updates, std::string(kUpdatesPointer),
                 "updates holds " + std::to_string(updates.Size()) +
                     (updates.Size() == 1 ? " item" : " items") +
                     "; exactly two are required: the start (in_progress) and the end (completed)");
}

// BF2002: first in_progress, second completed.
void check_status_order(const RuleContext& context, const Value& updates) {
  static constexpr std::string_view kExpected[] = {"in_progress", "completed"};
  static constexpr std::string_view kRole[] = {"first update (the start)", "second update (the end)"};
  for (rapidjson::SizeType i = 0; i < std::min<rapidjson::SizeType>(updates.Size(), 2); ++i) {
    const Value* status = string_member(&updates[i], "status");
    if (status == nullptr || text_of(*status) == kExpected[i]) continue;
    context.report(Code::updates_status_order, status, update_pointer(i, "status"),
                   "the " + std::string(kRole[i]) + " has status " + quote_value(*status) + "; it must be \"" +
                       std::string(kExpected[i]) + "\"");
  }
}

// BF2003 and BF2009: started_at strictly increasing as instants; the end not after now.
void check_started_at(const RuleContext& context, const Value& updates) {
  if (updates.Size() < 2) return;
  const Value* first = string_member(&updates[0], "started_at");
  const Value* second = string_member(&updates[1], "started_at");
  if (second == nullptr) return;
  const DateTimeParse end = parse_date_time(text_of(*second));
  if (!end.instant) return;  // reported by date-time-format
  const Instant finish = *end.instant;
  if (first != nullptr) {
    const DateTimeParse begin = parse_date_time(text_of(*first));
    if (begin.instant && finish <= *begin.instant) {
      context.report(Code::started_at_order, second, update_pointer(1, "started_at"),
                     "the second update starts at " + quote_value(*second) +
                         (finish == *begin.instant ? ", the same instant as" : ", before") + " the first update's " +
                         quote_value(*first) + "; it must be strictly later");
    }
  }
  if (finish > context.now) {
    context.report(Code::completed_in_future, second, update_pointer(1, "started_at"),
                   "the maintenance completes at " + quote_value(*second) + ", after now (" + format_instant(context.now) +
                       "); a backfill records a maintenance that already happened");
  }
}

// BF2006 component statuses; BF2007 duplicates within an update.
void check_components(const RuleContext& context, const Value& update, std::size_t index) {
  const Value* components = member(update, "components_affected");
  if (components == nullptr || !components->IsArray()) return;
  std::vector<std::pair<std::string_view, std::size_t>> seen;
  seen.reserve(components->Size());
  for (rapidjson::SizeType c = 0; c < components->Size(); ++c) {
    const Value& component = (*components)[c];
    if (const Value* status = string_member(&component, "status")) {
      const std::string_view s = text_of(*status);
      if (s != "operational" && s != "maintenance") {
        std::string base = update_pointer(index, "components_affected");  // built only when reporting
        append_pointer_index(base, c);
        context.report(Code::component_status, status, base + "/status",
                       quote_value(*status) + " is not a status of a component under maintenance; expected "
                                               "\"operational\" or \"maintenance\"");
      }
    }
    if (const Value* id = string_member(&component, "id")) {
      seen.emplace_back(text_of(*id), c);
    }
  }
  std::sort(seen.begin(), seen.end(), by_folded_id<std::pair<std::string_view, std::size_t>>);
  for (std::size_t i = 1; i < seen.size(); ++i) {
    if (!folded_equal(seen[i].first, seen[i - 1].first)) continue;
    const auto later = std::max(seen[i].second, seen[i - 1].second);
    const auto earlier = std::min(seen[i].second, seen[i - 1].second);
    std::string pointer = update_pointer(index, "components_affected");
    append_pointer_index(pointer, later);
    const Value* id = member((*components)[static_cast<rapidjson::SizeType>(later)], "id");
    context.report(Code::component_duplicate, id, pointer + "/id",
                   "component " + quote_value(*id) + " is already listed at index " + std::to_string(earlier) +
                       " of this update; list each component once");
    seen[i].second = later;  // a third copy is reported against the latest one
  }
}

// BF2008: a component put in maintenance at the start is operational at the end.
void check_components_restored(const RuleContext& context, const Value& updates) {
  if (updates.Size() < 2) return;
  const Value* start = member(updates[0], "components_affected");
  const Value* end = member(updates[1], "components_affected");
  if (start == nullptr || !start->IsArray() || end == nullptr || !end->IsArray()) return;
  // An unreadable id at completion may be the missing component: its own diagnostic suffices.
  for (const Value& component : end->GetArray()) {
    const Value* id = string_member(&component, "id");
    if (id != nullptr && !is_uuid(text_of(*id))) return;
  }
  // The first entry at completion for each id, looked up once per start entry: linear, not quadratic
  // (a request may list hundreds of components).
  // Sorted by folded id, then position: the first of equal ids is the earliest entry.
  std::vector<std::pair<std::string_view, rapidjson::SizeType>> first_at_end;
  first_at_end.reserve(end->Size());
  for (rapidjson::SizeType e = 0; e < end->Size(); ++e) {
    if (const Value* other = string_member(&(*end)[e], "id")) first_at_end.emplace_back(text_of(*other), e);
  }
  std::sort(first_at_end.begin(), first_at_end.end(), by_folded_id<std::pair<std::string_view, rapidjson::SizeType>>);
  const auto by_id = [](const auto& a, const auto& b) { return folded_less(a.first, b.first); };
  for (rapidjson::SizeType c = 0; c < start->Size(); ++c) {
    const Value* id = string_member(&(*start)[c], "id");
    const Value* status = string_member(&(*start)[c], "status");
    if (id == nullptr || status == nullptr || text_of(*status) != "maintenance") continue;
    auto found = std::lower_bound(first_at_end.begin(), first_at_end.end(),
                                  std::pair<std::string_view, rapidjson::SizeType>{text_of(*id), 0}, by_id);
    if (found != first_at_end.end() && !folded_equal(found->first, text_of(*id))) found = first_at_end.end();
    const Value* restored = found == first_at_end.end() ? nullptr : &(*end)[found->second];
    const rapidjson::SizeType at = found == first_at_end.end() ? 0 : found->second;
    if (restored == nullptr) {
      context.report(Code::component_not_restored, end, update_pointer(1, "components_affected"),
                     "component " + quote_value(*id) + " is in maintenance at the start but not listed at completion; "
                                                     "list it with status \"operational\"");
      continue;
    }
    const Value* end_status = string_member(restored, "status");
    if (end_status && text_of(*end_status) == "maintenance") {
      std::string pointer = update_pointer(1, "components_affected");
      append_pointer_index(pointer, at);
      context.report(Code::component_not_restored, end_status, pointer + "/status",
                     "component " + quote_value(*id) + " is still in maintenance at completion; expected \"operational\"");
    }
  }
}

}  // namespace

void check_request_rules(const RuleContext& context) {
  const Value* data = member(context.root, "data");
  const Value* attributes = data ? member(*data, "attributes") : nullptr;
  const Value* updates = attributes ? member(*attributes, "updates") : nullptr;
  if (updates == nullptr || !updates->IsArray()) return;
  check_updates_count(context, *updates);
  check_status_order(context, *updates);
  check_started_at(context, *updates);
  for (rapidjson::SizeType i = 0; i < updates->Size(); ++i) {
    if ((*updates)[i].IsObject()) check_components(context, (*updates)[i], i);
  }
  check_components_restored(context, *updates);
}

bool rule_subsumes(Code rule, std::string_view keyword) noexcept {
  switch (rule) {
    case Code::updates_count: return keyword == "minItems" || keyword == "maxItems";
    case Code::updates_status_order:
    case Code::component_status:
    case Code::relationship_type:
    case Code::maintenance_status: return keyword == "enum";
    default: return false;
  }
}

}  // namespace backfill::detail
