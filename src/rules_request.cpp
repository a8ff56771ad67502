// Request rules for CreateBackfilledMaintenanceRequest. The contract (API reference, "updates"):
// "Exactly two updates are required: the start (in_progress) and the end (completed)."
#include <algorithm>
#include <cctype>
#include <unordered_map>

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
  const auto start = first ? parse_date_time(text_of(*first)).instant : std::nullopt;
  const auto end = second ? parse_date_time(text_of(*second)).instant : std::nullopt;
  if (start && end && *end <= *start) {
    context.report(Code::started_at_order, second, update_pointer(1, "started_at"),
                   "the second update starts at " + quote_value(*second) + (*end == *start ? ", the same instant as" : ", before") +
                       " the first update's " + quote_value(*first) + "; it must be strictly later");
  }
  if (end && *end > context.now) {
    context.report(Code::completed_in_future, second, update_pointer(1, "started_at"),
                   "the maintenance completes at " + quote_value(*second) + ", after now (" + format_instant(context.now) +
                       "); a backfill records a maintenance that already happened");
  }
}

// BF2006 component statuses; BF2007 duplicates within an update.
void check_components(const RuleContext& context, const Value& update, std::size_t index) {
  const Value* components = member(update, "components_affected");
  if (components == nullptr || !components->IsArray()) return;
  std::vector<std::pair<std::string, std::size_t>> seen;
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
      seen.emplace_back(ascii_lower(text_of(*id)), c);
    }
  }
  std::stable_sort(seen.begin(), seen.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < seen.size(); ++i) {
    if (seen[i].first != seen[i - 1].first) continue;
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
  std::unordered_map<std::string, rapidjson::SizeType> first_at_end;
  for (rapidjson::SizeType e = 0; e < end->Size(); ++e) {
    if (const Value* other = string_member(&(*end)[e], "id")) first_at_end.emplace(ascii_lower(text_of(*other)), e);
  }
  for (rapidjson::SizeType c = 0; c < start->Size(); ++c) {
    const Value* id = string_member(&(*start)[c], "id");
    const Value* status = string_member(&(*start)[c], "status");
    if (id == nullptr || status == nullptr || text_of(*status) != "maintenance") continue;
    const auto found = first_at_end.find(ascii_lower(text_of(*id)));
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
