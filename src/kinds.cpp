#include "kinds.h"

#include "rules/context.h"

namespace backfill {

namespace detail {

namespace {

constexpr KindInfo kKindTable[] = {
    {Kind::request, "request", "request.schema.json", "request body", check_request_rules},
    {Kind::response, "response", "response.schema.json", "response body", check_response_rules},
    {Kind::error, "error", "error.schema.json", "error body", nullptr},
    {Kind::parameters, "parameters", "parameters.schema.json", "parameters", check_parameter_rules},
    {Kind::automatic, "auto", "", "document", nullptr},
};
static_assert(std::size(kKindTable) == std::size(kKinds), "one row per kind");

}  // namespace

const KindInfo& kind_info(Kind kind) noexcept {
  for (const KindInfo& row : kKindTable) {
    if (row.kind == kind) return row;
  }
  return kKindTable[std::size(kKindTable) - 1];
}

void check_rules(Kind kind, const RuleContext& context) {
  if (const auto rules = kind_info(kind).rules) rules(context);
}

Kind detect_kind(const Value& root) noexcept {
  if (!root.IsObject()) return Kind::request;
  const Value* errors = member(root, "errors");
  const Value* data = member(root, "data");
  if (errors != nullptr && data == nullptr) return Kind::error;
  if (member(root, "included") != nullptr) return Kind::response;
  const Value* d = data && data->IsObject() ? data : nullptr;
  if (d == nullptr) return Kind::request;
  if (member(*d, "id") != nullptr) return Kind::response;
  if (const Value* attributes = object_member(d, "attributes")) {
    for (std::string_view name :
         {"start_date", "completed_date", "published_date", "modified_at", "is_backfilled", "in_progress_description",
          "completed_description", "scheduled_description", "components_affected", "status"}) {
      if (member(*attributes, name) != nullptr) return Kind::response;
    }
  }
  if (const Value* relationships = object_member(d, "relationships")) {
    if (member(*relationships, "created_by_user") || member(*relationships, "status_page")) return Kind::response;
  }
  return Kind::request;
}

}  // namespace detail

std::string_view kind_name(Kind kind) noexcept { return detail::kind_info(kind).name; }

std::optional<Kind> parse_kind(std::string_view name) noexcept {
  for (Kind k : kKinds) {
    if (kind_name(k) == name) return k;
  }
  return std::nullopt;
}

}  // namespace backfill
